package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may do what, on the real stack: every route the api publishes in its OpenAPI document,
 * called by each kind of caller, answers as the matrix below says (docs/security.md shows the
 * same). The routes come from the api itself, so a new endpoint without a row here fails the build,
 * and so does a row for a route that no longer exists.
 *
 * <p>{@code OK} means the call got past who-may-do-what: a 2xx, or the route's own answer to the
 * state it found (a 409 on a conversation already taken, a 404 for a ticket that does not exist),
 * never 401, the 403 forbidden, or the 404 that hides another customer's conversation.
 *
 * <p>Then what a credential is worth beyond the matrix: a token is read from the Authorization
 * header only (never the URL or a cookie, streams included); a leaked token cannot make a longer
 * lived one; a password change or a disabled account ends every token, open streams included; and
 * guessing passwords is throttled per username, the same whether or not the account exists.
 */
@ExtendWith(BatonStackExtension.class)
class AccessMatrixIT {
  /** The callers of the matrix. */
  enum Caller {
    NONE, OTHER_CUSTOMER, OTHER_QUEUE_AGENT, AGENT, SUPERVISOR, CUSTOMER
  }

  private static final int OK = 0;
  private static final int[] PUBLIC = {OK, OK, OK, OK, OK, OK};
  private static final int[] CONVERSATION_READ = {401, 404, 403, OK, OK, OK};
  private static final int[] CUSTOMER_ONLY = {401, 404, 403, 403, 403, OK};
  private static final int[] CUSTOMER_OR_SUPERVISOR = {401, 404, 403, 403, OK, OK};
  private static final int[] CONVERSATION_STAFF = {401, 404, 403, OK, OK, 403};
  private static final int[] CONVERSATION_SUPERVISOR = {401, 404, 403, 403, OK, 403};
  private static final int[] SELF_OR_SUPERVISOR = {401, 403, 403, OK, OK, 403};
  private static final int[] SELF = {401, 403, 403, OK, 403, 403};
  private static final int[] STAFF = {401, 403, OK, OK, OK, 403};
  private static final int[] QUEUE_STAFF = {401, 403, 403, OK, OK, 403};
  private static final int[] SUPERVISOR = {401, 403, 403, 403, OK, 403};
  private static final int[] AUTHENTICATED = {401, OK, OK, OK, OK, OK};

  /** Columns: NONE, OTHER_CUSTOMER, OTHER_QUEUE_AGENT, AGENT, SUPERVISOR, CUSTOMER (of the conversation). */
  private static final Map<String, int[]> MATRIX = new LinkedHashMap<>();

  static {
    String c = "/api/v1/conversations/{conversationId}";
    MATRIX.put("POST /api/v1/conversations", PUBLIC);
    MATRIX.put("GET /api/v1/conversations", STAFF);
    MATRIX.put("GET " + c, CONVERSATION_READ);
    MATRIX.put("GET " + c + "/messages", CONVERSATION_READ);
    MATRIX.put("GET " + c + "/stream", CONVERSATION_READ);
    MATRIX.put("POST " + c + "/typing", CONVERSATION_READ);
    MATRIX.put("POST " + c + "/messages", CUSTOMER_ONLY);
    MATRIX.put("POST " + c + "/handoff", CUSTOMER_ONLY);
    MATRIX.put("POST " + c + "/csat", CUSTOMER_ONLY);
    MATRIX.put("POST " + c + "/takeover", CONVERSATION_STAFF);
    MATRIX.put("POST " + c + "/agent-messages", CONVERSATION_STAFF);
    MATRIX.put("POST " + c + "/transfer", CONVERSATION_STAFF);
    MATRIX.put("POST " + c + "/release", CONVERSATION_STAFF);
    MATRIX.put("POST " + c + "/requeue", CONVERSATION_SUPERVISOR);
    MATRIX.put("POST " + c + "/notes", CONVERSATION_STAFF);
    MATRIX.put("GET " + c + "/earlier", CONVERSATION_STAFF);
    MATRIX.put("POST " + c + "/resolve", CONVERSATION_STAFF);
    MATRIX.put("POST " + c + "/close", CUSTOMER_OR_SUPERVISOR);
    // The review loop: agents of the conversation flag the bot's readings; supervisors decide.
    MATRIX.put("GET " + c + "/bot-turns", CONVERSATION_STAFF);
    MATRIX.put("POST " + c + "/bot-turns/{turn}/flag", CONVERSATION_STAFF);
    MATRIX.put("POST " + c + "/example-answers", CONVERSATION_STAFF);
    MATRIX.put("GET /api/v1/bot/model", STAFF);
    MATRIX.put("GET /api/v1/bot/review", SUPERVISOR);
    MATRIX.put("POST /api/v1/bot/review/{conversationId}/{turn}", SUPERVISOR);
    MATRIX.put("GET /api/v1/bot/example-answers", SUPERVISOR);
    MATRIX.put("PUT /api/v1/agents/{agentId}/presence", SELF_OR_SUPERVISOR);
    MATRIX.put("POST /api/v1/agents/{agentId}/heartbeat", SELF);
    MATRIX.put("GET /api/v1/agents/{agentId}", SELF_OR_SUPERVISOR);
    MATRIX.put("GET /api/v1/agents/{agentId}/conversations", SELF_OR_SUPERVISOR);
    MATRIX.put("GET /api/v1/queues", STAFF);
    MATRIX.put("GET /api/v1/queues/stream", STAFF);
    MATRIX.put("GET /api/v1/queues/{queue}/waiting", QUEUE_STAFF);
    MATRIX.put("GET /api/v1/queues/{queue}/hours", QUEUE_STAFF);
    MATRIX.put("PUT /api/v1/queues/{queue}/hours", SUPERVISOR);
    MATRIX.put("GET /api/v1/queues/{queue}/callbacks", QUEUE_STAFF);
    MATRIX.put("GET /api/v1/queues/{queue}/canned-replies", QUEUE_STAFF);
    MATRIX.put("PUT /api/v1/queues/{queue}/canned-replies", SUPERVISOR);
    MATRIX.put("GET /api/v1/tickets", SUPERVISOR);
    MATRIX.put("GET /api/v1/tickets/{id}", SUPERVISOR);
    MATRIX.put("PATCH /api/v1/tickets/{id}", SUPERVISOR);
    MATRIX.put("GET /api/v1/accounts", SUPERVISOR);
    MATRIX.put("POST /api/v1/accounts", SUPERVISOR);
    MATRIX.put("GET /api/v1/accounts/{username}", SELF_OR_SUPERVISOR);
    MATRIX.put("PATCH /api/v1/accounts/{username}", SUPERVISOR);
    MATRIX.put("POST /api/v1/accounts/{username}/tokens", SELF_OR_SUPERVISOR);
    // Whoever may call the payload codec can read every conversation.
    MATRIX.put("POST /api/v1/codec/encode", SUPERVISOR);
    MATRIX.put("POST /api/v1/codec/decode", SUPERVISOR);
    // The numbers of every queue and channel are a supervisor's (issue 13).
    MATRIX.put("GET /api/v1/metrics", SUPERVISOR);
    MATRIX.put("POST /api/v1/codec/session", SUPERVISOR);
    MATRIX.put("DELETE /api/v1/codec/session", SUPERVISOR);
    MATRIX.put("GET /api/v1/auth/me", AUTHENTICATED);
    MATRIX.put("POST /api/v1/auth/token", PUBLIC);
    // Last: signing out ends the token of the caller.
    MATRIX.put("DELETE /api/v1/auth/token", STAFF);
  }

  private final BatonStack stack;
  private final ApiClient api;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  AccessMatrixIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @Test
  void everyRouteAnswersEveryCallerAsTheMatrixSays() throws Exception {
    List<String> routes = routes();
    assertThat(new TreeSet<>(MATRIX.keySet()))
        .as("the matrix has a row for every route of /v3/api-docs, and none for a route that is gone")
        .isEqualTo(new TreeSet<>(routes));

    String agent = "matrix-agent-" + suffix;
    String outsider = "matrix-outsider-" + suffix;
    Map<Caller, String> tokens = new LinkedHashMap<>();
    tokens.put(Caller.NONE, null);
    tokens.put(Caller.OTHER_CUSTOMER, token(api.startConversation("matrix-other-" + suffix, "standard", "hello")));
    api.agentOnline(outsider, List.of("billing"), 5);
    tokens.put(Caller.OTHER_QUEUE_AGENT, api.agent(outsider).token());
    api.agentOnline(agent, List.of("orders", "general"), 5);
    tokens.put(Caller.AGENT, api.agent(agent).token());
    tokens.put(Caller.SUPERVISOR, supervisor());
    JsonNode started = api.startConversation("matrix-" + suffix, "standard", "where is my order 12345678");
    String conversation = started.path("conversationId").asText();
    tokens.put(Caller.CUSTOMER, token(started));
    api.handoff(conversation, null).expect(200);
    assertThat(api.conversation(conversation).path("queue").asText()).isEqualTo("orders");

    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (String route : MATRIX.keySet()) {
      for (Caller caller : Caller.values()) {
        int expected = MATRIX.get(route)[caller.ordinal()];
        String path =
            route.substring(route.indexOf(' ') + 1)
                .replace("{conversationId}", conversation)
                .replace("{agentId}", agent)
                .replace("{username}", agent)
                .replace("{queue}", "orders")
                .replace("{turn}", "1")
                .replace("{id}", "999999999");
        Answer answer = call(route.substring(0, route.indexOf(' ')), path, body(route, agent), tokens.get(caller));
        cells++;
        boolean right = expected == OK ? !answer.denied() && answer.status() < 500 : answer.denied() && answer.status() == expected;
        if (!right) {
          wrong.add(route + " as " + caller + ": expected " + (expected == OK ? "OK" : expected) + ", got " + answer);
        }
      }
    }
    System.out.println("access matrix: " + MATRIX.size() + " routes x " + Caller.values().length + " callers = " + cells + " cells");
    assertThat(wrong).as("cells of the access matrix that answered otherwise").isEmpty();
  }

  @Test
  void aTokenIsReadFromTheAuthorizationHeaderOnlyStreamsIncluded() throws Exception {
    String agent = "matrix-header-" + suffix;
    api.agentOnline(agent, List.of("orders"), 5);
    String agentToken = api.agent(agent).token();
    JsonNode started = api.startConversation("matrix-header-" + suffix, "standard", "where is my order 12345678");
    String conversation = started.path("conversationId").asText();
    api.handoff(conversation, null).expect(200);
    assertThat(api.conversation(conversation).path("queue").asText()).as("the staff view's queue").isEqualTo("orders");
    String conversationStream = "/api/v1/conversations/" + conversation + "/stream";

    Map<String, String> streams = new LinkedHashMap<>();
    streams.put(conversationStream + " as the customer", token(started));
    streams.put(conversationStream + " as an agent", agentToken);
    streams.put("/api/v1/queues/stream as an agent", agentToken);
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> stream : streams.entrySet()) {
      String path = stream.getKey().substring(0, stream.getKey().indexOf(' '));
      String token = stream.getValue();
      int header;
      try (OpenStream open = stream(path, "Authorization", "Bearer " + token)) {
        header = open.status();
      }
      int query = stream(path + "?access_token=" + token, null, null).status();
      int cookie = stream(path, "Cookie", "baton_token=" + token).status();
      if (header != 200 || query != 401 || cookie != 401) {
        wrong.add(stream.getKey() + ": header " + header + ", access_token " + query + ", baton_token cookie " + cookie);
      }
    }
    assertThat(wrong).as("streams that took a token from elsewhere than the header, or refused it there").isEmpty();
    assertThat(call("GET", "/api/v1/auth/me?access_token=" + agentToken, null, null).status()).isEqualTo(401);
  }

  @Test
  void aLeakedTokenCannotMakeALongerLivedOne() throws Exception {
    String agent = "matrix-leak-" + suffix;
    String password = "correct horse " + UUID.randomUUID();
    api.credentials().agent(agent, List.of("orders"), password);
    String console = api.credentials().signIn(agent, password);
    String tokens = "/api/v1/accounts/" + agent + "/tokens";

    Answer tenYears = call("POST", tokens, Map.of("expiresInDays", 3650), console);
    assertThat(tenYears.status()).as("a token for ten years").isEqualTo(400);
    JsonNode minted = api.as(new ApiClient.Credential(console)).post("/accounts/" + agent + "/tokens", Map.of()).expect(201);
    Duration lifetime = Duration.between(java.time.Instant.now(), java.time.Instant.parse(minted.path("expiresAt").asText()));
    assertThat(lifetime).as("a personal token's default and longest life").isBetween(Duration.ofDays(89), Duration.ofDays(90));

    String personal = minted.path("token").asText();
    Answer fromPersonal = call("POST", tokens, Map.of(), personal);
    assertThat(fromPersonal).as("a personal token minting another").isEqualTo(new Answer(403, "urn:baton:problem:fresh-sign-in-required"));
    String supervisor = supervisor();
    Answer password2 = call("PATCH", "/api/v1/accounts/" + agent, Map.of("password", "another password " + suffix), supervisor);
    assertThat(password2).as("a personal token setting a password").isEqualTo(new Answer(403, "urn:baton:problem:fresh-sign-in-required"));
  }

  @Test
  void aPasswordChangeOrADisabledAccountEndsEveryTokenOpenStreamsIncluded() throws Exception {
    String agent = "matrix-revoke-" + suffix;
    String password = "correct horse " + UUID.randomUUID();
    api.credentials().agent(agent, List.of("orders"), password);
    String console = api.credentials().signIn(agent, password);
    String personal =
        api.as(new ApiClient.Credential(console)).post("/accounts/" + agent + "/tokens", Map.of()).expect(201).path("token").asText();
    try (OpenStream open = stream("/api/v1/queues/stream", "Authorization", "Bearer " + personal)) {
      assertThat(open.status()).isEqualTo(200);

      String newPassword = "a new password " + UUID.randomUUID();
      api.as(api.operator()).request("PATCH", "/accounts/" + agent, Map.of("password", newPassword)).expect(200);

      for (String ended : List.of(console, personal)) {
        assertThat(call("GET", "/api/v1/auth/me", null, ended).status()).as("a token from before the password change").isEqualTo(401);
      }
      // Within a heartbeat (15 s), and the time to notice the stream's end.
      assertThat(open.ended().await(40, TimeUnit.SECONDS)).as("the stream opened with a token that ended").isTrue();
      assertThat(call("POST", "/api/v1/auth/token", Map.of("username", agent, "password", password), null).status())
          .as("the old password").isEqualTo(401);

      String afterwards = api.credentials().signIn(agent, newPassword);
      assertThat(call("GET", "/api/v1/auth/me", null, afterwards).status()).isEqualTo(200);
      api.as(api.operator()).request("PATCH", "/accounts/" + agent, Map.of("disabled", true)).expect(200);
      assertThat(call("GET", "/api/v1/auth/me", null, afterwards).status()).as("a token of a disabled account").isEqualTo(401);
    }
  }

  @Test
  void guessingPasswordsIsThrottledPerUsernameTheSameWhetherOrNotTheAccountExists() throws Exception {
    String agent = "matrix-guess-" + suffix;
    String password = "correct horse " + UUID.randomUUID();
    api.credentials().agent(agent, List.of("orders"), password);

    List<Answer> known = new ArrayList<>();
    List<Answer> unknown = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      known.add(call("POST", "/api/v1/auth/token", Map.of("username", agent, "password", "guess " + i), null));
      unknown.add(call("POST", "/api/v1/auth/token", Map.of("username", "nobody-" + suffix, "password", "guess " + i), null));
    }

    assertThat(unknown).as("the answers for an account nobody has").isEqualTo(known);
    assertThat(known.subList(0, 5)).allSatisfy(a -> assertThat(a).isEqualTo(new Answer(401, "urn:baton:problem:invalid-credentials")));
    assertThat(known.subList(5, 7)).allSatisfy(a -> assertThat(a).isEqualTo(new Answer(429, "urn:baton:problem:too-many-requests")));
    assertThat(call("POST", "/api/v1/auth/token", Map.of("username", agent, "password", password), null))
        .as("even the right password, until the wait is over")
        .isEqualTo(new Answer(429, "urn:baton:problem:too-many-requests"));
  }

  /** A stream opened with one extra header (or none): its status, and a latch released when the server ends it. */
  private OpenStream stream(String path, String header, String value) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.base() + path)).header("Accept", "text/event-stream").GET();
    if (header != null) {
      request.header(header, value);
    }
    HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    CountDownLatch ended = new CountDownLatch(1);
    InputStream body = response.body();
    if (response.statusCode() != 200) {
      body.close();
      ended.countDown();
      return new OpenStream(response.statusCode(), ended, body);
    }
    Thread reader =
        new Thread(
            () -> {
              try (body) {
                body.transferTo(OutputStream.nullOutputStream());
              } catch (IOException closed) {
                // Ended either way.
              }
              ended.countDown();
            },
            "matrix-stream");
    reader.setDaemon(true);
    reader.start();
    return new OpenStream(200, ended, body);
  }

  /** A stream this test opened; closing it frees its slot (streams per client are limited). */
  record OpenStream(int status, CountDownLatch ended, InputStream body) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      body.close();
    }
  }

  /** Every field a customer's view of their conversation may have, at the top and in each message. */
  private static final Set<String> CUSTOMER_FIELDS =
      Set.of("conversationId", "status", "waiting", "agentName", "callback", "lastSeq", "messages", "earlierCursor");
  private static final Set<String> CUSTOMER_MESSAGE_FIELDS = Set.of("seq", "author", "agentName", "text", "at");
  /** Fields of the staff view a customer token must never see, at any depth of any answer or event. */
  private static final Set<String> STAFF_ONLY =
      Set.of(
          "summary", "agentNotes", "escalation", "intent", "confidence", "sentiment", "sentimentTrend", "priority",
          "reason", "reasonDetail", "detail", "priorContacts", "recommendedQueue", "botAttempts", "keyFacts", "queue",
          "assignedAgent", "agentId", "customer", "customerTier", "temporalUi", "ticketId", "turns");
  private static final String FRAUD_NOTE = "customer looks like a fraud case";

  /**
   * Visibility, field by field: what a customer token reads of their own conversation (REST and
   * the live stream) once agents have worked it and one left a note about the customer, and that
   * staff still read all of it.
   */
  @Test
  void aCustomerTokenSeesTheCustomerViewAndNoStaffField() throws Exception {
    String agent = "matrix-mia-" + suffix;
    api.put("/agents/" + agent + "/presence",
            Map.of("status", "ONLINE", "queues", List.of("orders", "general"), "maxConcurrent", 5, "name", "Mia"))
        .expect(200);
    String id = api.newConversation("matrix-view-" + suffix, "where is my order 12345678");
    ApiClient customer = api.as(api.customerOf(id));
    customer.post("/conversations/" + id + "/handoff", Map.of()).expect(200);
    api.post("/conversations/" + id + "/takeover", Map.of("agentId", agent)).expect(200);
    api.post("/conversations/" + id + "/agent-messages",
            Map.of("agentId", agent, "text", "Hello, Mia here.", "clientMessageId", "a-" + UUID.randomUUID()))
        .expect(200);
    api.post("/conversations/" + id + "/transfer", Map.of("agentId", agent, "queue", "general", "note", FRAUD_NOTE))
        .expect(200);
    api.post("/conversations/" + id + "/takeover", Map.of("agentId", agent)).expect(200);

    ApiClient.Response read = customer.get("/conversations/" + id);
    JsonNode view = read.expect(200);
    assertThat(new TreeSet<>(fieldNames(view))).as("the customer view's fields").isEqualTo(new TreeSet<>(CUSTOMER_FIELDS));
    assertThat(view.path("status").asText()).isEqualTo("AGENT_ACTIVE");
    assertThat(view.path("agentName").asText()).as("the agent's display name").isEqualTo("Mia");
    for (JsonNode message : view.path("messages")) {
      assertThat(new TreeSet<>(fieldNames(message))).isEqualTo(new TreeSet<>(CUSTOMER_MESSAGE_FIELDS));
    }
    assertThat(view.path("messages").findValuesAsText("agentName")).contains("Mia");
    List<ApiClient.Response> answers =
        List.of(read, customer.get("/conversations/" + id + "/messages"),
            // A page read backwards (the console's and the widget's "load earlier") is the customer's too.
            customer.get("/conversations/" + id + "/messages?before=" + view.path("lastSeq").asLong() + "&limit=2"),
            customer.post("/conversations/" + id + "/messages", Map.of("text", "thanks", "clientMessageId", "m-" + UUID.randomUUID())));
    for (ApiClient.Response answer : answers) {
      answer.expect(200);
      assertThat(staffFieldsIn(answer.body())).as(answer.request()).isEmpty();
      assertThat(answer.raw()).as(answer.request()).doesNotContain(FRAUD_NOTE).doesNotContain(agent);
    }
    try (LiveStreamIT.SseClient stream =
        LiveStreamIT.SseClient.open(customer, URI.create(api.base() + "/api/v1/conversations/" + id + "/stream"), null)) {
      List<LiveStreamIT.SseClient.Event> events = stream.until("status", Duration.ofSeconds(10));
      for (LiveStreamIT.SseClient.Event event : events) {
        assertThat(staffFieldsIn(event.json())).as("the customer's %s event %s", event.name(), event.data()).isEmpty();
        assertThat(event.data()).doesNotContain(agent);
      }
      assertThat(events.get(events.size() - 1).json().path("agentName").asText()).isEqualTo("Mia");
    }

    JsonNode staff = api.as(api.operator()).get("/conversations/" + id).expect(200);
    assertThat(staff.path("summary").path("agentNotes").toString()).contains(FRAUD_NOTE);
    assertThat(staff.path("intent").asText()).isNotEmpty();
    assertThat(staff.path("assignedAgent").asText()).isEqualTo(agent);
    assertThat(staff.path("messages").findValuesAsText("agentId")).contains(agent);
  }

  /**
   * Anonymous and verified customers live in separate id spaces: an anonymous caller who names a
   * verified customer's id, bare or behind the prefix verified ids once had, neither lands on
   * their conversation (and its token) nor shows the agent their history. The verified customer's
   * own next conversation still does.
   */
  @Test
  void anAnonymousCallerNamingAVerifiedCustomerGetsNoneOfTheirConversationsOrHistory() {
    String vip = "matrix-vip-" + suffix;
    JsonNode first = startAs(vip, api.credentials().identity(vip, "vip"), "m-1");
    String verified = first.path("conversationId").asText();
    api.as(api.customerOf(verified)).post("/conversations/" + verified + "/handoff", Map.of()).expect(200);

    String impostor = startAs(vip, null, "m-2").path("conversationId").asText();
    assertThat(impostor).isNotEqualTo(verified);
    api.as(api.customerOf(impostor)).post("/conversations/" + impostor + "/handoff", Map.of()).expect(200);
    JsonNode earlier = api.as(api.operator()).get("/conversations/" + impostor + "/earlier").expect(200);
    assertThat(earlier.path("conversations").findValuesAsText("conversationId"))
        .as("the impostor's earlier conversations").doesNotContain(verified);
    assertThat(api.as(api.operator()).get("/conversations/" + impostor).expect(200).path("summary").path("priorContacts").asInt())
        .as("the impostor's prior contacts").isZero();

    String again = startAs(vip, api.credentials().identity(vip, "vip"), "m-3").path("conversationId").asText();
    api.as(api.customerOf(again)).post("/conversations/" + again + "/handoff", Map.of()).expect(200);
    assertThat(api.as(api.operator()).get("/conversations/" + again + "/earlier").expect(200)
            .path("conversations").findValuesAsText("conversationId"))
        .as("the verified customer's own earlier conversations").contains(verified).doesNotContain(impostor);

    JsonNode prefixed = startAs("verified:" + vip, null, "m-1");
    assertThat(prefixed.path("conversationId").asText()).as("an anonymous start naming verified:" + vip).isNotEqualTo(verified);
  }

  private JsonNode startAs(String customerId, String identity, String clientMessageId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("customer", Map.of("id", customerId));
    body.put("channel", "web");
    body.put("text", "where is my order 12345678");
    body.put("clientMessageId", clientMessageId);
    if (identity != null) {
      body.put("identity", identity);
    }
    return api.post("/conversations", body).expect(201);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Paths of every staff-only field in {@code node}, at any depth. */
  private static List<String> staffFieldsIn(JsonNode node) {
    List<String> found = new ArrayList<>();
    collect(node, "$", found);
    return found;
  }

  private static void collect(JsonNode node, String path, List<String> found) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (STAFF_ONLY.contains(field.getKey())) {
          found.add(path + "." + field.getKey());
        }
        collect(field.getValue(), path + "." + field.getKey(), found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), path + "[" + i + "]", found);
      }
    }
  }

  /** "METHOD /path" of every operation in the api's OpenAPI document. */
  private List<String> routes() throws IOException, InterruptedException {
    HttpResponse<String> docs =
        http.send(HttpRequest.newBuilder(URI.create(api.base() + "/v3/api-docs")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(docs.statusCode()).isEqualTo(200);
    List<String> routes = new ArrayList<>();
    JsonNode paths = ApiClient.JSON.readTree(docs.body()).path("paths");
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      path.getValue().fieldNames().forEachRemaining(method -> routes.add(method.toUpperCase() + " " + path.getKey()));
    }
    return routes;
  }

  /** A body the route accepts, so an allowed call is judged by its answer, not by a 400. */
  private Object body(String route, String agent) {
    return switch (route.substring(route.lastIndexOf('/') + 1)) {
      case "conversations" -> route.startsWith("POST")
          ? Map.of("customer", Map.of("id", "matrix-start-" + suffix), "channel", "web", "text", "hello") : null;
      case "messages" -> Map.of("text", "still there?", "clientMessageId", "m-" + UUID.randomUUID());
      case "csat" -> Map.of("score", 5);
      case "agent-messages" -> Map.of("text", "Hello from the matrix", "clientMessageId", "a-" + UUID.randomUUID());
      case "transfer" -> Map.of("queue", "general", "note", "matrix");
      case "presence" -> Map.of("status", "ONLINE", "queues", List.of("orders", "general"), "maxConcurrent", 5);
      case "hours" -> Map.of("zone", "UTC", "week", Map.of("monday", List.of("00:00-24:00"), "tuesday", List.of("00:00-24:00"),
          "wednesday", List.of("00:00-24:00"), "thursday", List.of("00:00-24:00"), "friday", List.of("00:00-24:00"),
          "saturday", List.of("00:00-24:00"), "sunday", List.of("00:00-24:00")), "closedDates", List.of());
      case "{id}" -> Map.of("status", "OPEN");
      case "canned-replies" -> Map.of("replies", List.of(Map.of("title", "Hello", "text", "Hi {name}, I'm on it.")));
      case "accounts" -> Map.of("username", "matrix-new-" + UUID.randomUUID().toString().substring(0, 8), "queues", List.of("orders"));
      case "{username}" -> Map.of("name", "Matrix Agent");
      case "token" -> Map.of("username", Credentials.OPERATOR, "password", api.credentials().operatorPassword);
      case "encode", "decode" -> Map.of("payloads", List.of());
      case "example-answers" -> Map.of("text", "Matrix answer");
      case "notes" -> Map.of("note", "Matrix note for staff");
      case "{turn}" -> Map.of("decision", "DISMISS");
      default -> Map.of();
    };
  }

  record Answer(int status, String type) {
    /**
     * Refused by who-may-do-what: no or a bad token, a caller without the right, or a customer's
     * question about another conversation. A route's own 403 (not-holder) or 404 (no such
     * ticket) is an answer, not a refusal.
     */
    boolean denied() {
      return status == 401
          || type.equals("urn:baton:problem:forbidden")
          || (status == 404 && type.equals("urn:baton:problem:conversation-not-found"));
    }

    @Override
    public String toString() {
      return status + (type.isEmpty() ? "" : " " + type);
    }
  }

  /** One call; a stream is judged by its status and headers, then closed. */
  private Answer call(String method, String path, Object body, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.base() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", path.endsWith("/stream") ? "text/event-stream" : "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body == null || "GET".equals(method)) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(body)));
    }
    HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream stream = response.body()) {
      if (response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
        return new Answer(response.statusCode(), "");
      }
      byte[] raw = stream.readAllBytes();
      OpenApiContract.expectKept(api.base(), method + " " + URI.create(api.base() + path).getRawPath(), response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""), new String(raw, java.nio.charset.StandardCharsets.UTF_8));
      String type = "";
      if (raw.length > 0 && response.headers().firstValue("Content-Type").orElse("").contains("json")) {
        type = ApiClient.JSON.readTree(raw).path("type").asText("");
      }
      return new Answer(response.statusCode(), type);
    }
  }

  /** A supervisor of this test's own: signing out at the end must not end the suite's operator. */
  private String supervisor() {
    String name = "matrix-supervisor-" + suffix;
    api.as(api.operator()).post("/accounts", Map.of("username", name, "role", "SUPERVISOR")).expect(201);
    return api.as(api.operator()).post("/accounts/" + name + "/tokens", Map.of()).expect(201).path("token").asText();
  }

  private static String token(JsonNode started) {
    return started.path("customerToken").asText();
  }
}
