package dev.baton.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.bot.FakeServer.Answer;
import dev.baton.bot.FakeServer.Received;
import dev.baton.conversation.Author;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.escalation.EscalationReason;
import dev.baton.escalation.TurnSignals;
import dev.baton.escalation.Verdict;
import dev.baton.http.EndlessServer;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The webhook bot against a fake team bot on 127.0.0.1, as the worker builds it (with the fallback). */
class WebhookBotTest {
  private static final String SECRET = "a-shared-secret-of-some-length";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Customer ADA = new Customer("cust-1", "Ada", "ada@example.com", "vip", "en");
  private static final RecentTurns HISTORY =
      (id, count) ->
          List.of(
              new Message(1, Author.CUSTOMER, null, "hi", Instant.parse("2026-01-05T10:00:00Z")),
              new Message(2, Author.BOT, null, "Hello! What can I help you with today?", Instant.parse("2026-01-05T10:00:01Z")),
              new Message(3, Author.SYSTEM, null, "a note for agents", Instant.parse("2026-01-05T10:00:01Z")));
  private static final String TRACKED =
      """
      {"reply":"Order 12345678 left our warehouse today.","intent":"track_order","confidence":0.92,
       "sentiment":0.1,"resolved":false,"wantsPerson":false}
      """;

  private final FakeServer server = newServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void theTeamsBotAnswersAndGetsTheConversationItNeeds() throws IOException {
    server.answering((attempt, request) -> Answer.ok(TRACKED));

    BotTurn turn = bot(Duration.ofSeconds(2), 1).respond(request("where is my order 12345678?"));

    assertThat(turn.reply()).isEqualTo("Order 12345678 left our warehouse today.");
    assertThat(turn.intent()).isEqualTo("track_order");
    assertThat(turn.confidence()).isEqualTo(0.92);
    assertThat(turn.answered()).isTrue();
    assertThat(turn.botFailure()).isNull();
    assertThat(turn.facts()).contains(new Fact(Fact.Kind.ORDER_NUMBER, "12345678"));

    Received sent = server.received.get(0);
    assertThat(sent.method()).isEqualTo("POST");
    assertThat(sent.header("Content-Type")).isEqualTo("application/json");
    assertThat(sent.header(WebhookBot.IDEMPOTENCY_HEADER)).isEqualTo("conv-1:3");
    JsonNode body = JSON.readTree(sent.body());
    assertThat(body.path("version").asInt()).isEqualTo(1);
    assertThat(body.path("conversationId").asText()).isEqualTo("conv-1");
    assertThat(body.path("turn").asInt()).isEqualTo(3);
    assertThat(body.path("text").asText()).isEqualTo("where is my order 12345678?");
    assertThat(body.path("customer").path("id").asText()).isEqualTo("cust-1");
    assertThat(body.path("customer").path("tier").asText()).isEqualTo("vip");
    assertThat(body.path("previousIntent").asText()).isEqualTo("greeting");
    // Notes for agents stay with Baton; what the customer and the bot said goes out.
    assertThat(body.path("recentTurns")).hasSize(2);
    assertThat(body.path("recentTurns").get(1).path("author").asText()).isEqualTo("BOT");
    assertThat(body.path("facts").get(0).path("kind").asText()).isEqualTo("ORDER_NUMBER");
    assertThat(body.path("facts").get(0).path("value").asText()).isEqualTo("12345678");
  }

  @Test
  void theReceiverCanVerifyTheSignatureAndATamperedBodyFailsIt() throws Exception {
    server.answering((attempt, request) -> Answer.ok(TRACKED));

    bot(Duration.ofSeconds(2), 0).respond(request("where is my order 12345678?"));

    Received sent = server.received.get(0);
    String timestamp = sent.header(WebhookBot.TIMESTAMP_HEADER);
    String signature = sent.header(WebhookBot.SIGNATURE_HEADER);
    // What a receiver does, in any language: HMAC-SHA256 over "<timestamp>.<raw body>".
    assertThat(signature).isEqualTo(receiverComputes(SECRET, timestamp, sent.body()));
    assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(300);
    byte[] tampered = sent.text().replace("12345678", "87654321").getBytes(StandardCharsets.UTF_8);
    assertThat(signature).isNotEqualTo(receiverComputes(SECRET, timestamp, tampered));
    assertThat(signature).isNotEqualTo(receiverComputes("another-secret-entirely", timestamp, sent.body()));
    assertThat(signature)
        .isNotEqualTo(receiverComputes(SECRET, Long.toString(Long.parseLong(timestamp) + 1), sent.body()));
  }

  @Test
  void aBotThatTimesOutIsTriedAgainThenTheBuiltInBotAnswersWithTheFailureNoted() {
    server.answering((attempt, request) -> new Answer(200, TRACKED, 3_000));

    long start = System.nanoTime();
    BotTurn turn = withFallback(bot(Duration.ofMillis(400), 1)).respond(request("where is my order 12345678?"));
    long tookMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(server.received).hasSize(2);
    assertThat(tookMillis).isLessThan(2_500);
    assertThat(turn.botFailure())
        .isEqualTo("the webhook bot failed: no answer within 400 ms (2 attempts); the built-in bot answered.");
    // The built-in bot's own answer, not the webhook's.
    assertThat(turn.intent()).isEqualTo("track_order");
    assertThat(turn.reply()).contains("Order 12345678 is on its way");
  }

  @Test
  void malformedJsonIsNotTrustedNorRetried() {
    server.answering((attempt, request) -> Answer.ok("{\"reply\": \"Sure!\", \"intent\": "));

    BotTurn turn = withFallback(bot(Duration.ofSeconds(2), 2)).respond(request("how do I return a jacket"));

    assertThat(server.received).hasSize(1);
    assertThat(turn.botFailure()).startsWith("the webhook bot failed: its answer broke the contract: the body is not JSON");
    assertThat(turn.intent()).isEqualTo("return_item");
    assertThat(turn.reply()).contains("return any item within 30 days");
  }

  @Test
  void answersThatBreakTheContractAreRefusedWhole() {
    List<String> broken =
        List.of(
            "[]",
            "{\"reply\":\"ok\",\"intent\":\"track_order\"}",
            "{\"reply\":\"ok\",\"intent\":\"track_order\",\"confidence\":1.7}",
            "{\"reply\":\"ok\",\"intent\":\"track_order\",\"confidence\":\"0.9\"}",
            "{\"reply\":\"ok\",\"intent\":\"Track Order!\",\"confidence\":0.9}",
            "{\"reply\":\"ok\",\"confidence\":0.9}",
            "{\"reply\":\"\",\"intent\":\"track_order\",\"confidence\":0.9}",
            "{\"reply\":\"bell\\u0007\",\"intent\":\"track_order\",\"confidence\":0.9}",
            "{\"reply\":\"ok\",\"intent\":\"track_order\",\"confidence\":0.9,\"sentiment\":-3}",
            "{\"reply\":\"ok\",\"intent\":\"track_order\",\"confidence\":0.9,\"resolved\":\"yes\"}",
            "{\"intent\":\"conversation_resolved\",\"confidence\":0.9,\"resolved\":true}",
            "{\"reply\":\"" + "x".repeat(WebhookBot.MAX_REPLY + 1) + "\",\"intent\":\"faq\",\"confidence\":0.9}");
    for (String body : broken) {
      assertThatThrownBy(() -> WebhookBot.turn(body.getBytes(StandardCharsets.UTF_8), List.of()))
          .as(body.length() > 80 ? body.substring(0, 80) : body)
          .isInstanceOf(BotUnavailableException.class)
          .hasMessageStartingWith("its answer broke the contract: ");
    }
  }

  @Test
  void aRequestForAPersonGoesThroughTheEscalationRulesLikeTheBuiltInBots() {
    server.answering((attempt, request) -> Answer.ok("{\"wantsPerson\":true,\"reply\":null,\"confidence\":0.8}"));

    BotTurn turn = bot(Duration.ofSeconds(2), 0).respond(request("my parcel is lost again"));
    Verdict verdict = ShippedBot.POLICY.afterTurn(new TurnSignals("my parcel is lost again", turn, "standard", 0, 0, 0));

    assertThat(turn.intent()).isEqualTo("contact_human_agent");
    assertThat(verdict).isInstanceOfSatisfying(
        Verdict.Escalate.class, e -> assertThat(e.reason()).isEqualTo(EscalationReason.CUSTOMER_REQUEST));
  }

  @Test
  void aServerErrorIsTriedAgainAndTheSecondAnswerCounts() {
    server.answering((attempt, request) -> attempt == 1 ? new Answer(503, "{}", 0) : Answer.ok(TRACKED));

    BotTurn turn = withFallback(bot(Duration.ofSeconds(2), 1)).respond(request("where is my order 12345678?"));

    assertThat(server.received).hasSize(2);
    assertThat(turn.botFailure()).isNull();
    assertThat(turn.reply()).isEqualTo("Order 12345678 left our warehouse today.");
    // Each attempt is signed on its own; the idempotency key stays the turn's.
    assertThat(server.received.get(1).header(WebhookBot.IDEMPOTENCY_HEADER)).isEqualTo("conv-1:3");
  }

  @Test
  void aRefusalIsNotRetriedAndWithPeopleAsTheFallbackNoBotAnswers() {
    server.answering((attempt, request) -> new Answer(401, "{\"error\":\"bad signature\"}", 0));

    BotTurn turn = new FallbackBot("the webhook bot", bot(Duration.ofSeconds(2), 2), null).respond(request("hello"));

    assertThat(server.received).hasSize(1);
    assertThat(turn.intent()).isEqualTo(BotTurn.UNAVAILABLE);
    assertThat(turn.reply()).isNull();
    assertThat(turn.botFailure()).isEqualTo("the webhook bot failed: answered HTTP 401; no bot answered.");
  }

  @Test
  void aBotThatIsDownFallsBack() {
    URI nothingThere = server.uri("/bot");
    server.close();
    WebhookBot down = new WebhookBot(nothingThere, SECRET, Duration.ofSeconds(1), 1, 10, HISTORY, Clock.systemUTC());

    BotTurn turn = withFallback(down).respond(request("how do I return a jacket"));

    assertThat(turn.botFailure()).startsWith("the webhook bot failed: could not be reached").endsWith("the built-in bot answered.");
    assertThat(turn.reply()).contains("return any item within 30 days");
  }

  @Test
  void anAnswerThatNeverEndsIsCutOffAtItsCapAndTheBuiltInBotAnswers() throws Exception {
    try (EndlessServer endless = EndlessServer.fast()) {
      Bot bot =
          new FallbackBot(
              "the webhook bot",
              new WebhookBot(endless.uri("/bot"), SECRET, Duration.ofSeconds(5), 0, 10, HISTORY, Clock.systemUTC()),
              ShippedBot.BOT);

      BotTurn turn = bot.respond(request("how do I return a jacket?"));

      assertThat(turn.botFailure()).contains("the body is over 64 KB");
      assertThat(turn.reply()).contains("return any item within 30 days");
      // Read up to the cap, then the connection is closed: what the socket buffers held besides.
      assertThat(endless.hungUp()).isTrue();
      assertThat(endless.written()).isLessThan(16L * 1024 * 1024);
    }
  }

  @Test
  @Timeout(20)
  void anAnswerThatTricklesInIsGivenUpWithinTheTimeout() throws Exception {
    try (EndlessServer trickle = EndlessServer.trickling()) {
      Bot bot =
          new FallbackBot(
              "the webhook bot",
              new WebhookBot(trickle.uri("/bot"), SECRET, Duration.ofSeconds(1), 0, 10, HISTORY, Clock.systemUTC()),
              ShippedBot.BOT);

      long start = System.nanoTime();
      BotTurn turn = bot.respond(request("how do I return a jacket?"));

      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_500);
      assertThat(turn.botFailure()).contains("no answer within 1 s");
      assertThat(turn.reply()).contains("return any item within 30 days");
    }
  }

  private WebhookBot bot(Duration timeout, int retries) {
    return new WebhookBot(server.uri("/bot"), SECRET, timeout, retries, 10, HISTORY, Clock.systemUTC());
  }

  private static Bot withFallback(WebhookBot bot) {
    return new FallbackBot("the webhook bot", bot, ShippedBot.BOT);
  }

  private static BotRequest request(String text) {
    return new BotRequest("conv-1", text, "en", "greeting", 3, null, ADA);
  }

  private static String receiverComputes(String secret, String timestamp, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
    StringBuilder hex = new StringBuilder("sha256=");
    for (byte b : mac.doFinal(body)) {
      hex.append(String.format("%02x", b));
    }
    return hex.toString();
  }

  private static FakeServer newServer() {
    try {
      return new FakeServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
