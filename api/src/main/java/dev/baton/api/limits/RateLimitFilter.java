package dev.baton.api.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.baton.api.problem.Problems;
import dev.baton.api.problem.ProblemWriter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token buckets (Bucket4j) per client address for every /api/v1 call, and per conversation for
 * the calls that change one; over either, 429 with Retry-After. The buckets live in this api
 * instance (a bounded Caffeine map that forgets quiet keys), so with several instances the
 * effective limit is their sum. The client address is the connection's: behind a proxy, set
 * {@code server.forward-headers-strategy} so it is the client's, not the proxy's.
 */
@Component
@EnableConfigurationProperties(LimitsProperties.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RateLimitFilter extends OncePerRequestFilter {
  /** A call that changes a conversation: any method but GET on /api/v1/conversations/{id}/…. */
  private static final Pattern CONVERSATION = Pattern.compile("^/api/v1/conversations/([^/]+)(/.*)?$");

  private final LimitsProperties.Rate perClient;
  private final LimitsProperties.Rate perConversation;
  private final ProblemWriter problems;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  RateLimitFilter(LimitsProperties limits, JsonMapper json) {
    this.perClient = limits.perClient();
    this.perConversation = limits.perConversation();
    this.problems = new ProblemWriter(json);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (perClient.enabled()) {
      Duration wait = take("client:" + request.getRemoteAddr(), perClient);
      if (wait != null) {
        refuse(response, "This client sent more than " + perClient.burst() + " requests at once or "
            + perClient.perSecond() + " a second; wait and repeat the call.", wait);
        return;
      }
    }
    Matcher conversation = CONVERSATION.matcher(request.getRequestURI());
    if (perConversation.enabled() && !"GET".equals(request.getMethod()) && conversation.matches()) {
      Duration wait = take("conversation:" + conversation.group(1), perConversation);
      if (wait != null) {
        refuse(response, "This conversation got more than " + perConversation.burst() + " calls at once or "
            + perConversation.perSecond() + " a second; wait and repeat the call with the same clientMessageId.", wait);
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletResponse response, String detail, Duration wait) throws IOException {
    problems.write(response, new TooManyRequests(Problems.TOO_MANY_REQUESTS, detail, wait));
  }

  /** Takes a token from the key's bucket: null when there was one, else how long until there is. */
  private Duration take(String key, LimitsProperties.Rate rate) {
    Bucket bucket =
        buckets.get(
            key,
            k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(rate.perSecond(), Duration.ofSeconds(1)))
                .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? null : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }
}
