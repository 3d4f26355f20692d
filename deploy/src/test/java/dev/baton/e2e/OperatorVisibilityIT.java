package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An operator finds conversations by status with the real Temporal CLI, through the search
 * attributes the workflow keeps up to date (the same query works in the Temporal UI).
 */
@ExtendWith(BatonStackExtension.class)
class OperatorVisibilityIT {
  /** Visibility is eventually consistent, even on the dev server. */
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

  private final BatonStack stack;
  private final ApiClient api;

  OperatorVisibilityIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @Test
  void aConversationIsListedUnderItsCurrentStatus() {
    String id = api.newConversation("cust-ops", "where is my order 12345678");
    String workflowId = "conversation-" + id;

    await("listed as BOT_ACTIVE")
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> assertThat(workflowIds("BatonStatus=\"BOT_ACTIVE\"")).contains(workflowId));

    api.post("/conversations/" + id + "/close", Map.of()).expect(200);
    assertThat(api.conversation(id).path("status").asText()).isEqualTo("CLOSED");

    await("listed as CLOSED")
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(workflowIds("BatonStatus=\"CLOSED\"")).contains(workflowId);
              assertThat(workflowIds("BatonStatus=\"BOT_ACTIVE\"")).doesNotContain(workflowId);
            });
  }

  /** {@code temporal workflow list --query QUERY -o json}, reduced to the workflow ids. */
  private List<String> workflowIds(String query) throws Exception {
    String output = stack.temporal("workflow", "list", "--query", query, "-o", "json");
    List<String> ids = new ArrayList<>();
    if (!output.isBlank()) {
      for (JsonNode execution : ApiClient.JSON.readTree(output)) {
        ids.add(execution.path("execution").path("workflowId").asText());
      }
    }
    return ids;
  }
}
