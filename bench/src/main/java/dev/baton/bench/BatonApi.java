package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Baton's REST API as a front end and an agent's console call it: JSON over HTTP/1.1, one bearer
 * token per caller. Every call that does not get the status it expects throws with the answer's
 * body, so a benchmark never counts a failed call as a fast one.
 */
final class BatonApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  /** A conversation as its customer holds it: the id and the token for its later calls. */
  record Conversation(String id, String token, String status) {}

  private final String base;
  private final HttpClient http;
  private final AtomicLong repeated = new AtomicLong();

  BatonApi(String base) {
    this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** Calls answered 503 and repeated. */
  long repeated() {
    return repeated.get();
  }

  private static void pause(long seconds) {
    try {
      Thread.sleep(seconds * 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String signIn(String username, String password) {
    return call("POST", "/api/v1/auth/token", null, Map.of("username", username, "password", password), 200)
        .get("token")
        .asText();
  }

  /** Creates the agent account (kept when it exists) and issues a token for it. */
  String agentToken(String operatorToken, String agentId, List<String> queues) {
    int status =
        send("POST", "/api/v1/accounts", operatorToken, Map.of("username", agentId, "role", "AGENT", "queues", queues))
            .statusCode();
    if (status != 201 && status != 409) {
      throw new IllegalStateException("creating agent " + agentId + " answered " + status);
    }
    return call("POST", "/api/v1/accounts/" + agentId + "/tokens", operatorToken, Map.of("label", "bench"), 201)
        .get("token")
        .asText();
  }

  void goOnline(String agentToken, String agentId, List<String> queues, int capacity) {
    call(
        "PUT",
        "/api/v1/agents/" + agentId + "/presence",
        agentToken,
        Map.of("status", "ONLINE", "queues", queues, "maxConcurrent", capacity, "name", "Bench " + agentId),
        200);
  }

  void heartbeat(String agentToken, String agentId) {
    call("POST", "/api/v1/agents/" + agentId + "/heartbeat", agentToken, null, 204);
  }

  /** Opens every queue without its own schedule around the clock, so escalations find people. */
  void openAroundTheClock(String operatorToken) {
    Map<String, List<String>> week = new LinkedHashMap<>();
    for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
      week.put(day, List.of("00:00-24:00"));
    }
    call(
        "PUT",
        "/api/v1/queues/_default/hours",
        operatorToken,
        Map.of("zone", "UTC", "week", week, "closedDates", List.of()),
        200);
  }

  Conversation start(String customerId, String text) {
    JsonNode body =
        call(
            "POST",
            "/api/v1/conversations",
            null,
            Map.of(
                "customer", Map.of("id", customerId),
                "channel", "web",
                "text", text,
                "clientMessageId", UUID.randomUUID().toString()),
            201);
    return new Conversation(
        body.get("conversationId").asText(), body.get("customerToken").asText(), body.get("status").asText());
  }

  /** A customer's message; answers the conversation's status after the turn. */
  String message(Conversation conversation, String text) {
    return call(
            "POST",
            "/api/v1/conversations/" + conversation.id() + "/messages",
            conversation.token(),
            Map.of("text", text, "clientMessageId", UUID.randomUUID().toString()),
            200)
        .get("status")
        .asText();
  }

  /** The customer ends the chat. */
  void close(Conversation conversation) {
    call("POST", "/api/v1/conversations/" + conversation.id() + "/close", conversation.token(), Map.of(), 200);
  }

  void takeover(String agentToken, String agentId, String conversationId) {
    call("POST", "/api/v1/conversations/" + conversationId + "/takeover", agentToken, Map.of("agentId", agentId), 200);
  }

  void agentMessage(String agentToken, String agentId, String conversationId, String text) {
    call(
        "POST",
        "/api/v1/conversations/" + conversationId + "/agent-messages",
        agentToken,
        Map.of("agentId", agentId, "text", text, "clientMessageId", UUID.randomUUID().toString()),
        200);
  }

  void resolve(String agentToken, String agentId, String conversationId) {
    call("POST", "/api/v1/conversations/" + conversationId + "/resolve", agentToken, Map.of("agentId", agentId), 200);
  }

  /**
   * Opens a server-sent event stream and hands each event (name, data) to the listener on a
   * thread of its own until the stream is closed.
   */
  EventStream stream(String path, String token, BiConsumer<String, String> listener) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
    }
    return new EventStream(response.body(), listener);
  }

  /** One open event stream; closing it ends the reading thread. */
  static final class EventStream implements AutoCloseable {
    private final InputStream body;
    private final Thread reader;

    private EventStream(InputStream body, BiConsumer<String, String> listener) {
      this.body = body;
      this.reader = new Thread(() -> read(listener), "bench-sse");
      reader.setDaemon(true);
      reader.start();
    }

    private void read(BiConsumer<String, String> listener) {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
        String event = "message";
        StringBuilder data = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          if (line.isEmpty()) {
            if (!data.isEmpty()) {
              listener.accept(event, data.toString());
            }
            event = "message";
            data.setLength(0);
          } else if (line.startsWith("event:")) {
            event = line.substring(6).strip();
          } else if (line.startsWith("data:")) {
            if (!data.isEmpty()) {
              data.append('\n');
            }
            data.append(line.substring(5).stripLeading());
          }
        }
      } catch (IOException e) {
        // Closed by the benchmark, or the server went away: either way the stream is over.
      }
    }

    @Override
    public void close() {
      try {
        body.close();
      } catch (IOException e) {
        // Nothing more to read either way.
      }
      reader.interrupt();
    }
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends the call and expects the status. A 503 is repeated as a front end repeats it (the same
   * body, so the same clientMessageId), after the Retry-After it names, and counted.
   */
  private JsonNode call(String method, String path, String token, Object body, int expected) {
    HttpResponse<String> response = send(method, path, token, body);
    for (int attempt = 1; response.statusCode() == 503 && attempt < 5; attempt++) {
      repeated.incrementAndGet();
      pause(response.headers().firstValueAsLong("Retry-After").orElse(1));
      response = send(method, path, token, body);
    }
    if (response.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : json(response.body());
  }

  private HttpResponse<String> send(String method, String path, String token, Object body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      } else {
        request.header("Content-Type", "application/json");
        request.method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
      }
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
  }
}
