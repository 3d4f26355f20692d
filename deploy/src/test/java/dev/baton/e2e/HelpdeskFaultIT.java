package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly one callback ticket per escalation, against a Zendesk that fails a third of the calls,
 * sometimes makes a ticket and never says so, and a worker killed with SIGKILL in the middle.
 *
 * <p>The faults: 30% of all calls answer 500, 503 or 429 ({@code Retry-After: 1}) and change
 * nothing; 15% of the creates make the ticket and then stall for 3 s, past the adapter's 2 s
 * timeout; and a new ticket stays invisible to the lookup by external id for 5 s, so a retry soon
 * after a lost answer must be caught by the {@code Idempotency-Key}, not the lookup. The worker is
 * killed twice, each time while a ticket is being created if one is within 20 s.
 *
 * <p>The worker is pointed at {@link FakeZendesk} (BATON_HELPDESK=zendesk, a 2 s timeout) and every
 * queue is closed for good, so each "I want to talk to a real person" files a callback ticket.
 * Customers start their conversations in parallel, each with a clientMessageId, and repeat a call
 * that answered 503 with the same id, as a chat front end does. Then, for every conversation: the
 * fake holds exactly one ticket with its external id, which carries the handoff summary; the
 * conversation waits for the callback naming that ticket; and the customer was promised once.
 *
 * <p>The class puts back what it changed: the stack's own worker and queues open around the clock.
 */
@ExtendWith(BatonStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpdeskFaultIT {
  private static final int ESCALATIONS = 200;
  /** Bounded: the whole stack shares two cores with this test. */
  private static final int PARALLEL = 10;
  /** Every escalation must be answered within this, worker kills included. */
  private static final Duration BUDGET = Duration.ofMinutes(4);
  private static final Duration ZENDESK_TIMEOUT = Duration.ofSeconds(2);
  private static final FakeZendesk.Faults FAULTS =
      new FakeZendesk.Faults(0.30, 0.15, ZENDESK_TIMEOUT.plusSeconds(1), Duration.ofSeconds(5));
  /** Kill the worker when this share of the escalations has been answered. */
  private static final double[] KILL_AT = {0.25, 0.6};
  private static final String ASK = "I want to talk to a real person";
  private static final List<String> QUEUES = List.of(Hours.DEFAULT, "general");

  private final BatonStack stack;
  private final ApiClient api;
  private final String run = UUID.randomUUID().toString().substring(0, 6);
  private FakeZendesk zendesk;

  HelpdeskFaultIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @BeforeAll
  void closeEveryQueueAndPointTheWorkerAtAFakeZendesk() {
    zendesk = FakeZendesk.forTheWorker(stack, api, QUEUES, ZENDESK_TIMEOUT);
  }

  @AfterAll
  void restoreTheStack() {
    zendesk.handBack(stack, api, QUEUES);
  }

  /** One customer's escalation as the front end saw it. */
  private record Escalated(int index, String conversationId, int calls) {}

  @Test
  void everyEscalationFilesExactlyOneTicketAndPromisesOnceThroughFaultsAndWorkerKills()
      throws Exception {
    Instant began = Instant.now();
    Instant deadline = began.plus(BUDGET);
    Counters counters = new Counters();
    int kills = 0;
    int killsWithACreateInFlight = 0;
    List<Escalated> escalated = new ArrayList<>();

    zendesk.faults(FAULTS);
    ExecutorService customers = Executors.newFixedThreadPool(PARALLEL);
    try {
      List<Future<Escalated>> calls = new ArrayList<>();
      for (int i = 0; i < ESCALATIONS; i++) {
        int index = i;
        calls.add(customers.submit(() -> escalate(index, deadline, counters)));
      }
      for (double share : KILL_AT) {
        int threshold = (int) (ESCALATIONS * share);
        waitUntil(() -> counters.answered.get() >= threshold, deadline);
        // Kill while a ticket is being made, so a helpdesk call dies before its result is recorded.
        waitUntil(() -> zendesk.createsInFlight() > 0, Instant.now().plusSeconds(20));
        if (zendesk.createsInFlight() > 0) {
          killsWithACreateInFlight++;
        }
        stack.killWorker();
        kills++;
        ManagedProcess.sleep(Duration.ofSeconds(1));
        stack.startWorker();
      }
      for (Future<Escalated> call : calls) {
        escalated.add(answer(call, deadline));
      }
    } finally {
      customers.shutdownNow();
      zendesk.faults(FakeZendesk.Faults.NONE);
    }
    Duration took = Duration.between(began, Instant.now());

    int duplicates = 0;
    Map<String, Integer> byExternalId = new HashMap<>();
    zendesk.tickets().forEach(t -> byExternalId.merge(String.valueOf(t.externalId()), 1, Integer::sum));
    for (int count : byExternalId.values()) {
      duplicates += count - 1;
    }
    // A ticket that followed its promise is on the conversation once Zendesk has answered.
    Map<String, JsonNode> conversations = read(escalated);
    Instant settled = Instant.now().plus(Duration.ofMinutes(2));
    while (conversations.values().stream().anyMatch(c -> c.path("callback").path("ticketReference").asText("").isEmpty())
        && Instant.now().isBefore(settled)) {
      ManagedProcess.sleep(Duration.ofSeconds(2));
      conversations = read(escalated);
    }
    SoftAssertions softly = new SoftAssertions();
    for (Escalated e : escalated) {
      checkOneTicketAndOnePromise(e.conversationId(), conversations.get(e.conversationId()), softly, counters);
    }
    FakeZendesk.Stats stats = zendesk.stats();
    String figures =
        String.format(
            "Helpdesk fault run: %d escalations, %d in parallel, in %d s (%d api calls; repeated with"
                + " the same clientMessageId: %d after a 503, %d after no answer within %d s)%n"
                + "  fake Zendesk: %d calls, %d faults injected %s, %d creates stalled past the %d s"
                + " timeout after making the ticket%n"
                + "  tickets: %d created, %d duplicates; lost answers recovered by external_id lookup %d,"
                + " by Idempotency-Key replay %d%n"
                + "  worker killed with SIGKILL %d times (%d with a ticket being created)%n"
                + "  promises made before Zendesk answered (the ticket following within a second or more): %d%n",
            escalated.size(), PARALLEL, took.toSeconds(),
            escalated.stream().mapToInt(Escalated::calls).sum(), counters.unavailable.get(),
            counters.unanswered.get(), ApiClient.CALL_TIMEOUT.toSeconds(),
            stats.calls(), stats.faults(), stats.faultsByStatus(), stats.stalls(), ZENDESK_TIMEOUT.toSeconds(),
            stats.ticketsCreated(), duplicates, stats.lookupsThatFoundATicket(), stats.idempotentHits(),
            kills, killsWithACreateInFlight, counters.toFollow.get());
    System.out.print(figures);
    Files.writeString(stack.workDirectory().resolve("e2e-logs/helpdesk-fault-run.txt"), figures);

    softly.assertThat(duplicates).as("tickets beyond the first per external id").isZero();
    softly.assertThat(stats.idempotentMismatches()).as("same Idempotency-Key, other body").isZero();
    softly.assertThat(stats.unauthorized()).as("calls refused as unauthenticated").isZero();
    softly.assertThat(stats.faults()).as("faults injected").isPositive();
    softly.assertThat(stats.stalls()).as("creates stalled past the timeout").isPositive();
    softly
        .assertThat(stats.lookupsThatFoundATicket() + stats.idempotentHits())
        .as("tickets found again after their answer was lost, at least one per stall")
        .isGreaterThanOrEqualTo(stats.stalls());
    softly.assertAll();
  }

  /**
   * Starts one conversation asking for a person, as a front end does: a call that answers 503,
   * or that the front end gave up on after {@link ApiClient#CALL_TIMEOUT}, is repeated with the
   * same clientMessageId.
   */
  private Escalated escalate(int index, Instant deadline, Counters counters) {
    Map<String, Object> start =
        Map.of(
            "customer", Map.of("id", "cust-fault-" + run + "-" + index, "name", "Ada", "tier", "standard"),
            "channel", "web",
            "text", ASK,
            "clientMessageId", "fault-" + index);
    int calls = 0;
    while (true) {
      calls++;
      ApiClient.Response response;
      try {
        response = api.post("/conversations", start);
      } catch (UncheckedIOException e) {
        if (!(e.getCause() instanceof HttpTimeoutException) || Instant.now().isAfter(deadline)) {
          throw new AssertionError("escalation " + index + ", call " + calls + " failed", e);
        }
        counters.unanswered.incrementAndGet();
        continue;
      }
      if (response.status() == 201) {
        counters.answered.incrementAndGet();
        return new Escalated(index, response.body().path("conversationId").asText(), calls);
      }
      if (response.status() != 503 || Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "escalation " + index + " answered " + response.status() + " on call " + calls + ": " + response.raw());
      }
      counters.unavailable.incrementAndGet();
      // The api's Retry-After.
      ManagedProcess.sleep(Duration.ofSeconds(2));
    }
  }

  /** What the front ends saw, counted across their threads. */
  private static final class Counters {
    final AtomicInteger answered = new AtomicInteger();
    /** Calls answered 503 (the api's turn deadline passed). */
    final AtomicInteger unavailable = new AtomicInteger();
    /** Calls the front end gave up on: no answer within ApiClient.CALL_TIMEOUT. */
    final AtomicInteger unanswered = new AtomicInteger();
    /** Promises made before Zendesk answered, their ticket following. */
    final AtomicInteger toFollow = new AtomicInteger();
  }

  /** Every conversation as GET /conversations/{id} shows it, read in parallel. */
  private Map<String, JsonNode> read(List<Escalated> escalated) throws Exception {
    ExecutorService readers = Executors.newFixedThreadPool(PARALLEL);
    try {
      Map<String, Future<JsonNode>> reads = new HashMap<>();
      for (Escalated e : escalated) {
        reads.put(e.conversationId(), readers.submit(() -> api.conversation(e.conversationId())));
      }
      Map<String, JsonNode> out = new HashMap<>();
      for (Map.Entry<String, Future<JsonNode>> read : reads.entrySet()) {
        out.put(read.getKey(), read.getValue().get(1, TimeUnit.MINUTES));
      }
      return out;
    } finally {
      readers.shutdownNow();
    }
  }

  private void checkOneTicketAndOnePromise(String id, JsonNode conversation, SoftAssertions softly, Counters counters) {
    List<FakeZendesk.Ticket> tickets = zendesk.ticketsWithExternalId(id + ":callback-ticket:1");
    softly.assertThat(tickets).as("Zendesk tickets of conversation %s", id).hasSize(1);
    softly.assertThat(conversation.path("status").asText()).as("status of %s", id).isEqualTo("CALLBACK_SCHEDULED");
    List<JsonNode> promises =
        StreamSupport.stream(conversation.path("messages").spliterator(), false)
            .filter(m -> m.path("author").asText().equals("BOT"))
            .toList();
    softly.assertThat(promises).as("the bot's lines to %s", id).hasSize(1);
    if (tickets.size() != 1 || promises.size() != 1) {
      return;
    }
    FakeZendesk.Ticket ticket = tickets.get(0);
    String primaryIssue = conversation.path("summary").path("primaryIssue").asText();
    softly.assertThat(primaryIssue).as("primary issue of %s", id).contains(ASK);
    softly.assertThat(ticket.comments()).as("comments of ticket %s", ticket.id()).isNotEmpty();
    if (!ticket.comments().isEmpty()) {
      softly.assertThat(ticket.comments().get(0).body()).as("first comment of ticket %s", ticket.id()).contains(primaryIssue);
      softly.assertThat(ticket.comments().get(0).isPublic()).as("first comment is private").isFalse();
    }
    softly
        .assertThat(conversation.path("callback").path("ticketReference").asText())
        .as("the callback of %s", id)
        .isEqualTo("#" + ticket.id());
    // A ticket that took Zendesk more than a second (a fault's retry, a stall) follows the promise:
    // the customer was answered without its number, and the callback above names it.
    String promise = promises.get(0).path("text").asText();
    softly
        .assertThat(promise)
        .as("the promise to %s", id)
        .satisfiesAnyOf(
            text -> assertThat(text).contains("ticket #" + ticket.id()),
            text -> assertThat(text).contains("I'm logging a ticket"))
        .endsWith("someone will contact you as soon as the team is back.");
    if (!promise.contains("ticket #")) {
      counters.toFollow.incrementAndGet();
    }
  }

  private static Escalated answer(Future<Escalated> call, Instant deadline) throws Exception {
    try {
      long left = Math.max(Duration.between(Instant.now(), deadline).toMillis(), 1);
      return call.get(left, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("an escalation was not answered within " + BUDGET, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  private static void waitUntil(BooleanSupplier condition, Instant deadline) {
    while (!condition.getAsBoolean() && Instant.now().isBefore(deadline)) {
      ManagedProcess.sleep(Duration.ofMillis(100));
    }
  }
}
