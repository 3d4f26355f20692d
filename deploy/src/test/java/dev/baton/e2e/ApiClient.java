package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Baton's REST API v1 as a chat front end sees it: JSON over real HTTP. */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Long enough for a turn to wait out a busy worker, short enough to fail a hung call. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ApiClient(URI base) {
    this.base = base;
  }

  URI base() {
    return base;
  }

  /** What came back for {@code request}: status, content type and body (missing when empty). */
  record Response(String request, int status, String contentType, JsonNode body, String raw) {
    JsonNode expect(int expected) {
      assertThat(status).as("status of %s, which answered %s", request, raw).isEqualTo(expected);
      return body;
    }
  }

  /** Starts a conversation for {@code customerId} whose first message is {@code text}: 201. */
  JsonNode startConversation(String customerId, String text) {
    Map<String, Object> customer = Map.of("id", customerId, "name", "Ada", "tier", "vip");
    return post("/conversations", Map.of("customer", customer, "channel", "web", "text", text))
        .expect(201);
  }

  /** Puts an agent ONLINE for {@code queues} with room for {@code capacity} conversations. */
  JsonNode agentOnline(String agentId, List<String> queues, int capacity) {
    return put(
            "/agents/" + agentId + "/presence",
            Map.of("status", "ONLINE", "queues", queues, "maxConcurrent", capacity, "name", agentId))
        .expect(200);
  }

  Response put(String path, Object body) {
    return call(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .timeout(CALL_TIMEOUT)
            .PUT(HttpRequest.BodyPublishers.ofString(write(body)))
            .build());
  }

  /** Starts a conversation for a customer of {@code tier} (the tier sets thresholds): 201. */
  JsonNode startConversation(String customerId, String tier, String text) {
    Map<String, Object> customer = Map.of("id", customerId, "name", "Ada", "tier", tier);
    return post("/conversations", Map.of("customer", customer, "channel", "web", "text", text))
        .expect(201);
  }

  /** Starts a conversation as {@link #startConversation} does; returns its id. */
  String newConversation(String customerId, String text) {
    return startConversation(customerId, text).path("conversationId").asText();
  }

  /** Sends a customer message and expects the bot's turn: 200. */
  JsonNode send(String conversationId, String text, String clientMessageId) {
    return sendMessage(conversationId, text, clientMessageId).expect(200);
  }

  Response sendMessage(String conversationId, String text, String clientMessageId) {
    return post(
        "/conversations/" + conversationId + "/messages",
        Map.of("text", text, "clientMessageId", clientMessageId));
  }

  CompletableFuture<Response> sendMessageAsync(
      String conversationId, String text, String clientMessageId, Duration timeout) {
    HttpRequest request =
        jsonRequest(
                "/conversations/" + conversationId + "/messages",
                "application/json",
                write(Map.of("text", text, "clientMessageId", clientMessageId)))
            .timeout(timeout)
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(ApiClient::read);
  }

  /** The front end's "talk to a person" button, with a note for the agent, or none when null. */
  Response handoff(String conversationId, String note) {
    String path = "/conversations/" + conversationId + "/handoff";
    return note == null ? postRaw(path, "application/json", "") : post(path, Map.of("note", note));
  }

  /** Closes a conversation, as the front end does when the customer leaves: 200. */
  JsonNode close(String conversationId) {
    return post("/conversations/" + conversationId + "/close", Map.of()).expect(200);
  }

  JsonNode conversation(String conversationId) {
    return get("/conversations/" + conversationId).expect(200);
  }

  /** The transcript as {@code GET /conversations/{id}} returns it, in the order given. */
  List<JsonNode> transcript(String conversationId) {
    List<JsonNode> messages = new ArrayList<>();
    conversation(conversationId).path("messages").forEach(messages::add);
    return messages;
  }

  Response post(String path, Object body) {
    return postRaw(path, "application/json", write(body));
  }

  Response postRaw(String path, String contentType, String body) {
    return call(jsonRequest(path, contentType, body).timeout(CALL_TIMEOUT).build());
  }

  /** PUT, PATCH or any other method with a JSON body. */
  Response request(String method, String path, Object body) {
    return call(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .timeout(CALL_TIMEOUT)
            .method(method, HttpRequest.BodyPublishers.ofString(write(body)))
            .build());
  }

  /** Any method with a body sent exactly as given (malformed JSON, any content type). */
  Response requestRaw(String method, String path, String contentType, String body) {
    return call(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .header("Accept", "application/json")
            .timeout(CALL_TIMEOUT)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Response get(String path) {
    return call(
        HttpRequest.newBuilder(uri(path))
            .header("Accept", "application/json")
            .timeout(CALL_TIMEOUT)
            .GET()
            .build());
  }

  private HttpRequest.Builder jsonRequest(String path, String contentType, String body) {
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", contentType)
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private URI uri(String path) {
    return URI.create(base + "/api/v1" + path);
  }

  private Response call(HttpRequest request) {
    try {
      return read(http.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Response read(HttpResponse<String> response) {
    String request = response.request().method() + " " + response.request().uri().getRawPath();
    String raw = response.body();
    JsonNode body = MissingNode.getInstance();
    if (raw != null && !raw.isBlank()) {
      try {
        body = JSON.readTree(raw);
      } catch (JsonProcessingException e) {
        body = MissingNode.getInstance();
      }
    }
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    return new Response(request, response.statusCode(), contentType, body, raw);
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
