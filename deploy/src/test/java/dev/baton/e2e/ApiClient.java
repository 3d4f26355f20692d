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

/**
 * Baton's REST API v1 as its callers see it: JSON over real HTTP, each call with the credential
 * of the party that makes it. By default the credential is chosen per call ({@link #bearer}): the
 * customer token captured from the conversation's start, the token of the agent a body names, the
 * operator for everything else; {@link #as} fixes one (or none) for a test that is about exactly
 * that.
 */
final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Long enough for a turn to wait out a busy worker, short enough to fail a hung call. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final HttpClient http;
  private final Credentials credentials;
  /** The credential of every call; null to choose per call. */
  private final Credential fixed;

  /** A bearer token, or none at all. */
  record Credential(String token) {
    static final Credential NONE = new Credential(null);
  }

  ApiClient(URI base, Credentials credentials) {
    this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(), credentials, null);
    credentials.use(base);
  }

  private ApiClient(URI base, HttpClient http, Credentials credentials, Credential fixed) {
    this.base = base;
    this.http = http;
    this.credentials = credentials;
    this.fixed = fixed;
  }

  /** This api with one credential for every call (Credential.NONE for none). */
  ApiClient as(Credential credential) {
    return new ApiClient(base, http, credentials, credential);
  }

  Credentials credentials() {
    return credentials;
  }

  Credential customerOf(String conversationId) {
    return new Credential(credentials.customer(conversationId));
  }

  Credential agent(String agentId, String... queues) {
    return new Credential(credentials.agent(agentId, List.of(queues), null));
  }

  Credential operator() {
    return new Credential(credentials.operator());
  }

  /** The Authorization header value of a call, for requests a test builds itself (streams). */
  String authorization(String method, String path) {
    String token = bearer(method, path.startsWith("/api/v1") ? path.substring("/api/v1".length()) : path, null);
    return token == null ? null : "Bearer " + token;
  }

  private static final java.util.regex.Pattern CONVERSATION =
      java.util.regex.Pattern.compile("/conversations/([^/?]+)(/([^/?]+))?.*");
  private static final java.util.Set<String> AGENT_ACTIONS =
      java.util.Set.of("takeover", "agent-messages", "transfer", "release", "resolve");
  /** What an agent id may be; a call naming anything else is made as the operator. */
  private static final java.util.regex.Pattern AGENT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
  /** Routes only the conversation's customer may call. */
  private static final java.util.Set<String> CUSTOMER_ACTIONS = java.util.Set.of("messages", "handoff", "csat");

  /**
   * Who makes this call: the customer for their conversation's routes, the agent the body or the
   * path names for theirs, nobody to start a conversation or sign in, and the operator otherwise.
   * Reading a conversation or its messages is the operator's: tests inspect the staff view (the
   * bot's reading, the escalation, logins); one that checks what its customer reads says so
   * ({@code as(customerOf(id))}).
   */
  private String bearer(String method, String path, Object body) {
    if (fixed != null) {
      return fixed.token();
    }
    if (("POST".equals(method) && (path.equals("/conversations") || path.equals("/auth/token")))) {
      return null;
    }
    java.util.regex.Matcher conversation = CONVERSATION.matcher(path);
    if (conversation.matches()) {
      String action = conversation.group(3);
      if ("GET".equals(method) && (action == null || "messages".equals(action))) {
        return credentials.operator();
      }
      if (action != null && AGENT_ACTIONS.contains(action) && body instanceof Map<?, ?> fields
          && fields.get("agentId") instanceof String agentId && AGENT_ID.matcher(agentId).matches()) {
        return agentOrOperator(agentId);
      }
      String customer = credentials.customer(conversation.group(1));
      if (customer != null && (action == null || !AGENT_ACTIONS.contains(action) && !"requeue".equals(action))) {
        return customer;
      }
      if (action != null && CUSTOMER_ACTIONS.contains(action)) {
        // A customer's button on a conversation this suite never started: the front end has
        // some other conversation's token, and the api must not tell it this one exists.
        return someCustomer();
      }
      return credentials.operator();
    }
    if (path.startsWith("/agents/") && AGENT_ID.matcher(path.split("/")[2]).matches()) {
      String agentId = path.split("/")[2];
      if ("PUT".equals(method) && path.endsWith("/presence") && body instanceof Map<?, ?> fields) {
        List<String> queues = fields.get("queues") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        try {
          String token = credentials.agent(agentId, queues, null);
          credentials.presence(agentId, String.valueOf(fields.get("status")));
          return token;
        } catch (IllegalStateException noSuchAccount) {
          return credentials.operator();
        }
      }
      return agentOrOperator(agentId);
    }
    return credentials.operator();
  }

  /**
   * The agent's token; for an id no account can have (the hostile suite's "..", say), the
   * operator's, so the call still reaches the api and gets its answer.
   */
  private String agentOrOperator(String agentId) {
    try {
      return credentials.agent(agentId);
    } catch (IllegalStateException noSuchAccount) {
      return credentials.operator();
    }
  }

  /** Some customer's token: of a conversation this suite started, or of one started for it now. */
  private String someCustomer() {
    if (credentials.anyCustomer() == null) {
      startConversation("e2e-front-end", "hello");
    }
    return credentials.anyCustomer();
  }

  /**
   * A start names a tier only through the identity claim the embedding site signs, as the api
   * wants it: a body asking for another tier than standard gets that claim added.
   */
  private Object signed(String method, String path, Object body) {
    if (fixed != null || !"POST".equals(method) || !path.equals("/conversations") || !(body instanceof Map<?, ?> start)
        || start.containsKey("identity") || !(start.get("customer") instanceof Map<?, ?> customer)
        || customer.get("tier") == null || "standard".equals(customer.get("tier"))) {
      return body;
    }
    Map<String, Object> withClaim = new java.util.HashMap<>();
    start.forEach((k, v) -> withClaim.put(String.valueOf(k), v));
    withClaim.put("identity", credentials.identity(String.valueOf(customer.get("id")), String.valueOf(customer.get("tier"))));
    return withClaim;
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
        authorized(HttpRequest.newBuilder(uri(path)), "PUT", path, body)
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
    Map<String, String> body = Map.of("text", text, "clientMessageId", clientMessageId);
    HttpRequest request =
        jsonRequest("/conversations/" + conversationId + "/messages", "application/json", write(body), body)
            .timeout(timeout)
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(ApiClient::read).thenApply(this::remember);
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
    Object sent = signed("POST", path, body);
    return call(jsonRequest(path, "application/json", write(sent), sent).timeout(CALL_TIMEOUT).build());
  }

  Response postRaw(String path, String contentType, String body) {
    return call(jsonRequest(path, contentType, body, null).timeout(CALL_TIMEOUT).build());
  }

  /** PUT, PATCH or any other method with a JSON body. */
  Response request(String method, String path, Object body) {
    return call(
        authorized(HttpRequest.newBuilder(uri(path)), method, path, body)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .timeout(CALL_TIMEOUT)
            .method(method, HttpRequest.BodyPublishers.ofString(write(body)))
            .build());
  }

  /**
   * Any method with a body sent exactly as given (malformed JSON, any content type), with the
   * credential the route's real caller has: chosen as for any call, from the body's fields when it
   * is a JSON object, so that what answers is the api's check of the body, not a missing token.
   */
  Response requestRaw(String method, String path, String contentType, String body) {
    return call(
        authorized(HttpRequest.newBuilder(uri(path)), method, path, fieldsOf(body))
            .header("Content-Type", contentType)
            .header("Accept", "application/json")
            .timeout(CALL_TIMEOUT)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  Response get(String path) {
    return call(
        authorized(HttpRequest.newBuilder(uri(path)), "GET", path, null)
            .header("Accept", "application/json")
            .timeout(CALL_TIMEOUT)
            .GET()
            .build());
  }

  private HttpRequest.Builder jsonRequest(String path, String contentType, String body, Object fields) {
    return authorized(HttpRequest.newBuilder(uri(path)), "POST", path, fields)
        .header("Content-Type", contentType)
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  /** The body's top-level fields when it is a JSON object; null when it is anything else. */
  private static Map<?, ?> fieldsOf(String body) {
    try {
      return JSON.readValue(body, Map.class);
    } catch (IOException | RuntimeException notAnObject) {
      return null;
    }
  }

  private HttpRequest.Builder authorized(HttpRequest.Builder request, String method, String path, Object body) {
    String token = bearer(method, path, body);
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private URI uri(String path) {
    return URI.create(base + "/api/v1" + path);
  }

  private Response call(HttpRequest request) {
    try {
      return remember(read(http.send(request, HttpResponse.BodyHandlers.ofString())));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Every answer keeps the api's published contract ({@link OpenApiContract}), and a started
   * conversation's customer token is kept for the customer's later calls.
   */
  private Response remember(Response response) {
    OpenApiContract.expectKept(base, response.request(), response.status(), response.contentType(), response.raw());
    if (response.status() == 201 && response.request().equals("POST /api/v1/conversations")
        && response.body().hasNonNull("customerToken")) {
      credentials.customer(response.body().path("conversationId").asText(), response.body().path("customerToken").asText());
    }
    return response;
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
