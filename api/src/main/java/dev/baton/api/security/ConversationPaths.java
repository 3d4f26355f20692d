package dev.baton.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The conversation a request's path names, read as Spring reads the {@code {conversationId}} it
 * hands the route rules and the controllers: percent-decoded, path parameters ({@code ;x=1})
 * left out. Whatever keys on a conversation outside Spring MVC (the rate per conversation, the
 * 404 of a refusal) uses this, so that {@code c%2D1} and {@code c-1} are one conversation there
 * too.
 */
public final class ConversationPaths {
  private static final PathPattern CONVERSATION =
      PathPatternParser.defaultInstance.parse("/api/v1/conversations/{conversationId}/**");
  private static final Pattern RAW = Pattern.compile("^/api/v1/conversations/([^/]+)(/.*)?$");

  private ConversationPaths() {}

  /**
   * The conversation id of a path under /api/v1/conversations/{id}; empty for any other path. A
   * segment that does not decode (a stray {@code %}) is taken as it is: no route can serve it,
   * and it still counts against something.
   */
  public static Optional<String> conversationId(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    try {
      PathPattern.PathMatchInfo match = CONVERSATION.matchAndExtract(PathContainer.parsePath(path));
      return match == null ? Optional.empty() : Optional.ofNullable(match.getUriVariables().get("conversationId"));
    } catch (IllegalArgumentException undecodable) {
      return Optional.of(RAW.matcher(path)).filter(Matcher::matches).map(m -> m.group(1));
    }
  }
}
