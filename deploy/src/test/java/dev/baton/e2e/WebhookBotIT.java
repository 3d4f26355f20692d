package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A team's own bot behind a webhook: the worker is configured with {@code BATON_BOT=webhook},
 * pointing at a fake bot service in this test that checks every request's signature as a real
 * receiver would (docs/bot.md) and refuses what does not verify. A conversation runs through it
 * to its resolution; then the service is down and the customer still gets a truthful answer, the
 * built-in bot's, with the failure noted in the transcript.
 */
@ExtendWith(BatonStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookBotIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "e2e-webhook-" + UUID.randomUUID();

  private final BatonStack stack;
  private final ApiClient api;
  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();
  private int port;
  private HttpServer server;

  WebhookBotIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @BeforeAll
  void pointTheWorkerAtTheTeamsBot() throws IOException {
    up();
    port = server.getAddress().getPort();
    stack.restartWorker(
        Map.of(
            "BATON_BOT", "webhook",
            "BATON_BOT_WEBHOOK_URL", "http://127.0.0.1:" + port + "/baton",
            "BATON_BOT_WEBHOOK_SECRET", SECRET,
            "BATON_BOT_WEBHOOK_TIMEOUT", "2s",
            "BATON_BOT_WEBHOOK_RETRIES", "1"));
  }

  @AfterAll
  void restoreTheBuiltInBot() {
    try {
      stack.restoreWorker();
    } finally {
      server.stop(0);
    }
  }

  @AfterEach
  void serviceBackUp() throws IOException {
    if (server == null) {
      up();
    }
  }

  @Test
  void aConversationRunsThroughTheTeamsBotToItsResolution() {
    JsonNode started = api.startConversation("cust-webhook-" + run, "standard", "where is my parcel 12345678?");
    String id = started.path("conversationId").asText();

    assertThat(texts(started)).containsExactly("Parcel 12345678 is with the courier and arrives tomorrow.");
    assertThat(started.path("status").asText()).isEqualTo("BOT_ACTIVE");
    JsonNode first = last();
    assertThat(first.path("conversationId").asText()).isEqualTo(id);
    assertThat(first.path("customer").path("id").asText()).isEqualTo("cust-webhook-" + run);
    assertThat(first.path("turn").asInt()).isEqualTo(1);
    assertThat(first.path("facts").toString()).contains("\"kind\":\"ORDER_NUMBER\"", "\"value\":\"12345678\"");

    JsonNode solved = api.send(id, "great, thanks, that solved it", "webhook-2-" + run);

    assertThat(texts(solved)).containsExactly("Glad I could help!");
    assertThat(solved.path("status").asText()).isEqualTo("RESOLVED");
    JsonNode second = last();
    assertThat(second.path("previousIntent").asText()).isEqualTo("track_order");
    assertThat(second.path("recentTurns").toString())
        .contains("where is my parcel 12345678?", "Parcel 12345678 is with the courier");
    assertThat(refused).as("requests whose signature did not verify").isEmpty();
  }

  @Test
  void withTheTeamsBotDownTheCustomerGetsTheBuiltInAnswerAndTheFailureIsNoted() {
    server.stop(0);
    server = null;

    Instant sent = Instant.now();
    JsonNode started = api.startConversation("cust-webhook-down-" + run, "standard", "how do I return a jacket?");
    Duration took = Duration.between(sent, Instant.now());
    String id = started.path("conversationId").asText();

    assertThat(started.path("status").asText()).isEqualTo("BOT_ACTIVE");
    List<JsonNode> replies = new ArrayList<>();
    started.path("replies").forEach(replies::add);
    assertThat(replies).hasSize(2);
    assertThat(replies.get(0).path("author").asText()).isEqualTo("SYSTEM");
    assertThat(replies.get(0).path("text").asText())
        .startsWith("WORKFLOW_EXCEPTION: the webhook bot failed: could not be reached")
        .endsWith("(2 attempts); the built-in bot answered.");
    assertThat(replies.get(1).path("author").asText()).isEqualTo("BOT");
    assertThat(replies.get(1).path("text").asText()).contains("return any item within 30 days");
    assertThat(took).as("time to the answer with the bot down").isLessThan(Duration.ofSeconds(10));
    assertThat(api.transcript(id).stream().map(m -> m.path("text").asText()))
        .anySatisfy(text -> assertThat(text).startsWith("WORKFLOW_EXCEPTION: the webhook bot failed"));
    System.out.printf("Webhook bot down: the built-in answer came in %d ms%n", took.toMillis());
  }

  private JsonNode last() {
    assertThat(received).isNotEmpty();
    return received.get(received.size() - 1);
  }

  private static List<String> texts(JsonNode turn) {
    List<String> texts = new ArrayList<>();
    turn.path("replies").forEach(r -> texts.add(r.path("text").asText()));
    return texts;
  }

  private void up() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/baton", this::answer);
    server.start();
  }

  /** The team's bot: verifies the signature, then answers from the message. */
  private void answer(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    String timestamp = exchange.getRequestHeaders().getFirst("X-Baton-Timestamp");
    String signature = exchange.getRequestHeaders().getFirst("X-Baton-Signature");
    if (timestamp == null || signature == null || !verifies(timestamp, body, signature)) {
      refused.add(String.valueOf(signature));
      send(exchange, 401, "{\"error\":\"signature\"}");
      return;
    }
    JsonNode request = JSON.readTree(body);
    received.add(request);
    String text = request.path("text").asText();
    String answer =
        text.contains("solved")
            ? "{\"reply\":\"Glad I could help!\",\"intent\":\"conversation_resolved\",\"confidence\":0.97,"
                + "\"sentiment\":0.8,\"resolved\":true,\"wantsPerson\":false}"
            : "{\"reply\":\"Parcel 12345678 is with the courier and arrives tomorrow.\",\"intent\":\"track_order\","
                + "\"confidence\":0.93,\"sentiment\":0.0,\"resolved\":false,\"wantsPerson\":false}";
    send(exchange, 200, answer);
  }

  /** What docs/bot.md tells a receiver to do: HMAC-SHA256 of "timestamp.body", compared in constant time, fresh. */
  private static boolean verifies(String timestamp, byte[] body, String signature) {
    try {
      if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
        return false;
      }
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
      return MessageDigest.isEqual(
          expected.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII));
    } catch (Exception e) {
      return false;
    }
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] out = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, out.length);
    try (OutputStream o = exchange.getResponseBody()) {
      o.write(out);
    }
  }
}
