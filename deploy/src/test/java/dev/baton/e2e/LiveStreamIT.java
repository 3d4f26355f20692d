package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Live delivery as a front end sees it: a server-sent event stream over plain HTTP. What an agent
 * writes reaches the customer's open stream by itself, from any api instance, after a lost
 * database connection, and a reconnecting client gets exactly what it missed.
 */
@ExtendWith(BatonStackExtension.class)
class LiveStreamIT {
  /** A notification travels api → worker → PostgreSQL → api; seconds are generous. */
  private static final Duration ARRIVES_WITHIN = Duration.ofSeconds(10);

  private final BatonStack stack;
  private final ApiClient api;
  private final List<String> agents = new ArrayList<>();

  LiveStreamIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @Test
  void anAgentMessageArrivesOnTheCustomersOpenStreamWithoutAsking() {
    String agent = agentOnline();
    String id = heldBy(agent);

    try (SseClient stream = SseClient.open(api, id, null)) {
      List<SseClient.Event> caughtUp = stream.until("status", ARRIVES_WITHIN);
      assertThat(caughtUp.get(caughtUp.size() - 1).json().path("status").asText()).isEqualTo("AGENT_ACTIVE");
      List<JsonNode> backlog = caughtUp.stream().filter(e -> e.name().equals("message")).map(SseClient.Event::json).toList();
      Transcripts.assertGapFree(backlog);
      assertThat(backlog).extracting(m -> m.path("seq").asLong()).containsExactlyElementsOf(seqs(api.transcript(id)));
      assertThat(caughtUp.stream().filter(e -> e.name().equals("message")))
          .allSatisfy(e -> assertThat(e.id()).isEqualTo(e.json().path("seq").asText()));

      JsonNode written = agentSays(id, agent, "Hello from the live test");

      SseClient.Event arrived = stream.next("message", ARRIVES_WITHIN);
      JsonNode message = arrived.json();
      assertThat(message.path("author").asText()).isEqualTo("AGENT");
      assertThat(message.has("agentId")).as("the customer's stream names no login").isFalse();
      assertThat(message.path("text").asText()).isEqualTo("Hello from the live test");
      assertThat(message.path("seq").asLong()).isEqualTo(written.path("seq").asLong());
      assertThat(arrived.id()).isEqualTo(message.path("seq").asText());
      assertThat(stream.requests()).as("one HTTP request, no polling").isEqualTo(1);
    }
  }

  @Test
  void aStreamOnAnotherApiInstanceHearsWhatWasWrittenThroughTheFirst() {
    ApiClient second = stack.startApi("api-live-2", Map.of());
    String agent = agentOnline();
    String id = heldBy(agent);

    try (SseClient stream = SseClient.open(second, id, null)) {
      stream.until("status", ARRIVES_WITHIN);

      agentSays(id, agent, "Written through the first api");

      assertThat(stream.next("message", ARRIVES_WITHIN).json().path("text").asText())
          .isEqualTo("Written through the first api");
    }
  }

  @Test
  void aClientThatReconnectsWithLastEventIdGetsOnlyWhatItMissed() {
    String agent = agentOnline();
    String id = heldBy(agent);
    long seen = seqs(api.transcript(id)).get(1);
    agentSays(id, agent, "Sent while the customer was away");

    try (SseClient stream = SseClient.open(api, id, String.valueOf(seen))) {
      List<SseClient.Event> missed = stream.until("status", ARRIVES_WITHIN);

      List<Long> resent = missed.stream().filter(e -> e.name().equals("message")).map(e -> e.json().path("seq").asLong()).toList();
      assertThat(resent).first().isEqualTo(seen + 1);
      assertThat(resent).containsExactlyElementsOf(seqs(api.transcript(id)).stream().filter(s -> s > seen).toList());
    }
  }

  @Test
  void theStreamMissesNothingWhenTheApiLosesItsDatabaseListener() throws SQLException {
    String agent = agentOnline();
    String id = heldBy(agent);

    try (SseClient stream = SseClient.open(api, id, null)) {
      stream.until("status", ARRIVES_WITHIN);

      assertThat(terminateListeners()).as("listener connections ended").isPositive();
      agentSays(id, agent, "Written while the api was reconnecting");

      assertThat(stream.next("message", ARRIVES_WITHIN).json().path("text").asText())
          .isEqualTo("Written while the api was reconnecting");
    }
  }

  @Test
  void theQueueStreamAnnouncesAConversationThatStartsWaiting() {
    agentOnline();
    try (SseClient queues = SseClient.open(api, URI.create(api.base() + "/api/v1/queues/stream"), null)) {
      JsonNode before = queues.next("queues", ARRIVES_WITHIN).json();
      assertThat(before.path("queues").isArray()).isTrue();

      String id = api.newConversation(customer(), "where is my order 12345678");
      api.handoff(id, null).expect(200);

      JsonNode after = queues.next("queues", e -> waiting(e.json(), "orders") >= 1, ARRIVES_WITHIN).json();
      JsonNode polled = api.get("/queues").expect(200);
      assertThat(names(after)).as("queues on the stream and from GET /queues").isEqualTo(names(polled));
      assertThat(fields(after.path("queues").get(0))).isEqualTo(fields(polled.path("queues").get(0)));
    }
  }

  @Test
  void anUnknownConversationHasNoStream() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(api.base() + "/api/v1/conversations/no-such-conversation/stream"))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", api.authorization("GET", "/conversations/no-such-conversation/stream"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(ApiClient.JSON.readTree(response.body()).path("type").asText()).isEqualTo("urn:baton:problem:conversation-not-found");
  }

  /** Agents left online would be promised to other suites' customers. */
  @AfterEach
  void agentsGoOffline() {
    for (String agent : agents) {
      api.put(
              "/agents/" + agent + "/presence",
              Map.of("status", "OFFLINE", "queues", List.of("orders", "general"), "maxConcurrent", 5))
          .expect(200);
    }
  }

  /** An agent of this test's own, online for the orders and general queues. */
  private String agentOnline() {
    String agent = "live-" + UUID.randomUUID().toString().substring(0, 8);
    api.agentOnline(agent, List.of("orders", "general"), 5);
    agents.add(agent);
    return agent;
  }

  /** A conversation the agent has taken over: bot turn, "talk to a person", takeover. */
  private String heldBy(String agent) {
    String id = api.newConversation(customer(), "where is my order 12345678");
    api.handoff(id, null).expect(200);
    api.post("/conversations/" + id + "/takeover", Map.of("agentId", agent)).expect(200);
    return id;
  }

  private JsonNode agentSays(String id, String agent, String text) {
    JsonNode turn =
        api.post(
                "/conversations/" + id + "/agent-messages",
                Map.of("agentId", agent, "text", text, "clientMessageId", UUID.randomUUID().toString()))
            .expect(200);
    return turn.path("replies").get(0);
  }

  /** Ends the api's LISTEN connections from the database side, as a failover or restart would. */
  private int terminateListeners() throws SQLException {
    try (Connection connection = stack.database().getConnection();
        Statement statement = connection.createStatement();
        ResultSet ended =
            statement.executeQuery(
                "select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'baton-api-live'")) {
      int count = 0;
      while (ended.next()) {
        count += ended.getBoolean(1) ? 1 : 0;
      }
      return count;
    }
  }

  private static int waiting(JsonNode queues, String queue) {
    for (JsonNode state : queues.path("queues")) {
      if (state.path("queue").asText().equals(queue)) {
        return state.path("waiting").asInt();
      }
    }
    return 0;
  }

  private static List<String> names(JsonNode queues) {
    List<String> names = new ArrayList<>();
    queues.path("queues").forEach(q -> names.add(q.path("queue").asText()));
    return names;
  }

  private static List<String> fields(JsonNode node) {
    List<String> fields = new ArrayList<>();
    node.fieldNames().forEachRemaining(fields::add);
    return fields;
  }

  private static List<Long> seqs(List<JsonNode> messages) {
    return messages.stream().map(m -> m.path("seq").asLong()).toList();
  }

  private static String customer() {
    return "cust-live-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * A server-sent events client on java.net.http: one GET, read line by line on a thread of its
   * own into a queue of events. Comments (the heartbeat) are counted, not queued.
   */
  static final class SseClient implements AutoCloseable {
    /** One event; {@code id} is null when the event had none. */
    record Event(String id, String name, String data) {
      JsonNode json() {
        try {
          return ApiClient.JSON.readTree(data);
        } catch (IOException e) {
          throw new UncheckedIOException("event data is not JSON: " + data, e);
        }
      }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;
    private final int requests;

    private SseClient(InputStream body, int requests) {
      this.body = body;
      this.requests = requests;
      this.reader = new Thread(this::read, "sse-client");
      reader.setDaemon(true);
      reader.start();
    }

    static SseClient open(ApiClient api, String conversationId, String lastEventId) {
      return open(api, URI.create(api.base() + "/api/v1/conversations/" + conversationId + "/stream"), lastEventId);
    }

    static SseClient open(ApiClient api, URI uri, String lastEventId) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
      String authorization = api.authorization("GET", uri.getPath());
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      if (lastEventId != null) {
        request.header("Last-Event-ID", lastEventId);
      }
      try {
        HttpResponse<InputStream> response =
            HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).as("status of GET %s", uri).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        return new SseClient(response.body(), 1);
      } catch (IOException e) {
        throw new UncheckedIOException("GET " + uri + " failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** HTTP requests this client made: always one; a polling client would need more. */
    int requests() {
      return requests;
    }

    /** The next event named {@code name}, skipping others; fails after {@code timeout}. */
    Event next(String name, Duration timeout) {
      return next(name, e -> true, timeout);
    }

    /** The next event named {@code name} that matches, skipping others; fails after {@code timeout}. */
    Event next(String name, Predicate<Event> matching, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      List<Event> skipped = new ArrayList<>();
      while (true) {
        Event event = poll(deadline);
        if (event == null) {
          return fail("no %s event within %s; got %s", name, timeout, skipped);
        }
        if (event.name().equals(name) && matching.test(event)) {
          return event;
        }
        skipped.add(event);
      }
    }

    /** Every event up to and including the first named {@code name}. */
    List<Event> until(String name, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      List<Event> seen = new ArrayList<>();
      while (true) {
        Event event = poll(deadline);
        if (event == null) {
          return fail("no %s event within %s; got %s", name, timeout, seen);
        }
        seen.add(event);
        if (event.name().equals(name)) {
          return seen;
        }
      }
    }

    private Event poll(long deadline) {
      try {
        return events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** The text/event-stream format: fields until a blank line; lines starting with ':' are comments. */
    private void read() {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String id = null;
        String name = null;
        StringBuilder data = null;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.isEmpty()) {
            if (data != null) {
              events.add(new Event(id, name == null ? "message" : name, data.toString()));
            }
            id = null;
            name = null;
            data = null;
          } else if (!line.startsWith(":")) {
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
              value = value.substring(1);
            }
            switch (field) {
              case "id" -> id = value;
              case "event" -> name = value;
              case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
              default -> {
                // retry and unknown fields do not matter here.
              }
            }
          }
        }
      } catch (IOException closed) {
        // The test closed the stream, or the server ended it.
      }
    }

    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException ignored) {
        // Closing is all that was wanted.
      }
      reader.interrupt();
    }
  }
}
