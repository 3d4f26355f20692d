package dev.baton.e2e;

import static dev.baton.e2e.EscalationIT.assertEscalation;
import static dev.baton.e2e.EscalationIT.assertWarmTransfer;
import static dev.baton.e2e.EscalationIT.customerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ELAPSED_TIME on the clock: the bot asked the customer something, nobody answered it, and a
 * person is brought in once {@code noProgressAfter} has passed, with no message to set it off. The
 * shipped 90 seconds would make a slow test, so the shared worker is restarted with a copy of the
 * shipped rules whose default is 5 seconds, and restored afterwards (the rules a conversation runs
 * under are in its history, so conversations of other tests keep theirs).
 */
@ExtendWith(BatonStackExtension.class)
class EscalationTimerIT {
  private static final Duration NO_PROGRESS_AFTER = Duration.ofSeconds(5);
  private static final String STANDARD = "standard";

  private final BatonStack stack;
  private final ApiClient api;

  EscalationTimerIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @Test
  void aQuestionLeftWithoutAnAnswerTooLongGoesToAPerson() throws IOException {
    api.agentOnline("e2e-desk", java.util.List.of("orders", "general"), 50);
    Path rules = rulesWithNoProgressAfter(NO_PROGRESS_AFTER);
    stack.restartWorker(Map.of("BATON_ESCALATION_RULES", "file:" + rules));
    try {
      String answered =
          api.startConversation(
                  customerId("timer-answered"), STANDARD, "where is my order 12345678")
              .path("conversationId")
              .asText();
      JsonNode asked =
          api.startConversation(customerId("timer-asked"), STANDARD, "where is my order");
      String id = asked.path("conversationId").asText();
      assertThat(asked.path("status").asText()).isEqualTo("BOT_ACTIVE");
      assertThat(asked.path("replies").get(0).path("text").asText()).contains("order number");

      await("escalated by the no-progress timer")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> api.conversation(id).path("status").asText().equals("AWAITING_AGENT"));

      JsonNode conversation = api.conversation(id);
      assertEscalation(conversation, "ELAPSED_TIME", "orders", 2);
      assertThat(conversation.path("escalation").path("detail").asText())
          .isEqualTo("No answer 5 seconds after the customer's first unanswered message.");
      List<JsonNode> transcript = api.transcript(id);
      Transcripts.assertGapFree(transcript);
      assertThat(Transcripts.customerTexts(transcript)).containsExactly("where is my order");
      assertWarmTransfer(
          transcript.subList(transcript.size() - 2, transcript.size()),
          "orders",
          "I'm bringing in a person from our orders team because I haven't been able to solve"
              + " this quickly.");
      Instant askedAt = Instant.parse(transcript.get(0).path("at").asText());
      Instant escalatedAt = Instant.parse(conversation.path("escalation").path("at").asText());
      assertThat(Duration.between(askedAt, escalatedAt))
          .as("time from the unanswered message to the escalation")
          .isGreaterThanOrEqualTo(NO_PROGRESS_AFTER)
          .isLessThan(Duration.ofSeconds(60));

      assertThat(api.conversation(answered).path("status").asText())
          .as("a conversation whose question the bot answered, older than the timer")
          .isEqualTo("BOT_ACTIVE");
      JsonNode later = api.send(id, "hello? I found it: 12345678", "timer-2");
      assertThat(later.path("replies")).as("replies once escalated").isEmpty();
    } finally {
      stack.restoreWorker();
    }
  }

  /** A copy of the shipped rules, in deploy/target, with another default no-progress time. */
  private Path rulesWithNoProgressAfter(Duration after) throws IOException {
    String shipped =
        Files.readString(
            stack.root().resolve("activities/src/main/resources/escalation/rules.yaml"));
    // Only the defaults block indents its thresholds by two spaces (vip.thresholds by four).
    String changed =
        shipped.replaceFirst("(?m)^(  noProgressAfter:\\s*)\\S+", "$1" + after.toSeconds() + "s");
    assertThat(changed)
        .as("rules.yaml with defaults.noProgressAfter replaced")
        .isNotEqualTo(shipped);
    Path copy = stack.workDirectory().resolve("e2e-escalation-rules.yaml");
    Files.writeString(copy, changed);
    return copy;
  }
}
