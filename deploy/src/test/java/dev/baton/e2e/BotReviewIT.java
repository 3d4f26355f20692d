package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The review loop on the real stack, with two workers as production runs them: an agent flags a
 * message the bot misread, a supervisor approves it as an example of the right intent, one worker
 * trains a model on the shipped catalogue and that example, stores and announces it, the other
 * loads it, and the same message is understood in new conversations served by either worker, by
 * the same new model, without a restart.
 */
@ExtendWith(BatonStackExtension.class)
class BotReviewIT {
  /** The shipped bot misreads this, with little confidence (as a request for a person, or out of scope). */
  private static final String MISREAD = "is someone there on sundays";
  private static final String RIGHT = "contact_customer_service";
  /** Training on the shipped catalogue takes minutes on the suite's busy 2-core machine. */
  private static final Duration RETRAIN = Duration.ofMinutes(8);

  private final BatonStack stack;
  private final ApiClient api;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newHttpClient();
  /** The conversation whose message is flagged and approved. */
  private String first;

  BotReviewIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @Test
  void aFlaggedMessageApprovedWithTheRightIntentIsUnderstoodByEveryWorkerWithOneNewModelWithoutARestart() throws Exception {
    BatonStack.WorkerReplica second = stack.startWorkerReplica("worker-2");
    try {
      assertThat(lines(second.log(), "no newer model of this catalogue is stored"))
          .as("a starting worker loads what is stored, and nothing is yet")
          .hasSize(1);
      approveTheMisreadMessage();
      Instant approved = Instant.now();

      JsonNode model = awaitNewModel(api.as(api.operator()), RETRAIN);
      String newModel = model.path("version").asText();
      Duration live = Duration.between(approved, Instant.now());
      awaitModelOf(stack.workerBase(), newModel);
      awaitModelOf(second.base(), newModel);
      Duration everywhere = Duration.between(approved, Instant.now());
      List<String> trained = lines(stack.workerLog(), second.log(), "Bot model " + newModel + " trained on");
      System.out.printf(
          "BotReviewIT: approved to live %d s, to both workers %d s; %s%n", live.toSeconds(), everywhere.toSeconds(), trained);
      assertThat(trained).as("one worker trained").hasSize(1);
      assertThat(lines(stack.workerLog(), second.log(), "Bot model " + newModel + " loaded from the store"))
          .as("the other loaded what it stored, when it was announced")
          .hasSize(1);

      // Only the second worker runs: it serves the whole conversation.
      stack.stopWorker();
      understood("review-on-second-" + suffix, newModel);

      // Only the stack's own worker runs, restarted: it loads the stored model at start.
      stack.startWorker();
      second.stop();
      understood("review-on-first-" + suffix, newModel);
      assertThat(lines(stack.workerLog(), second.log(), "Bot model " + newModel + " trained on"))
          .as("a starting worker never trains")
          .hasSize(1);
    } finally {
      second.stop();
      if (!stack.workerRunning()) {
        stack.startWorker();
      }
    }
  }

  private void approveTheMisreadMessage() {
    first = api.startConversation("review-" + suffix, "standard", MISREAD).path("conversationId").asText();
    // Agents read the bot's readings of conversations in their queues: the customer asks for one.
    api.handoff(first, null).expect(200);
    ApiClient agent = agent();
    ApiClient supervisor = api.as(api.operator());

    JsonNode misread = agent.get("/conversations/" + first + "/bot-turns").expect(200).path("turns").get(0);
    assertThat(misread.path("text").asText()).isEqualTo(MISREAD);
    assertThat(misread.path("intent").asText()).isNotEqualTo(RIGHT);
    assertThat(misread.path("modelVersion").asText()).hasSize(12);

    JsonNode flagged =
        agent.post("/conversations/" + first + "/bot-turns/1/flag", Map.of("expectedIntent", RIGHT, "comment", "they ask when we are open"))
            .expect(200);
    assertThat(flagged.path("flag").path("expectedIntent").asText()).isEqualTo(RIGHT);
    assertThat(agent.post("/conversations/" + first + "/bot-turns/1/flag", Map.of("expectedIntent", "gift_cards")).status())
        .as("an intent the bot does not have")
        .isEqualTo(400);

    JsonNode review = supervisor.get("/bot/review").expect(200);
    JsonNode group = find(review.path("groups"), g -> RIGHT.equals(g.path("intent").asText()));
    JsonNode item = find(group.path("items"), i -> first.equals(i.path("conversationId").asText()));
    assertThat(item.path("reasons").toString()).contains("FLAGGED");
    assertThat(supervisor.get(item.path("transcript").asText().replace("/api/v1", "")).expect(200).path("messages").get(0).path("text").asText())
        .as("the transcript is one call away")
        .isEqualTo(MISREAD);

    supervisor.post("/bot/review/" + first + "/1", Map.of("decision", "APPROVE", "intent", RIGHT)).expect(200);
    assertThat(supervisor.post("/bot/review/" + first + "/1", Map.of("decision", "DISMISS")).status())
        .as("a decided message is not decided otherwise")
        .isEqualTo(409);
  }

  /** A new conversation with the misread message is answered, by {@code model}, as it should be. */
  private void understood(String customer, String model) {
    JsonNode started = api.startConversation(customer, "standard", MISREAD);
    String id = started.path("conversationId").asText();
    assertThat(started.path("status").asText()).as("the bot answers it now: %s", started).isEqualTo("BOT_ACTIVE");
    assertThat(api.conversation(id).path("intent").asText()).isEqualTo(RIGHT);
    assertThat(started.path("replies").get(0).path("text").asText())
        .as("answered from the queue's business hours, whatever they are now")
        .containsPattern("here .+ \\(.+ time\\)\\. We're (open|closed)")
        .doesNotContain("{");
    // A conversation the bot holds: its readings are a supervisor's to read.
    JsonNode read = api.as(api.operator()).get("/conversations/" + id + "/bot-turns").expect(200).path("turns").get(0);
    assertThat(read.path("intent").asText()).isEqualTo(RIGHT);
    assertThat(read.path("modelVersion").asText()).as("history says which model answered").isEqualTo(model);
    assertThat(api.as(api.operator()).get("/bot/review").expect(200).toString())
        .doesNotContain("\"conversationId\":\"" + first + "\"");
  }

  /** An agent of the queues the misreading may send the conversation to. */
  private ApiClient agent() {
    return api.as(api.agent("review-agent-" + suffix, "general", "orders", "account_access"));
  }

  /** Waits until the worker whose actuator answers at {@code base} reads with {@code model}. */
  private void awaitModelOf(URI base, String model) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    String seen = null;
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> info =
          http.send(HttpRequest.newBuilder(base.resolve("/actuator/info")).build(), HttpResponse.BodyHandlers.ofString());
      seen = ApiClient.JSON.readTree(info.body()).path("bot").path("modelVersion").asText();
      if (model.equals(seen)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the worker at " + base + " reads with " + seen + ", not " + model);
  }

  /** The lines of the logs that contain {@code text}. */
  private static List<String> lines(Path log, String text) throws IOException {
    return Files.readAllLines(log).stream().filter(l -> l.contains(text)).toList();
  }

  private static List<String> lines(Path one, Path other, String text) throws IOException {
    List<String> found = new ArrayList<>(lines(one, text));
    found.addAll(lines(other, text));
    return found;
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
      Thread.sleep(1000);
    }
    throw new AssertionError("no worker retrained within " + within + "; last model: " + model);
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
