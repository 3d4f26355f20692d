package dev.baton.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Zendesk Support API on loopback, for the part of it Baton's Zendesk adapter uses, with faults
 * the real one has on a bad day. It behaves as Zendesk documents:
 *
 * <ul>
 *   <li>{@code POST /api/v2/tickets.json} creates a ticket (201 {@code {ticket}}) whose first
 *       comment is {@code ticket.comment}. With an {@code Idempotency-Key} header, the same key and
 *       the same body again get the first response with {@code x-idempotency-lookup: hit} and
 *       create nothing; the same key with another body gets 400 {@code IdempotentRequestError}.
 *   <li>{@code GET /api/v2/tickets.json?external_id=…} lists the tickets with that external id.
 *   <li>{@code GET /api/v2/tickets/{id}.json}, {@code PUT /api/v2/tickets/{id}.json} (a comment,
 *       a status, a priority; 422 for values Zendesk refuses and for a closed ticket) and {@code GET
 *       /api/v2/tickets/{id}/comments.json}.
 *   <li>Basic auth as {@code {email}/token:{token}}; anything else is 401.
 * </ul>
 *
 * <p>{@link #faults(Faults)} switches on trouble: a share of all calls answered 500, 503 or 429
 * (with {@code Retry-After: 1}) before anything happens; creates that make the ticket and then
 * stall past the client's timeout, so the client never hears of a ticket that exists; and, harsher
 * than Zendesk documents, lookups by external id that do not see a ticket made moments ago.
 *
 * <p>It listens on 127.0.0.1 only, on a free port, with a bounded thread pool, and stops with
 * {@link #close()}.
 */
final class FakeZendesk implements AutoCloseable {
  private static final Pattern TICKET = Pattern.compile("/api/v2/tickets/(\\d+)(\\.json)?");
  private static final Pattern COMMENTS = Pattern.compile("/api/v2/tickets/(\\d+)/comments(\\.json)?");
  private static final Set<String> STATUSES = Set.of("new", "open", "pending", "hold", "solved", "closed");
  private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
  private static final int[] FAILURES = {500, 503, 429};
  private static final int THREADS = 32;

  /**
   * What goes wrong, and how often.
   *
   * @param failureRate the share of calls answered 500, 503 or 429 (a third each) without doing
   *     anything
   * @param stallRate the share of creates that make the ticket and then answer only after {@code
   *     stall}
   * @param stall how long such a create keeps the client waiting; longer than its timeout
   * @param lookupLag how long a new ticket stays invisible to a lookup by external id, as in a
   *     store whose reads lag its writes; the {@code Idempotency-Key} must then prevent the
   *     duplicate
   */
  record Faults(double failureRate, double stallRate, Duration stall, Duration lookupLag) {
    static final Faults NONE = new Faults(0, 0, Duration.ZERO, Duration.ZERO);
  }

  /** A ticket as the fake holds it. */
  record Ticket(
      long id,
      String externalId,
      String subject,
      String status,
      String priority,
      List<String> tags,
      List<Comment> comments,
      Instant createdAt) {}

  record Comment(long id, String body, boolean isPublic, Instant createdAt) {}

  /** What the fake saw and did, for a test to report. */
  record Stats(
      int calls,
      int faults,
      Map<Integer, Integer> faultsByStatus,
      int stalls,
      int ticketsCreated,
      int idempotentHits,
      int idempotentMismatches,
      int externalIdLookups,
      int lookupsThatFoundATicket,
      int unauthorized) {}

  /** The first response to an idempotency key, and the body that asked for it. */
  private record Remembered(JsonNode request, int status, String body) {}

  private final HttpServer server;
  private final ExecutorService threads;
  private final String authorization;
  private final Random random = new Random();
  private final Object lock = new Object();
  private final Map<Long, Ticket> tickets = new LinkedHashMap<>();
  private final Map<String, Remembered> idempotency = new HashMap<>();
  private long nextTicketId = 40_001;
  private long nextCommentId = 900_001;
  private volatile Faults faults = Faults.NONE;

  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger faulted = new AtomicInteger();
  private final Map<Integer, AtomicInteger> faultsByStatus = new TreeMap<>();
  private final AtomicInteger stalls = new AtomicInteger();
  private final AtomicInteger created = new AtomicInteger();
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger mismatches = new AtomicInteger();
  private final AtomicInteger lookups = new AtomicInteger();
  private final AtomicInteger lookupsFound = new AtomicInteger();
  private final AtomicInteger unauthorized = new AtomicInteger();
  private final AtomicInteger inFlightCreates = new AtomicInteger();

  private FakeZendesk(String email, String token) throws IOException {
    for (int status : FAILURES) {
      faultsByStatus.put(status, new AtomicInteger());
    }
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((email + "/token:" + token).getBytes(StandardCharsets.UTF_8));
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.threads =
        Executors.newFixedThreadPool(
            THREADS,
            r -> {
              Thread thread = new Thread(r, "fake-zendesk");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
  }

  /** Starts a fake account that accepts the API token {@code token} of agent {@code email}. */
  static FakeZendesk start(String email, String token) {
    try {
      FakeZendesk fake = new FakeZendesk(email, token);
      fake.server.start();
      return fake;
    } catch (IOException e) {
      throw new UncheckedIOException("the fake Zendesk did not start", e);
    }
  }

  /**
   * Closes {@code queues} for good (so asking for a person files a callback ticket), starts a fake
   * account and restarts the stack's worker on it, with {@code timeout} for each call.
   */
  static FakeZendesk forTheWorker(BatonStack stack, ApiClient api, List<String> queues, Duration timeout) {
    String email = "baton-e2e@example.com";
    String token = "e2e-" + java.util.UUID.randomUUID();
    FakeZendesk zendesk = start(email, token);
    queues.forEach(queue -> Hours.set(api, queue, Hours.neverOpen()));
    stack.restartWorker(
        Map.of(
            "BATON_HELPDESK", "zendesk",
            "BATON_ZENDESK_URL", zendesk.url().toString(),
            "BATON_ZENDESK_EMAIL", email,
            "BATON_ZENDESK_TOKEN", token,
            "BATON_ZENDESK_TIMEOUT", timeout.toSeconds() + "s"));
    return zendesk;
  }

  /** Undoes {@link #forTheWorker}: the worker back on the built-in helpdesk, the queues open, this fake stopped. */
  void handBack(BatonStack stack, ApiClient api, List<String> queues) {
    try {
      faults(Faults.NONE);
      stack.restoreWorker();
    } finally {
      try {
        queues.forEach(queue -> Hours.set(api, queue, Hours.alwaysOpen()));
      } finally {
        close();
      }
    }
  }

  /** The account's URL, as BATON_ZENDESK_URL takes it. */
  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  void faults(Faults faults) {
    this.faults = faults;
  }

  /** Creates being handled right now, stalled ones included. */
  int createsInFlight() {
    return inFlightCreates.get();
  }

  List<Ticket> tickets() {
    synchronized (lock) {
      return List.copyOf(tickets.values());
    }
  }

  List<Ticket> ticketsWithExternalId(String externalId) {
    synchronized (lock) {
      return tickets.values().stream().filter(t -> externalId.equals(t.externalId())).toList();
    }
  }

  Stats stats() {
    Map<Integer, Integer> byStatus = new TreeMap<>();
    faultsByStatus.forEach((status, count) -> byStatus.put(status, count.get()));
    return new Stats(
        calls.get(), faulted.get(), byStatus, stalls.get(), created.get(), hits.get(),
        mismatches.get(), lookups.get(), lookupsFound.get(), unauthorized.get());
  }

  /** Stops listening at once; stalled answers are dropped. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      calls.incrementAndGet();
      byte[] requestBody = readAll(exchange.getRequestBody());
      if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        unauthorized.incrementAndGet();
        send(exchange, 401, error("Couldn't authenticate you", null));
        return;
      }
      Faults now = faults;
      if (chance(now.failureRate())) {
        int status = FAILURES[random.nextInt(FAILURES.length)];
        faulted.incrementAndGet();
        faultsByStatus.get(status).incrementAndGet();
        if (status == 429) {
          exchange.getResponseHeaders().set("Retry-After", "1");
          send(exchange, 429, "Too Many Requests");
        } else {
          send(exchange, status, error(status == 503 ? "Service Unavailable" : "Internal Server Error", null));
        }
        return;
      }
      route(exchange, requestBody, now);
    } catch (RuntimeException e) {
      // A bug in the fake must show as a 500 the test can see, not a hung client.
      send(exchange, 500, error("Fake Zendesk failed: " + e, null));
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange, byte[] body, Faults now) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    Matcher ticket = TICKET.matcher(path);
    Matcher comments = COMMENTS.matcher(path);
    if (path.equals("/api/v2/tickets.json") || path.equals("/api/v2/tickets")) {
      if (method.equals("POST")) {
        create(exchange, body, now);
      } else if (method.equals("GET")) {
        list(exchange, now);
      } else {
        send(exchange, 405, error("Method not allowed", null));
      }
    } else if (ticket.matches()) {
      long id = Long.parseLong(ticket.group(1));
      if (method.equals("GET")) {
        show(exchange, id);
      } else if (method.equals("PUT")) {
        update(exchange, id, body);
      } else {
        send(exchange, 405, error("Method not allowed", null));
      }
    } else if (comments.matches() && method.equals("GET")) {
      comments(exchange, Long.parseLong(comments.group(1)));
    } else {
      send(exchange, 404, error("InvalidEndpoint", "Not found"));
    }
  }

  private void create(HttpExchange exchange, byte[] body, Faults now) throws IOException {
    inFlightCreates.incrementAndGet();
    try {
      JsonNode request = parse(body);
      if (request == null || !request.path("ticket").isObject()) {
        send(exchange, 400, error("InvalidJSON", "The request body is not a ticket"));
        return;
      }
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      int status;
      String answer;
      String lookup = null;
      boolean made = false;
      synchronized (lock) {
        Remembered first = key == null ? null : idempotency.get(key);
        if (first != null && !first.request().equals(request)) {
          mismatches.incrementAndGet();
          status = 400;
          answer =
              error(
                  "IdempotentRequestError",
                  "Request parameters do not match the original request for this idempotency key");
        } else if (first != null) {
          hits.incrementAndGet();
          status = first.status();
          answer = first.body();
          lookup = "hit";
        } else {
          JsonNode fields = request.path("ticket");
          String invalid = invalidTicket(fields);
          if (invalid != null) {
            status = 422;
            answer = error("RecordInvalid", invalid);
          } else {
            Ticket ticket = newTicket(fields);
            created.incrementAndGet();
            made = true;
            status = 201;
            answer = ticketEnvelope(ticket);
          }
          if (key != null) {
            idempotency.put(key, new Remembered(request, status, answer));
            lookup = "miss";
          }
        }
      }
      if (lookup != null) {
        exchange.getResponseHeaders().set("x-idempotency-lookup", lookup);
      }
      if (made && chance(now.stallRate())) {
        // The ticket exists; the client gives up before it hears so.
        stalls.incrementAndGet();
        try {
          Thread.sleep(now.stall().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      send(exchange, status, answer);
    } finally {
      inFlightCreates.decrementAndGet();
    }
  }

  private void list(HttpExchange exchange, Faults now) throws IOException {
    Map<String, String> query = query(exchange.getRequestURI());
    String externalId = query.get("external_id");
    List<Ticket> found;
    if (externalId != null) {
      lookups.incrementAndGet();
      Instant visibleBefore = Instant.now().minus(now.lookupLag());
      found =
          ticketsWithExternalId(externalId).stream()
              .filter(t -> !t.createdAt().isAfter(visibleBefore))
              .toList();
      if (!found.isEmpty()) {
        lookupsFound.incrementAndGet();
      }
    } else {
      found = tickets();
    }
    ObjectNode out = ApiClient.JSON.createObjectNode();
    ArrayNode list = out.putArray("tickets");
    found.forEach(t -> list.add(ticketJson(t)));
    out.putNull("next_page");
    out.putNull("previous_page");
    out.put("count", found.size());
    send(exchange, 200, out.toString());
  }

  private void show(HttpExchange exchange, long id) throws IOException {
    Ticket ticket;
    synchronized (lock) {
      ticket = tickets.get(id);
    }
    if (ticket == null) {
      send(exchange, 404, error("RecordNotFound", "Not found"));
    } else {
      send(exchange, 200, ticketEnvelope(ticket));
    }
  }

  private void update(HttpExchange exchange, long id, byte[] body) throws IOException {
    JsonNode request = parse(body);
    if (request == null || !request.path("ticket").isObject()) {
      send(exchange, 400, error("InvalidJSON", "The request body is not a ticket"));
      return;
    }
    JsonNode fields = request.path("ticket");
    Ticket changed;
    synchronized (lock) {
      Ticket ticket = tickets.get(id);
      if (ticket == null) {
        send(exchange, 404, error("RecordNotFound", "Not found"));
        return;
      }
      if (ticket.status().equals("closed")) {
        send(exchange, 422, error("RecordInvalid", "Status: closed prevents ticket update"));
        return;
      }
      String status = fields.hasNonNull("status") ? fields.get("status").asText() : ticket.status();
      String priority = fields.hasNonNull("priority") ? fields.get("priority").asText() : ticket.priority();
      if (!STATUSES.contains(status) || !PRIORITIES.contains(priority)) {
        send(exchange, 422, error("RecordInvalid", "Status or priority is not valid"));
        return;
      }
      List<Comment> comments = new ArrayList<>(ticket.comments());
      JsonNode comment = fields.path("comment");
      if (comment.hasNonNull("body")) {
        comments.add(
            new Comment(nextCommentId++, comment.get("body").asText(), comment.path("public").asBoolean(true), Instant.now()));
      }
      changed =
          new Ticket(
              id, ticket.externalId(), ticket.subject(), status, priority, ticket.tags(),
              List.copyOf(comments), ticket.createdAt());
      tickets.put(id, changed);
    }
    send(exchange, 200, ticketEnvelope(changed));
  }

  private void comments(HttpExchange exchange, long id) throws IOException {
    Ticket ticket;
    synchronized (lock) {
      ticket = tickets.get(id);
    }
    if (ticket == null) {
      send(exchange, 404, error("RecordNotFound", "Not found"));
      return;
    }
    ObjectNode out = ApiClient.JSON.createObjectNode();
    ArrayNode list = out.putArray("comments");
    for (Comment c : ticket.comments()) {
      ObjectNode json = list.addObject();
      json.put("id", c.id());
      json.put("type", "Comment");
      json.put("body", c.body());
      json.put("public", c.isPublic());
      json.put("created_at", c.createdAt().toString());
    }
    out.putNull("next_page");
    out.putNull("previous_page");
    out.put("count", ticket.comments().size());
    send(exchange, 200, out.toString());
  }

  /** Why Zendesk would refuse these ticket fields, or null. Zendesk needs a first comment. */
  private static String invalidTicket(JsonNode fields) {
    if (!fields.path("comment").hasNonNull("body") || fields.path("comment").path("body").asText().isBlank()) {
      return "Description: cannot be blank";
    }
    if (fields.hasNonNull("priority") && !PRIORITIES.contains(fields.get("priority").asText())) {
      return "Priority: is not valid";
    }
    if (fields.hasNonNull("status") && !STATUSES.contains(fields.get("status").asText())) {
      return "Status: is not valid";
    }
    return null;
  }

  /** Called under the lock. */
  private Ticket newTicket(JsonNode fields) {
    List<String> tags = new ArrayList<>();
    fields.path("tags").forEach(t -> tags.add(t.asText()));
    JsonNode comment = fields.path("comment");
    Instant now = Instant.now();
    Ticket ticket =
        new Ticket(
            nextTicketId++,
            fields.hasNonNull("external_id") ? fields.get("external_id").asText() : null,
            fields.path("subject").asText(""),
            fields.hasNonNull("status") ? fields.get("status").asText() : "new",
            fields.hasNonNull("priority") ? fields.get("priority").asText() : "normal",
            List.copyOf(tags),
            List.of(new Comment(nextCommentId++, comment.get("body").asText(), comment.path("public").asBoolean(true), now)),
            now);
    tickets.put(ticket.id(), ticket);
    return ticket;
  }

  private String ticketEnvelope(Ticket ticket) {
    ObjectNode out = ApiClient.JSON.createObjectNode();
    out.set("ticket", ticketJson(ticket));
    return out.toString();
  }

  private ObjectNode ticketJson(Ticket t) {
    ObjectNode json = ApiClient.JSON.createObjectNode();
    json.put("id", t.id());
    json.put("url", url() + "/api/v2/tickets/" + t.id() + ".json");
    json.put("external_id", t.externalId());
    json.put("subject", t.subject());
    json.put("description", t.comments().isEmpty() ? "" : t.comments().get(0).body());
    json.put("status", t.status());
    json.put("priority", t.priority());
    ArrayNode tags = json.putArray("tags");
    t.tags().forEach(tags::add);
    json.put("created_at", t.createdAt().toString());
    return json;
  }

  private boolean chance(double rate) {
    return rate > 0 && random.nextDouble() < rate;
  }

  private static JsonNode parse(byte[] body) {
    try {
      return body.length == 0 ? null : ApiClient.JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String error(String error, String description) {
    ObjectNode out = ApiClient.JSON.createObjectNode();
    out.put("error", error);
    if (description != null) {
      out.put("description", description);
    }
    try {
      return ApiClient.JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> out = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return out;
  }

  private static byte[] readAll(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", status == 429 ? "text/plain" : "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
