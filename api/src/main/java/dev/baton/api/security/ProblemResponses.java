package dev.baton.api.security;

import dev.baton.api.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the security filters answer, as problem+json like every other error: 401 without a valid
 * token, 403 for a caller who may not do this, and 404 for a customer asking about a conversation
 * that is not theirs, so a token never reveals whether another conversation exists, and for an
 * agent asking about one the read model does not have ({@link ConversationGate}).
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    response.setHeader("WWW-Authenticate", "Bearer");
    boolean presented = request.getHeader("Authorization") != null;
    write(
        response,
        Problems.UNAUTHENTICATED,
        HttpStatus.UNAUTHORIZED,
        presented
            ? "The bearer token is not valid (unknown, expired or signed by someone Baton does not trust)."
            : "This call needs a bearer token: a customer token from starting the conversation, or an agent's token.",
        Map.of());
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    Caller caller = Caller.of(SecurityContextHolder.getContext().getAuthentication()).orElse(null);
    String conversationId = ConversationPaths.conversationId(request).orElse(null);
    boolean unknown =
        denied instanceof AuthorizationDeniedException refused
            && refused.getAuthorizationResult() instanceof SecurityConfiguration.UnknownConversation;
    boolean notTheirs = caller != null && caller.customer() && !caller.conversationId().equals(conversationId);
    if (conversationId != null && (unknown || notTheirs)) {
      write(
          response,
          Problems.CONVERSATION_NOT_FOUND,
          HttpStatus.NOT_FOUND,
          "There is no conversation " + conversationId + ".",
          Map.of("conversationId", conversationId));
      return;
    }
    write(response, Problems.FORBIDDEN, HttpStatus.FORBIDDEN, forbidden(caller), Map.of());
  }

  private static String forbidden(Caller caller) {
    if (caller == null) {
      return "This call is not allowed.";
    }
    if (caller.customer()) {
      return "A customer token cannot do this.";
    }
    return caller.name() + " (" + caller.role().toLowerCase(java.util.Locale.ROOT)
        + ") may not do this: it needs another role, or a queue they are not assigned to.";
  }

  static void write(HttpServletResponse response, Problems type, HttpStatus status, String detail, Map<String, ?> more)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", type.type().toString());
    problem.put("title", type.with(status, detail).getTitle());
    problem.put("status", status.value());
    problem.put("detail", detail);
    problem.putAll(more);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    JSON.writeValue(response.getOutputStream(), problem);
  }
}
