package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A customer who stops answering is let go: the conversation becomes ABANDONED when the idle
 * timeout passes. A second api with a 5-second timeout serves these conversations, beside the
 * shared one, as another replica would.
 */
@ExtendWith(BatonStackExtension.class)
class IdleTimeoutIT {
  private final ApiClient impatientApi;

  IdleTimeoutIT(BatonStack stack) {
    this.impatientApi =
        stack.startApi("api-idle-5s", Map.of("BATON_CONVERSATION_IDLE_TIMEOUT", "5s"));
  }

  @Test
  void aConversationLeftAloneIsAbandonedAndTakesNoMoreMessages() {
    String id = impatientApi.newConversation("cust-idle", "hello");

    await("ABANDONED")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(impatientApi.conversation(id).path("status").asText())
                    .isEqualTo("ABANDONED"));

    List<JsonNode> transcript = impatientApi.transcript(id);
    Transcripts.assertGapFree(transcript);
    assertThat(transcript.get(transcript.size() - 1).path("author").asText()).isEqualTo("SYSTEM");
    assertThat(impatientApi.sendMessage(id, "sorry, I was away", "idle-1").status()).isEqualTo(409);
  }
}
