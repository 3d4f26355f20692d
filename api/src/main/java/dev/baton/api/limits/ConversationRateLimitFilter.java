package dev.baton.api.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rate per conversation for the calls that change one (any method but GET on
 * /api/v1/conversations/{id}/…); over it, 429 with Retry-After. It runs after Spring Security's
 * filters, so only calls the caller may make count: a stranger's refused calls cannot use up a
 * customer's conversation.
 */
@Component
@Order(ConversationRateLimitFilter.AFTER_SECURITY)
class ConversationRateLimitFilter extends OncePerRequestFilter {
  /** Spring Security's filter chain is registered at -100 (its default filter order). */
  static final int AFTER_SECURITY = -99;

  private static final Pattern CONVERSATION = Pattern.compile("^/api/v1/conversations/([^/]+)(/.*)?$");

  private final LimitsProperties.Rate perConversation;
  private final Buckets buckets;

  ConversationRateLimitFilter(LimitsProperties limits, JsonMapper json) {
    this.perConversation = limits.perConversation();
    this.buckets = new Buckets(json);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !perConversation.enabled() || "GET".equals(request.getMethod());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher conversation = CONVERSATION.matcher(request.getRequestURI());
    if (conversation.matches()) {
      Duration wait = buckets.take("conversation:" + conversation.group(1), perConversation);
      if (wait != null) {
        buckets.refuse(response, "This conversation got more than " + perConversation.burst() + " calls at once or "
            + perConversation.perSecond() + " a second; wait and repeat the call with the same clientMessageId.", wait);
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
