package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Baton's own database stops for a minute under steady customer load (issue 24): first hung
 * (connections open and silent, as a SIGSTOPped PostgreSQL), then closed (connections refused).
 * A worker and an api are pointed at PostgreSQL through a loopback {@link PostgresProxy} that
 * fails it. Customers start conversations and talk throughout; a supervisor reads the list every
 * second. Customers' calls stay under 2 s at p99 with no 5xx; the supervisor's calls answer 503
 * within 2 s while it is down; when it is back, every transcript has every message once, in order.
 */
@ExtendWith(BatonStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(60);
  private static final Duration STEADY = Duration.ofSeconds(5);
  private static final Duration BUDGET = Duration.ofSeconds(2);
  private static final int CUSTOMERS = 4;
  /** A conversation the bot answers and resolves, never asking for a person. */
  private static final List<String> SCRIPT = List.of("hello", "where is my order 12345678", "thanks, that solved it");
  /** Every third customer asks for a person instead, then reads the conversation as the widget does. */
  private static final List<String> PERSON =
      List.of("hello", "where is my order 12345678", "I want to talk to a person please");

  private final BatonStack stack;
  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private PostgresProxy proxy;
  private ApiClient api;

  DatabaseOutageIT(BatonStack stack) {
    this.stack = stack;
  }

  @BeforeAll
  void pointAWorkerAndAnApiThroughTheProxy() {
    proxy = PostgresProxy.start(stack.postgresPort());
    Map<String, String> throughTheProxy = Map.of("BATON_DB_URL", proxy.jdbcUrl());
    stack.restartWorker(throughTheProxy);
    api = stack.startApi("outage-api", throughTheProxy);
    // The freshly started worker and api answer their first calls slowly (classes load, code
    // compiles): a few conversations first, so the figures are the outage's, not the start's.
    for (int i = 0; i < 3; i++) {
      String id = api.newConversation("outage-warm-up-" + run + "-" + i, SCRIPT.get(0));
      for (int m = 1; m < SCRIPT.size(); m++) {
        api.send(id, SCRIPT.get(m), "warm-" + m);
      }
    }
  }

  @AfterAll
  void restoreTheStack() {
    proxy.open();
    stack.restoreWorker();
    proxy.close();
  }

  /** One call: what it was, when it started, how long it took, what it answered. */
  record Call(String what, Instant at, Duration took, int status, String answer) {
    Call(String what, Instant at, Duration took, int status) {
      this(what, at, took, status, "");
    }

    static Call of(String what, Instant at, ApiClient.Response response) {
      boolean ok = response.status() == 200 || response.status() == 201;
      return new Call(what, at, Duration.between(at, Instant.now()), response.status(), ok ? "" : response.raw());
    }
  }

  @ParameterizedTest(name = "PostgreSQL {0} for 60 s")
  @EnumSource(value = PostgresProxy.Mode.class, names = {"HUNG", "CLOSED"})
  void customersGoOnStaffCallsFailFastAndNoLineIsLost(PostgresProxy.Mode failure) throws Exception {
    List<Call> customers = Collections.synchronizedList(new ArrayList<>());
    List<Call> staff = Collections.synchronizedList(new ArrayList<>());
    Map<String, List<String>> sent = new ConcurrentHashMap<>();
    AtomicBoolean stop = new AtomicBoolean();
    api.get("/conversations?limit=20").expect(200);

    ExecutorService load = Executors.newFixedThreadPool(CUSTOMERS + 1);
    for (int c = 0; c < CUSTOMERS; c++) {
      String customer = "outage-" + run + "-" + failure.name().toLowerCase() + "-" + c;
      load.execute(() -> talk(customer, stop, customers, sent));
    }
    load.execute(() -> readTheList(stop, staff));
    ManagedProcess.sleep(STEADY);
    Instant down = Instant.now();
    proxy.fail(failure);
    ManagedProcess.sleep(OUTAGE);
    proxy.open();
    Instant back = Instant.now();
    ManagedProcess.sleep(STEADY);
    stop.set(true);
    load.shutdown();
    assertThat(load.awaitTermination(2, TimeUnit.MINUTES)).as("the load stopped").isTrue();

    List<Call> calls = List.copyOf(customers);
    List<Call> duringOutage = calls.stream().filter(c -> !c.at().isBefore(down) && c.at().isBefore(back)).toList();
    assertThat(duringOutage).as("customer calls while PostgreSQL was %s", failure).hasSizeGreaterThan(20);
    assertThat(calls.stream().filter(c -> c.status() != 200 && c.status() != 201).toList())
        .as("customer calls answered with an error (5xx, 4xx) or not at all (0)")
        .isEmpty();
    assertThat(p99(calls)).as("customers' p99; the slowest calls: %s", slowest(calls, down, back)).isLessThan(BUDGET);
    List<Call> staffDown =
        staff.stream().filter(c -> c.at().isAfter(down.plusSeconds(1)) && c.at().plus(c.took()).isBefore(back)).toList();
    assertThat(staffDown).as("staff calls while PostgreSQL was %s", failure).isNotEmpty()
        .allSatisfy(c -> {
          assertThat(c.status()).as("status of %s", c).isEqualTo(503);
          assertThat(c.took()).as("time of %s", c).isLessThan(BUDGET);
        });

    // Read through the stack's own api, which never went through the proxy.
    ApiClient reader = stack.api();
    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> sent.forEach((id, texts) -> {
          List<JsonNode> transcript = reader.transcript(id);
          Transcripts.assertGapFree(transcript);
          assertThat(Transcripts.customerTexts(transcript)).as("customer lines of %s", id).isEqualTo(texts);
          Transcripts.assertEveryCustomerMessageAnswered(transcript);
        }));
    Duration complete = Duration.between(back, Instant.now());
    System.out.printf(
        "PostgreSQL %s for %d s: %d customer calls (%d during the outage), p99 %d ms, slowest %d ms, 0 answered 5xx;"
            + " %d staff calls during it answered 503, slowest %d ms; %d conversations (%d asked for a person, their"
            + " reads p99 %d ms), every transcript complete (0 lines lost, 0 twice) %d ms after it came back%n",
        failure, OUTAGE.toSeconds(), calls.size(), duringOutage.size(), p99(calls).toMillis(),
        calls.stream().mapToLong(c -> c.took().toMillis()).max().orElse(0), staffDown.size(),
        staffDown.stream().mapToLong(c -> c.took().toMillis()).max().orElse(0), sent.size(),
        sent.values().stream().filter(texts -> texts.contains(PERSON.get(2))).count(),
        p99(calls.stream().filter(c -> c.what().startsWith("read ")).toList()).toMillis(), complete.toMillis());
  }

  /** One customer after another: starts a conversation, talks it through, starts the next. */
  private void talk(String customer, AtomicBoolean stop, List<Call> calls, Map<String, List<String>> sent) {
    for (int n = 0; !stop.get(); n++) {
      String who = customer + "-" + n;
      Instant at = Instant.now();
      List<String> script = n % 3 == 2 ? PERSON : SCRIPT;
      ApiClient.Response started =
          api.post(
              "/conversations",
              Map.of("customer", Map.of("id", who, "name", "Ada"), "channel", "web", "text", script.get(0), "clientMessageId", "m-0"));
      calls.add(Call.of("start " + who, at, started));
      if (started.status() != 201) {
        continue;
      }
      String id = started.body().path("conversationId").asText();
      List<String> texts = Collections.synchronizedList(new ArrayList<>(List.of(script.get(0))));
      sent.put(id, texts);
      for (int m = 1; m < script.size() && !stop.get(); m++) {
        Instant asked = Instant.now();
        ApiClient.Response turn;
        try {
          turn = api.sendMessage(id, script.get(m), "m-" + m);
        } catch (RuntimeException e) {
          // No answer at all (the connection failed): a failed call, recorded as status 0.
          calls.add(new Call("message " + m + " of " + id + " (" + e + ")", asked, Duration.between(asked, Instant.now()), 0));
          break;
        }
        calls.add(Call.of("message " + m + " of " + id, asked, turn));
        if (turn.status() == 200) {
          texts.add(script.get(m));
        }
      }
      if (script == PERSON && !stop.get()) {
        Instant read = Instant.now();
        calls.add(Call.of("read " + id, read, api.as(api.customerOf(id)).get("/conversations/" + id)));
      }
      ManagedProcess.sleep(Duration.ofMillis(300));
    }
  }

  /** A supervisor's console reading the conversation list every second. */
  private void readTheList(AtomicBoolean stop, List<Call> calls) {
    while (!stop.get()) {
      Instant at = Instant.now();
      ApiClient.Response list = api.get("/conversations?limit=20");
      calls.add(Call.of("list", at, list));
      ManagedProcess.sleep(Duration.ofSeconds(1));
    }
  }

  /** The five slowest calls, with when they started relative to the outage, for the failure message. */
  private static List<String> slowest(List<Call> calls, Instant down, Instant back) {
    return calls.stream()
        .sorted(java.util.Comparator.comparing(Call::took).reversed())
        .limit(5)
        .map(c -> c.what() + " at " + Duration.between(down, c.at()).toMillis() + " ms after the outage began (it ended at "
            + Duration.between(down, back).toMillis() + " ms), took " + c.took().toMillis() + " ms, " + c.status())
        .toList();
  }

  private static Duration p99(List<Call> calls) {
    List<Duration> times = calls.stream().map(Call::took).sorted().toList();
    return times.isEmpty() ? Duration.ZERO : times.get((int) Math.ceil(times.size() * 0.99) - 1);
  }
}
