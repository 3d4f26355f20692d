package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Nothing a client sends can hurt a conversation. Hundreds of generated requests across every
 * endpoint (malformed and deeply nested JSON, wrong types, every class of control character in
 * every string field, oversized fields and bodies, huge lists, long and odd ids, unknown and
 * finished conversations, duplicate and concurrent posts, racing agents) on the real stack; then
 * 0 answers 5xx, every rejection is a problem+json 4xx, no workflow failed or was terminated, and
 * every conversation the suite touched answers a normal turn in normal time.
 *
 * <p>Bounded: a fixed list of requests, sent to 127.0.0.1 only, one at a time except the races;
 * a 429 is honoured (its Retry-After) and the request sent again, at most three times.
 */
@ExtendWith(BatonStackExtension.class)
class HostileInputIT {
  /** A normal turn: the bot answers within this, on a busy two-core machine. */
  private static final Duration NORMAL_TURN = Duration.ofSeconds(5);

  /** Every class of character no store accepts, as JSON escapes: C0 controls and lone surrogates. */
  private static final List<String> REFUSED =
      List.of("\\u0000", "\\u0001", "\\u0002", "\\u0007", "\\b", "\\u000b", "\\f", "\\u000e", "\\u001b", "\\u001f",
          "\\ud800", "\\udbff", "\\udc00", "\\udfff");

  private final BatonStack stack;
  private final ApiClient api;
  private final Map<Integer, Integer> statuses = new TreeMap<>();
  private final List<String> violations = new ArrayList<>();
  private final Set<String> touched = new LinkedHashSet<>();
  private int requests;
  private int throttled;
  private long lastSent;
  private static final Duration PACE = Duration.ofMillis(12);

  HostileInputIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  /**
   * One endpoint that takes a JSON body, with a template whose %s is one string field, and who
   * sends it: the route's real caller (the conversation's customer, the agent holding it, a
   * supervisor), so that the answer is the api's check of the field, not a missing credential.
   */
  private record Target(String method, String path, String template, String field, ApiClient caller) {
    Target(String method, String path, String template, String field) {
      this(method, path, template, field, null);
    }
  }

  @Test
  void nothingAClientSendsHurtsAConversation() throws Exception {
    String agent = "hostile-agent";
    try {
      attack(agent);
    } finally {
      leaveNoTrace(agent);
    }
  }

  private void attack(String agent) throws Exception {
    api.agentOnline(agent, List.of("general", "orders", "billing", "technical", "account_security", "complaints"), 50);
    String botOwned = api.newConversation("hostile-1", "where is my order 12345678");
    String waiting = api.newConversation("hostile-2", "hello");
    api.handoff(waiting, "please").expect(200);
    String held = api.newConversation("hostile-3", "hello");
    api.handoff(held, null).expect(200);
    api.post("/conversations/" + held + "/takeover", Map.of("agentId", agent)).expect(200);
    String finished = api.newConversation("hostile-4", "hello");
    api.close(finished);
    touched.addAll(List.of(botOwned, waiting, held, finished));

    ApiClient asAgent = api.as(api.agent(agent));
    // An account of the suite's own, whose password the attacks on PATCH may change.
    String account = "hostile-account-" + UUID.randomUUID().toString().substring(0, 8);
    api.post("/accounts", Map.of("username", account, "queues", List.of("general"))).expect(201);
    List<Target> targets = new ArrayList<>(targets(botOwned, waiting, held, finished, agent, asAgent));
    targets.add(new Target("POST", "/accounts", "{\"username\":\"" + account + "-new\",\"password\":%s}", "password"));
    targets.add(new Target("PATCH", "/accounts/" + account, "{\"password\":%s}", "password"));

    // Every class of refused character in every string field of every endpoint.
    for (Target target : targets) {
      for (String character : REFUSED) {
        send(target, String.format(target.template(), "\"x" + character + "y\""));
      }
    }
    // Each field far over its limit (within the body cap), and over the body cap.
    for (Target target : targets) {
      send(target, String.format(target.template(), "\"" + "x".repeat(5000) + "\""));
      send(target, String.format(target.template(), "\"" + "x".repeat(70_000) + "\""));
    }
    // Malformed, deeply nested, wrongly typed and empty bodies, and wrong content types.
    List<String> malformed =
        List.of("{", "[", "nul", "{\"text\":", "{\"text\":\"unterminated", "\"just a string\"", "42", "[]", "{}",
            "{\"text\":123,\"clientMessageId\":[1,2]}", "{\"agentId\":{},\"note\":true}", "{\"customer\":\"ada\"}",
            "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000), "\u0000", "");
    // Now that each call carries its caller's credential, some of these bodies are valid ("{}" is a
    // release, a takeover): agents' routes get them on conversations where they change nothing.
    Set<String> endpoints = new LinkedHashSet<>();
    targets.forEach(t -> endpoints.add(t.method() + " " + t.path()
        .replace("/" + waiting + "/takeover", "/" + finished + "/takeover")
        .replace("/" + held + "/", "/" + waiting + "/")));
    for (String endpoint : endpoints) {
      String method = endpoint.substring(0, endpoint.indexOf(' '));
      String path = endpoint.substring(endpoint.indexOf(' ') + 1);
      for (String body : malformed) {
        send(method, path, body);
      }
      record(() -> api.requestRaw(method, path, "text/plain", "hello"));
      record(() -> api.requestRaw(method, path, "application/xml", "<text>hello</text>"));
    }
    // Passwords bcrypt cannot take (it reads 72 bytes): a 400 naming the limit, never a 500.
    List<String> overlong = List.of("x".repeat(73), "x".repeat(100), "€".repeat(25), "é".repeat(36) + "x", "😀".repeat(19));
    for (String password : overlong) {
      for (String[] route : List.of(
          new String[] {"POST", "/accounts", "{\"username\":\"" + account + "-long\",\"password\":\"" + password + "\"}"},
          new String[] {"PATCH", "/accounts/" + account, "{\"password\":\"" + password + "\"}"})) {
        ApiClient.Response response = send(route[0], route[1], route[2]);
        if (response.status() != 400 || !response.body().path("errors").path(0).path("message").asText().contains("72 bytes")) {
          violations.add("an overlong password " + route[0] + " " + route[1] + " answered " + response.status() + ": " + abbreviate(response.raw()));
        }
      }
    }
    // Guessing passwords, with odd ones too: wrong (401) until the username's limit, then 429 with
    // Retry-After, never a 5xx. Sent once each: waiting out the growing delay is not the point.
    String guessed = "hostile-signin-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> guesses =
        List.of("\"" + "x".repeat(100) + "\"", "\"" + "€".repeat(40) + "\"", "\"x\\u0000y\"", "\"x\\ud800y\"", "\"guess\"",
            "\"" + "x".repeat(5000) + "\"", "\"guess 2\"", "\"guess 3\"");
    int refusedGuesses = 0;
    for (String password : guesses) {
      pace();
      ApiClient.Response response =
          api.requestRaw("POST", "/auth/token", "application/json", "{\"username\":\"" + guessed + "\",\"password\":" + password + "}");
      count(response);
      if (response.status() == 429 && response.body().path("retryAfterSeconds").asLong() > 0) {
        refusedGuesses++;
      }
    }
    assertThat(refusedGuesses).as("guesses refused with 429 and a wait, after five wrong ones").isGreaterThanOrEqualTo(1);
    // Huge lists.
    send("PUT", "/agents/" + agent + "/presence",
        "{\"status\":\"ONLINE\",\"queues\":[" + String.join(",", Collections.nCopies(10_000, "\"general\"")) + "],\"maxConcurrent\":5}");
    send("PUT", "/agents/" + agent + "/presence",
        "{\"status\":\"ONLINE\",\"queues\":[" + String.join(",", Collections.nCopies(21, "\"general\"")) + "],\"maxConcurrent\":5}");
    for (String queue : List.of("billing", "_default")) {
      send("PUT", "/queues/" + queue + "/hours",
          "{\"zone\":\"UTC\",\"closedDates\":[" + String.join(",", Collections.nCopies(200_000, "\"2030-01-01\"")) + "]}");
      send("PUT", "/queues/" + queue + "/hours",
          "{\"zone\":\"UTC\",\"closedDates\":[" + String.join(",", Collections.nCopies(501, "\"2030-01-01\"")) + "]}");
      send("PUT", "/queues/" + queue + "/hours",
          "{\"zone\":\"UTC\",\"week\":{\"monday\":[" + String.join(",", Collections.nCopies(9, "\"09:00-10:00\"")) + "]}}");
    }
    // Long and odd ids, unknown and finished conversations, every path that takes one.
    List<String> oddIds =
        List.of("x".repeat(129), "x".repeat(2000), "a%20b", "%00", "a%0Ab", "%E2%80%AE", "%F0%9F%98%80", "..", "a;b",
            "00000000-0000-0000-0000-000000000000", finished);
    for (String id : oddIds) {
      record(() -> api.get("/conversations/" + id));
      record(() -> api.get("/conversations/" + id + "/messages"));
      send("POST", "/conversations/" + id + "/messages", "{\"text\":\"hello\",\"clientMessageId\":\"odd-1\"}");
      send("POST", "/conversations/" + id + "/handoff", "{}");
      send("POST", "/conversations/" + id + "/close", "{}");
      send("POST", "/conversations/" + id + "/takeover", "{\"agentId\":\"" + agent + "\"}");
      send("POST", "/conversations/" + id + "/csat", "{\"score\":5}");
      record(() -> api.get("/agents/" + id));
      record(() -> api.get("/tickets/" + id));
    }
    // Query parameters out of range or of the wrong type.
    for (String query : List.of("?after=-1", "?after=x", "?limit=0", "?limit=100000", "?after=99999999999999999999")) {
      record(() -> api.get("/conversations/" + botOwned + "/messages" + query));
    }
    // Pages of a transcript: a page size or a cursor out of bounds is a 400 naming it.
    for (String query : List.of("?limit=501", "?before=0", "?before=x", "?after=1&before=5", "?before=-3&limit=2")) {
      ApiClient.Response response = record(() -> api.get("/conversations/" + botOwned + "/messages" + query));
      if (response.status() != 400 || !"urn:baton:problem:invalid-request".equals(response.body().path("type").asText())) {
        violations.add("GET …/messages" + query + " answered " + response.status() + ": " + abbreviate(response.raw()));
      }
    }
    for (String query : List.of("?status=NOPE", "?limit=-5", "?queue=Not%20A%20Queue")) {
      record(() -> api.get("/tickets" + query));
    }
    // What a fuzzer once had answer 500: a multipart Content-Type without a boundary (GET routes
    // take no body, yet the container parsed it), and a bearer token shaped like an encrypted JWT.
    for (String path : List.of("/conversations/" + botOwned, "/conversations/" + botOwned + "/messages",
        "/conversations", "/queues", "/tickets", "/agents/" + agent, "/auth/me")) {
      for (String type : List.of("multipart/form-data", "multipart/mixed; boundary=", "multipart/form-data; boundary=x")) {
        record(() -> api.requestRaw("GET", path, type, "--x\r\nnot a part"));
      }
    }
    ApiClient.Response encrypted =
        record(() -> api.as(new ApiClient.Credential("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.AA.AA.AA.AA")).get("/queues"));
    if (encrypted.status() != 401) {
      violations.add("a bearer token shaped like an encrypted JWT answered " + encrypted.status() + ": " + abbreviate(encrypted.raw()));
    }

    // Duplicates: the same message twice answers the same turn, once in the transcript.
    for (int i = 0; i < 5; i++) {
      String id = "dup-" + i;
      String text = "is my order shipped " + i;
      ApiClient.Response first = record(() -> api.sendMessage(botOwned, text, id));
      ApiClient.Response again = record(() -> api.sendMessage(botOwned, text, id));
      assertThat(again.raw()).as("a repeated message is answered as the first time").isEqualTo(first.raw());
    }
    // Concurrent posts on one conversation, and agents racing for one waiting conversation.
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ApiClient.Response>> racing = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String n = String.valueOf(i);
        racing.add(pool.submit(() -> api.sendMessage(botOwned, "parallel " + n, "par-" + n)));
      }
      String contested = api.newConversation("hostile-5", "hello");
      touched.add(contested);
      api.handoff(contested, null).expect(200);
      for (int i = 0; i < 4; i++) {
        String racer = "racer-" + i;
        api.agentOnline(racer, List.of("general", "orders", "billing", "technical", "account_security", "complaints"), 5);
        racing.add(pool.submit(() -> api.post("/conversations/" + contested + "/takeover", Map.of("agentId", racer))));
      }
      racing.add(pool.submit(() -> api.post("/conversations/" + held + "/release", Map.of("agentId", agent, "note", "back to bot"))));
      racing.add(pool.submit(() -> api.post("/conversations/" + held + "/transfer", Map.of("agentId", agent, "queue", "billing"))));
      racing.add(pool.submit(() -> api.post("/conversations/" + held + "/resolve", Map.of("agentId", "racer-0"))));
      int takeovers = 0;
      for (Future<ApiClient.Response> call : racing) {
        ApiClient.Response response = call.get();
        count(response);
        if (response.request().endsWith("/takeover") && response.status() == 200) {
          takeovers++;
        }
      }
      assertThat(takeovers).as("exactly one racing agent takes the conversation").isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }

    printFigures();
    assertThat(requests).as("requests sent").isGreaterThanOrEqualTo(500);
    // Each attack carries its caller's credential, so what refuses it is the limit under attack.
    assertThat(statuses.getOrDefault(401, 0)).as("answers 401 (no or a wrong credential), of %d", requests)
        .isLessThan(requests / 20);
    assertThat(violations).as("answers that were 5xx, or rejections that were not problem+json").isEmpty();
    assertThat(statuses.keySet()).as("statuses").allSatisfy(status -> assertThat(status).isLessThan(500));
    assertThat(failedOrTerminated()).as("workflows failed or terminated").isEmpty();
    assertEveryConversationStillAnswers();
  }

  /**
   * Work an anonymous caller may cause is bounded: an api with a site's strict limits (here two
   * starts per address, then one an hour; three customer messages per conversation) refuses the
   * third start with 429 too-many-starts and a wait, but not a retry of the first; and refuses a
   * fourth message with 409 conversation-message-limit naming the cap. Its transcript reads in
   * pages, backwards from the latest.
   */
  @Test
  void startsPerAddressAndMessagesPerConversationAreBounded() {
    ApiClient strict =
        stack.startApi(
            "api-strict-limits",
            Map.of(
                "BATON_LIMITS_STARTS_PER_ADDRESS_BURST", "2",
                "BATON_LIMITS_STARTS_PER_ADDRESS_REFILL", "1/1h",
                "BATON_CONVERSATION_MAX_CUSTOMER_MESSAGES", "3"));
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> firstStart =
        Map.of("customer", Map.of("id", "limits-a-" + suffix), "channel", "web", "text", "hello", "clientMessageId", "m-1");
    String first = strict.post("/conversations", firstStart).expect(201).path("conversationId").asText();
    String second = strict.newConversation("limits-b-" + suffix, "hello");
    assertThat(strict.post("/conversations", firstStart).expect(201).path("conversationId").asText())
        .as("a retried start lands on its conversation, not counted again").isEqualTo(first);

    ApiClient.Response third =
        strict.post("/conversations", Map.of("customer", Map.of("id", "limits-c-" + suffix), "channel", "web", "text", "hello"));
    assertThat(third.status()).as(third.raw()).isEqualTo(429);
    assertThat(third.contentType()).startsWith("application/problem+json");
    assertThat(third.body().path("type").asText()).isEqualTo("urn:baton:problem:too-many-starts");
    assertThat(third.body().path("retryAfterSeconds").asLong()).as("the wait").isBetween(60L, 3600L);

    strict.send(first, "one", "m-2");
    strict.send(first, "two", "m-3");
    ApiClient.Response fourth = strict.sendMessage(first, "three", "m-4");
    assertThat(fourth.status()).as(fourth.raw()).isEqualTo(409);
    assertThat(fourth.body().path("type").asText()).isEqualTo("urn:baton:problem:conversation-message-limit");
    assertThat(fourth.body().path("limit").asInt()).isEqualTo(3);

    JsonNode view = strict.conversation(first);
    assertThat(view.path("earlierCursor").isNull()).as("a short transcript is whole in its view").isTrue();
    long last = view.path("lastSeq").asLong();
    JsonNode page = strict.get("/conversations/" + first + "/messages?before=" + (last + 1) + "&limit=2").expect(200);
    assertThat(page.path("messages").findValuesAsText("seq")).containsExactly(String.valueOf(last - 1), String.valueOf(last));
    assertThat(page.path("nextCursor").asLong()).isEqualTo(last - 1);
    for (String id : List.of(first, second)) {
      strict.close(id);
    }
  }

  /** The stack is shared: the suite's agents go offline and its conversations are closed. */
  private void leaveNoTrace(String agent) {
    List<String> agents = new ArrayList<>(List.of(agent));
    for (int i = 0; i < 4; i++) {
      agents.add("racer-" + i);
    }
    for (String id : agents) {
      api.put("/agents/" + id + "/presence", Map.of("status", "OFFLINE", "queues", List.of("general"), "maxConcurrent", 1));
    }
    for (String id : touched) {
      api.post("/conversations/" + id + "/close", Map.of("reason", "hostile-input suite done"));
    }
  }

  /** The string fields of every endpoint that takes a body. */
  private static List<Target> targets(
      String botOwned, String waiting, String held, String finished, String agent, ApiClient asAgent) {
    String customer = "{\"customer\":{\"id\":\"hostile-new\"%s},\"channel\":\"web\",\"text\":\"hi\",\"clientMessageId\":\"h-1\"}";
    return List.of(
        new Target("POST", "/conversations", String.format(customer, ",\"name\":%s"), "customer.name"),
        new Target("POST", "/conversations", String.format(customer, ",\"email\":%s"), "customer.email"),
        new Target("POST", "/conversations", String.format(customer, ",\"tier\":%s"), "customer.tier"),
        new Target("POST", "/conversations", String.format(customer, ",\"language\":%s"), "customer.language"),
        new Target("POST", "/conversations", "{\"customer\":{\"id\":%s},\"channel\":\"web\"}", "customer.id"),
        new Target("POST", "/conversations", "{\"customer\":{\"id\":\"hostile-new\"},\"channel\":%s}", "channel"),
        new Target("POST", "/conversations", "{\"customer\":{\"id\":\"hostile-new\"},\"channel\":\"web\",\"text\":%s}", "text"),
        new Target("POST", "/conversations", "{\"customer\":{\"id\":\"hostile-new\"},\"channel\":\"web\",\"text\":\"hi\",\"clientMessageId\":%s}", "clientMessageId"),
        new Target("POST", "/conversations/" + botOwned + "/messages", "{\"text\":%s,\"clientMessageId\":\"m-1\"}", "text"),
        new Target("POST", "/conversations/" + botOwned + "/messages", "{\"text\":\"hello\",\"clientMessageId\":%s}", "clientMessageId"),
        // A valid body there changes nothing (already waiting) or is refused (finished): the
        // malformed-body round must not close the conversation the later rounds talk to.
        new Target("POST", "/conversations/" + waiting + "/handoff", "{\"note\":%s}", "note"),
        new Target("POST", "/conversations/" + finished + "/close", "{\"reason\":%s}", "reason"),
        new Target("POST", "/conversations/" + waiting + "/takeover", "{\"agentId\":%s}", "agentId", asAgent),
        new Target("POST", "/conversations/" + held + "/agent-messages", "{\"agentId\":\"" + agent + "\",\"text\":%s,\"clientMessageId\":\"a-1\"}", "text", asAgent),
        new Target("POST", "/conversations/" + held + "/agent-messages", "{\"agentId\":%s,\"text\":\"hi\",\"clientMessageId\":\"a-1\"}", "agentId", asAgent),
        new Target("POST", "/conversations/" + held + "/transfer", "{\"agentId\":\"" + agent + "\",\"queue\":\"billing\",\"note\":%s}", "note", asAgent),
        new Target("POST", "/conversations/" + held + "/transfer", "{\"agentId\":\"" + agent + "\",\"queue\":%s}", "queue", asAgent),
        new Target("POST", "/conversations/" + held + "/release", "{\"agentId\":\"" + agent + "\",\"note\":%s}", "note", asAgent),
        new Target("POST", "/conversations/" + held + "/resolve", "{\"agentId\":\"" + agent + "\",\"note\":%s}", "note", asAgent),
        new Target("POST", "/conversations/" + botOwned + "/csat", "{\"score\":5,\"comment\":%s}", "comment"),
        new Target("PUT", "/agents/" + agent + "/presence", "{\"status\":\"ONLINE\",\"queues\":[\"general\"],\"maxConcurrent\":5,\"name\":%s}", "name", asAgent),
        new Target("PUT", "/agents/" + agent + "/presence", "{\"status\":\"ONLINE\",\"queues\":[%s],\"maxConcurrent\":5}", "queues[0]", asAgent),
        new Target("PATCH", "/tickets/1", "{\"status\":\"OPEN\",\"note\":%s}", "note"),
        // A queue of the suite's own: with a supervisor's token, a body that happens to be valid
        // (the malformed round's "{}") must not change the hours other suites' queues keep.
        new Target("PUT", "/queues/hostile_input/hours", "{\"zone\":%s}", "zone"),
        new Target("PUT", "/queues/hostile_input/hours", "{\"zone\":\"UTC\",\"week\":{%s:[\"09:00-17:00\"]}}", "week"),
        new Target("PUT", "/queues/hostile_input/hours", "{\"zone\":\"UTC\",\"week\":{\"monday\":[%s]}}", "week[monday][0]"),
        new Target("PUT", "/queues/hostile_input/hours", "{\"zone\":\"UTC\",\"closedDates\":[%s]}", "closedDates[0]"));
  }

  private ApiClient.Response send(String method, String path, String body) {
    return record(() -> api.requestRaw(method, path, "application/json", body));
  }

  private ApiClient.Response send(Target target, String body) {
    ApiClient caller = target.caller() == null ? api : target.caller();
    return record(() -> caller.requestRaw(target.method(), target.path(), "application/json", body));
  }

  /** Sends, honouring 429's Retry-After (up to three times), and checks what came back. */
  private ApiClient.Response record(Supplier<ApiClient.Response> call) {
    pace();
    ApiClient.Response response = call.get();
    for (int retries = 0; response.status() == 429 && retries < 3; retries++) {
      throttled++;
      count(response);
      sleep(Duration.ofSeconds(Long.parseLong(response.body().path("retryAfterSeconds").asText("1"))));
      response = call.get();
    }
    count(response);
    return response;
  }

  /** A polite client: at most 80 requests a second, under the per-client limit of 100. */
  private void pace() {
    long wait = lastSent + PACE.toNanos() - System.nanoTime();
    if (wait > 0) {
      sleep(Duration.ofNanos(wait));
    }
    lastSent = System.nanoTime();
  }

  private synchronized void count(ApiClient.Response response) {
    requests++;
    statuses.merge(response.status(), 1, Integer::sum);
    if (response.status() >= 500) {
      violations.add(response.status() + " for " + response.request() + ": " + abbreviate(response.raw()));
    } else if (response.status() >= 400
        && (!response.contentType().startsWith("application/problem+json")
            || !response.body().path("type").asText().startsWith("urn:baton:problem:"))) {
      violations.add("not problem+json: " + response.status() + " " + response.contentType() + " for " + response.request()
          + ": " + abbreviate(response.raw()));
    }
  }

  /** Conversation workflows the suite touched that failed or were terminated. */
  private List<String> failedOrTerminated() throws Exception {
    List<String> bad = new ArrayList<>();
    String output =
        stack.temporal("workflow", "list", "--query", "ExecutionStatus=\"Failed\" OR ExecutionStatus=\"Terminated\"", "-o", "json");
    if (!output.isBlank()) {
      for (JsonNode execution : ApiClient.JSON.readTree(output)) {
        String workflowId = execution.path("execution").path("workflowId").asText();
        if (touched.stream().anyMatch(id -> workflowId.equals("conversation-" + id))) {
          bad.add(workflowId);
        }
      }
    }
    return bad;
  }

  /** Each open conversation takes a customer message and answers in normal time; a finished one still reads. */
  private void assertEveryConversationStillAnswers() {
    sleep(Duration.ofSeconds(5)); // the per-conversation buckets refill
    int answered = 0;
    for (String id : touched) {
      JsonNode state = api.conversation(id);
      String status = state.path("status").asText();
      if (List.of("RESOLVED", "ABANDONED", "CLOSED").contains(status)) {
        continue;
      }
      long started = System.nanoTime();
      JsonNode turn = api.send(id, "where is my order 12345678", "after-hostile-" + id);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      assertThat(took).as("turn time of %s (%s)", id, status).isLessThan(NORMAL_TURN);
      assertThat(turn.path("status").asText()).isNotEmpty();
      answered++;
    }
    System.out.printf("Hostile input: %d touched conversations, %d open ones answered a normal turn within %s%n",
        touched.size(), answered, NORMAL_TURN);
    assertThat(answered).isGreaterThanOrEqualTo(2);
  }

  private void printFigures() {
    long fiveHundreds = statuses.entrySet().stream().filter(e -> e.getKey() >= 500).mapToLong(Map.Entry::getValue).sum();
    System.out.printf(
        "Hostile input: %d requests, statuses %s, %d answers 5xx, %d rejections not problem+json, %d throttled (429, retried), %d answered 401%n",
        requests, statuses, fiveHundreds, violations.stream().filter(v -> v.startsWith("not problem")).count(), throttled,
        statuses.getOrDefault(401, 0));
    violations.stream().limit(20).forEach(v -> System.out.println("  " + v));
  }

  private static String abbreviate(String text) {
    return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
