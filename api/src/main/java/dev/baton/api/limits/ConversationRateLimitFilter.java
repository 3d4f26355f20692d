package dev.baton.api.limits;

import dev.baton.api.security.ConversationPaths;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * A rate per conversation for the calls that change one (any method but GET on
 * /api/v1/conversations/{id}/…); over it, 429 with Retry-After. It runs after Spring Security's
 * filters, so only calls the caller may make count: a stranger's refused calls cannot use up a
 * customer's conversation. The bucket is the conversation's id as the route sees it (decoded),
 * not the path as sent, so spelling the id with percent escapes opens no fresh bucket.
 */
@Component
@Order(ConversationRateLimitFilter.AFTER_SECURITY)
class ConversationRateLimitFilter extends OncePerRequestFilter {
  /** Spring Security's filter chain is registered at -100 (its default filter order). */
  static final int AFTER_SECURITY = -99;

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
    Optional<String> conversation = ConversationPaths.conversationId(request);
    if (conversation.isPresent()) {
      Duration wait = buckets.take("conversation:" + conversation.get(), perConversation);
      if (wait != null) {
        buckets.refuse(response, "This conversation got more than " + perConversation.burst() + " calls at once or "
            + perConversation.perSecond() + " a second; wait and repeat the call with the same clientMessageId.", wait);
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
