package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The review loop on the real stack: an agent flags a message the bot misread, a supervisor
 * approves it as an example of the right intent, and the same message is understood in a new
 * conversation, by a new model, without restarting the worker.
 */
@ExtendWith(BatonStackExtension.class)
class BotReviewIT {
  /** The shipped bot reads this as a security concern (with little confidence). */
  private static final String MISREAD = "is someone there on sundays";

  private final ApiClient api;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  BotReviewIT(BatonStack stack) {
    this.api = stack.api();
  }

  @Test
  void aFlaggedMessageApprovedWithTheRightIntentIsUnderstoodByTheNextConversationWithoutARestart() throws Exception {
    String first = api.startConversation("review-" + suffix, "standard", MISREAD).path("conversationId").asText();
    // The misreading (a security concern) may send the conversation to account_access.
    ApiClient agent = api.as(api.agent("review-agent-" + suffix, "general", "orders", "account_access"));
    ApiClient supervisor = api.as(api.operator());

    JsonNode misread = agent.get("/conversations/" + first + "/bot-turns").expect(200).path("turns").get(0);
    assertThat(misread.path("text").asText()).isEqualTo(MISREAD);
    assertThat(misread.path("intent").asText()).isNotEqualTo("opening_hours");
    String oldModel = misread.path("modelVersion").asText();
    assertThat(oldModel).hasSize(12);

    JsonNode flagged =
        agent.post("/conversations/" + first + "/bot-turns/1/flag", Map.of("expectedIntent", "opening_hours", "comment", "they ask when we are open"))
            .expect(200);
    assertThat(flagged.path("flag").path("expectedIntent").asText()).isEqualTo("opening_hours");
    assertThat(agent.post("/conversations/" + first + "/bot-turns/1/flag", Map.of("expectedIntent", "gift_cards")).status())
        .as("an intent the bot does not have")
        .isEqualTo(400);

    JsonNode review = supervisor.get("/bot/review").expect(200);
    JsonNode group = find(review.path("groups"), g -> "opening_hours".equals(g.path("intent").asText()));
    JsonNode item = find(group.path("items"), i -> first.equals(i.path("conversationId").asText()));
    assertThat(item.path("reasons").toString()).contains("FLAGGED");
    assertThat(supervisor.get(item.path("transcript").asText().replace("/api/v1", "")).expect(200).path("messages").get(0).path("text").asText())
        .as("the transcript is one call away")
        .isEqualTo(MISREAD);

    supervisor.post("/bot/review/" + first + "/1", Map.of("decision", "APPROVE", "intent", "opening_hours")).expect(200);
    assertThat(supervisor.post("/bot/review/" + first + "/1", Map.of("decision", "DISMISS")).status())
        .as("a decided message is not decided otherwise")
        .isEqualTo(409);

    JsonNode model = awaitNewModel(supervisor, Duration.ofSeconds(180));
    String newModel = model.path("version").asText();
    assertThat(newModel).isNotEqualTo(oldModel);

    JsonNode second = api.startConversation("review-again-" + suffix, "standard", MISREAD);
    String secondId = second.path("conversationId").asText();
    assertThat(second.path("status").asText()).as("the bot answers it now: %s", second).isEqualTo("BOT_ACTIVE");
    assertThat(api.conversation(secondId).path("intent").asText()).isEqualTo("opening_hours");
    assertThat(second.path("replies").get(0).path("text").asText())
        .as("answered from the queue's business hours, whatever they are now")
        .containsPattern("here .+ \\(.+ time\\)\\. We're (open|closed)")
        .doesNotContain("{");
    JsonNode read = agent.get("/conversations/" + secondId + "/bot-turns").expect(200).path("turns").get(0);
    assertThat(read.path("intent").asText()).isEqualTo("opening_hours");
    assertThat(read.path("modelVersion").asText()).as("history says which model answered").isEqualTo(newModel);
    assertThat(supervisor.get("/bot/review").expect(200).toString()).doesNotContain("\"conversationId\":\"" + first + "\"");
  }

  /** The model in use once it has learnt every approved example. */
  private static JsonNode awaitNewModel(ApiClient supervisor, Duration within) throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    JsonNode model = null;
    while (Instant.now().isBefore(deadline)) {
      ApiClient.Response answer = supervisor.get("/bot/model");
      if (answer.status() == 200 && answer.body().path("learned").asInt() >= 1 && !answer.body().path("pending").asBoolean(true)) {
        return answer.body();
      }
      model = answer.body();
      Thread.sleep(500);
    }
    throw new AssertionError("the worker did not retrain within " + within + "; last model: " + model);
  }

  private static JsonNode find(JsonNode array, java.util.function.Predicate<JsonNode> test) {
    List<JsonNode> found = new java.util.ArrayList<>();
    array.forEach(n -> {
      if (test.test(n)) {
        found.add(n);
      }
    });
    assertThat(found).as("in %s", array).isNotEmpty();
    return found.get(0);
  }
}
