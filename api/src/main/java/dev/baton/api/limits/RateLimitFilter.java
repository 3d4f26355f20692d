package dev.baton.api.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rate per client address for every /api/v1 call, before anything else looks at it (sign-in
 * included); over it, 429 with Retry-After. The client address is the connection's: behind a
 * proxy, Tomcat makes it the client's only for connections from BATON_TRUSTED_PROXIES. The
 * rate per conversation is {@link ConversationRateLimitFilter}'s, after the caller is known.
 */
@Component
@EnableConfigurationProperties(LimitsProperties.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RateLimitFilter extends OncePerRequestFilter {
  private final LimitsProperties.Rate perClient;
  private final Buckets buckets;

  RateLimitFilter(LimitsProperties limits, JsonMapper json) {
    this.perClient = limits.perClient();
    this.buckets = new Buckets(json);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !perClient.enabled() || !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Duration wait = buckets.take("client:" + request.getRemoteAddr(), perClient);
    if (wait != null) {
      buckets.refuse(response, "This client sent more than " + perClient.burst() + " requests at once or "
          + perClient.perSecond() + " a second; wait and repeat the call.", wait);
      return;
    }
    chain.doFilter(request, response);
  }
}
