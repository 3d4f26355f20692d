package dev.baton.bot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.bot.FakeServer.Answer;
import dev.baton.bot.FakeServer.Received;
import dev.baton.conversation.Customer;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The language-model bot through Spring AI's OpenAI client against a fake OpenAI-compatible chat
 * server on 127.0.0.1 (what Ollama or vLLM serve at /v1/chat/completions).
 */
class LanguageModelBotTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeServer server = newServer();
  private final Bot bot =
      new FallbackBot(
          "the language-model bot",
          new LanguageModelBot(
              LanguageModelBot.openAiCompatible(server.uri("/v1").toString(), "", "llama3.2", Duration.ofSeconds(3), 0),
              ShippedBot.CATALOG, ShippedBot.ANSWERS, ShippedBot.BOT, ShippedBot.POLICY),
          ShippedBot.BOT);

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theModelIsPromptedWithTheKnowledgeFileAndItsStructuredAnswerIsTheTurn() throws IOException {
    server.answering(
        (attempt, request) ->
            Answer.ok(
                completion(
                    """
                    {"intent":"return_item","confidence":0.88,"reply":"You can return any item within 30 days.",\
                    "sentiment":0.2,"resolved":false,"wantsPerson":false}""")));

    BotTurn turn = bot.respond(request("can I send back the jacket I bought?"));

    assertThat(turn.botFailure()).isNull();
    assertThat(turn.intent()).isEqualTo("return_item");
    assertThat(turn.confidence()).isEqualTo(0.88);
    assertThat(turn.sentiment()).isEqualTo(0.2);
    assertThat(turn.reply()).isEqualTo("You can return any item within 30 days.");
    assertThat(turn.answered()).isTrue();
    assertThat(turn.resolvesConversation()).isFalse();

    Received sent = server.received.get(0);
    assertThat(sent.path()).isEqualTo("/v1/chat/completions");
    JsonNode body = JSON.readTree(sent.body());
    assertThat(body.path("model").asText()).isEqualTo("llama3.2");
    String system = body.path("messages").get(0).path("content").asText();
    String user = body.path("messages").get(1).path("content").asText();
    // The knowledge file: intents with examples, and the answers a support manager wrote.
    assertThat(system).contains("- return_item", "print the free label", "- track_order (needs order number)");
    // The customer's words as data; Spring AI's structured-output instructions (the JSON schema of
    // the reading) with the other instructions.
    assertThat(JSON.readTree(user).path("customerMessage").asText()).isEqualTo("can I send back the jacket I bought?");
    assertThat(system).contains("\"confidence\"", "\"wantsPerson\"", "JSON Schema");
  }

  @Test
  void anAnswerInCodeFencesStillParses() {
    server.answering(
        (attempt, request) ->
            Answer.ok(
                completion(
                    "```json\n{\"intent\":\"contact_human_agent\",\"confidence\":0.95,\"reply\":null,\"wantsPerson\":true}\n```")));

    BotTurn turn = bot.respond(request("is there somebody who could look at this with me"));

    assertThat(turn.botFailure()).isNull();
    assertThat(turn.intent()).isEqualTo("contact_human_agent");
    assertThat(turn.confidence()).isEqualTo(1.0);
    assertThat(turn.reply()).isNull();
  }

  @Test
  void aServerErrorFallsBackToTheBuiltInBot() {
    server.answering((attempt, request) -> new Answer(500, "{\"error\":{\"message\":\"model crashed\"}}", 0));

    BotTurn turn = bot.respond(request("how do I return a jacket"));

    assertThat(turn.botFailure()).startsWith("the language-model bot failed: the model did not answer");
    assertThat(turn.intent()).isEqualTo("return_item");
    assertThat(turn.reply()).contains("return any item within 30 days");
  }

  @Test
  void anIntentOutsideTheCatalogOrProseInsteadOfJsonIsNotTrusted() {
    server.answering(
        (attempt, request) ->
            Answer.ok(
                attempt == 1
                    ? completion("{\"intent\":\"free_money\",\"confidence\":0.99,\"reply\":\"Here is a voucher!\"}")
                    : completion("Sure! I'd be happy to help you return your jacket.")));

    BotTurn invented = bot.respond(request("how do I return a jacket"));
    BotTurn prose = bot.respond(request("how do I return a jacket"));

    assertThat(invented.botFailure()).contains("intent 'free_money' is not in the catalog");
    assertThat(invented.reply()).doesNotContain("voucher");
    assertThat(prose.botFailure()).contains("did not return the JSON asked for");
    assertThat(prose.reply()).contains("return any item within 30 days");
  }

  @Test
  void aModelThatIsTooSlowFallsBackWithinItsTimeout() {
    Bot slow =
        new FallbackBot(
            "the language-model bot",
            new LanguageModelBot(
                LanguageModelBot.openAiCompatible(server.uri("/v1").toString(), "", "llama3.2", Duration.ofMillis(500), 0),
                ShippedBot.CATALOG, ShippedBot.ANSWERS, ShippedBot.BOT, ShippedBot.POLICY),
            ShippedBot.BOT);
    server.answering((attempt, request) -> new Answer(200, completion("{}"), 3_000));

    long start = System.nanoTime();
    BotTurn turn = slow.respond(request("how do I return a jacket"));

    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_500);
    assertThat(turn.botFailure()).startsWith("the language-model bot failed: the model did not answer");
    assertThat(turn.reply()).contains("return any item within 30 days");
  }

  private static BotRequest request(String text) {
    return new BotRequest("conv-1", text, "en", null, 1, null, new Customer("cust-1", "Ada", null, null, "en"));
  }

  /** A chat completion as OpenAI's API (and Ollama's, and vLLM's) returns it. */
  private static String completion(String content) {
    try {
      return JSON.writeValueAsString(
          JSON.createObjectNode()
              .put("id", "chatcmpl-1")
              .put("object", "chat.completion")
              .put("created", 1767225600)
              .put("model", "llama3.2")
              .<com.fasterxml.jackson.databind.node.ObjectNode>set(
                  "choices",
                  JSON.createArrayNode()
                      .add(
                          JSON.createObjectNode()
                              .put("index", 0)
                              .put("finish_reason", "stop")
                              .putNull("logprobs")
                              .set("message", JSON.createObjectNode().put("role", "assistant").put("content", content))))
              .set(
                  "usage",
                  JSON.createObjectNode().put("prompt_tokens", 900).put("completion_tokens", 40).put("total_tokens", 940)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FakeServer newServer() {
    try {
      return new FakeServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
