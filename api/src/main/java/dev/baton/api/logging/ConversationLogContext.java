package dev.baton.api.logging;

import dev.baton.api.limits.Limits;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the conversation id of a {@code /api/v1/conversations/{id}/…} request into the logging
 * context for every line logged while it is handled (the structured log of the prod profile
 * carries it as {@code conversationId}). Only a well-formed id is put there: a path cannot write
 * into the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConversationLogContext extends OncePerRequestFilter {
  static final String CONVERSATION_ID = "conversationId";
  private static final Pattern CONVERSATION = Pattern.compile("^/api/v1/conversations/(" + Limits.ID + ")(?:/.*)?$");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Matcher matcher = CONVERSATION.matcher(request.getRequestURI());
    if (!matcher.matches()) {
      chain.doFilter(request, response);
      return;
    }
    try (var id = MDC.putCloseable(CONVERSATION_ID, matcher.group(1))) {
      chain.doFilter(request, response);
    }
  }

  /** Async dispatches (event streams) log too. */
  @Override
  protected boolean shouldNotFilterAsyncDispatch() {
    return false;
  }
}
