package dev.baton.api.conversation;

import dev.baton.conversation.ConversationIds;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Links into the Temporal Web UI. A conversation's link names its workflow, not a run: the UI
 * redirects it to the latest run, so it stays good across continue-as-new.
 */
@Component
class TemporalUiLinks {
  private final String baseUrl;
  private final String namespace;

  TemporalUiLinks(
      @Value("${baton.temporal-ui.base-url:http://127.0.0.1:8233}") String baseUrl,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.namespace = namespace;
  }

  /** The conversation's page; {@code null} when no UI is configured (an empty base URL). */
  String conversation(String conversationId) {
    if (baseUrl.isBlank()) {
      return null;
    }
    return baseUrl + "/namespaces/" + encode(namespace) + "/workflows/" + encode(ConversationIds.workflowId(conversationId));
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
