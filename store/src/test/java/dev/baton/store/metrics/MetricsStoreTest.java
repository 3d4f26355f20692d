package dev.baton.store.metrics;

import static dev.baton.store.StoreDatabase.T0;
import static dev.baton.store.StoreDatabase.change;
import static dev.baton.store.StoreDatabase.entry;
import static dev.baton.store.StoreDatabase.view;
import static dev.baton.store.StoreDatabase.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.conversation.Author;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.store.StoreDatabase;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.review.BotReviewStore;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The numbers of a small scripted day, from events written the way the worker writes them. */
class MetricsStoreTest {
  private final ConversationStore conversations = StoreDatabase.conversations();
  private final MetricsStore metrics = new MetricsStore(StoreDatabase.JDBC, Duration.ofHours(1));
  private final BotReviewStore reviews = new BotReviewStore(StoreDatabase.JDBC, StoreDatabase.TX);

  @BeforeEach
  void empty() {
    StoreDatabase.clear();
  }

  @Test
  void aContainedAnEscalatedAndAnAbandonedConversation() {
    // Resolved by the bot a minute in, rated 5.
    conversations.record(entry(view("bot", ConversationStatus.BOT_ACTIVE, 2), null, line(1, Author.CUSTOMER, "where is my order", 1), line(2, Author.BOT, "it ships today", 1)));
    conversations.record(entry(view("bot", ConversationStatus.RESOLVED, 3), change(1, ConversationStatus.BOT_ACTIVE, ConversationStatus.RESOLVED, T0.plusSeconds(61)), line(3, Author.CUSTOMER, "thanks", 61)));
    conversations.rate("bot", 5, null);

    // Asked for a person, waited 60 s, restated the order number the summary already had, resolved by the agent.
    ConversationView waiting = waiting("handoff", "orders", 5, T0.plusSeconds(10));
    conversations.record(entry(withStatus(waiting, ConversationStatus.BOT_ACTIVE, 2), null, line(1, Author.CUSTOMER, "hi", 1), line(2, Author.BOT, "hello", 3)));
    conversations.record(entry(withStatus(waiting, ConversationStatus.AWAITING_AGENT, 3), change(1, ConversationStatus.BOT_ACTIVE, ConversationStatus.AWAITING_AGENT, T0.plusSeconds(10)), line(3, Author.SYSTEM, "a person comes", 10)));
    conversations.record(entry(withStatus(waiting, ConversationStatus.AWAITING_AGENT, 4), null, line(4, Author.CUSTOMER, "it is order 12345678", 20)));
    conversations.record(entry(withStatus(waiting, ConversationStatus.AGENT_ACTIVE, 5), change(2, ConversationStatus.AWAITING_AGENT, ConversationStatus.AGENT_ACTIVE, T0.plusSeconds(70)), line(5, Author.AGENT, "I have it", 70)));
    conversations.record(entry(withStatus(waiting, ConversationStatus.RESOLVED, 6), change(3, ConversationStatus.AGENT_ACTIVE, ConversationStatus.RESOLVED, T0.plusSeconds(130)), line(6, Author.SYSTEM, "resolved", 130)));
    conversations.rate("handoff", 3, "slow");

    // Went quiet with the bot.
    conversations.record(entry(view("quiet", ConversationStatus.BOT_ACTIVE, 2), null, line(1, Author.CUSTOMER, "hm", 1), line(2, Author.BOT, "say more?", 1)));
    conversations.record(entry(view("quiet", ConversationStatus.ABANDONED, 3), change(1, ConversationStatus.BOT_ACTIVE, ConversationStatus.ABANDONED, T0.plusSeconds(901)), line(3, Author.SYSTEM, "closed", 901)));

    Instant now = Instant.now();
    MetricsStore.Report report = metrics.report(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), GroupBy.QUEUE);
    Numbers all = report.overall();

    assertThat(all.conversations()).isEqualTo(3);
    assertThat(all.contained()).isEqualTo(1);
    assertThat(all.containmentRate()).isEqualTo(0.3333);
    assertThat(all.escalated()).isEqualTo(1);
    assertThat(all.escalationReasons()).isEqualTo(Map.of("CUSTOMER_REQUEST", 1));
    assertThat(all.abandonedInBotPhase()).isEqualTo(1);
    assertThat(all.abandonedInQueue()).isZero();
    assertThat(all.takenOver()).isEqualTo(1);
    assertThat(all.resolvedByBot()).isEqualTo(1);
    assertThat(all.resolvedAfterHandoff()).isEqualTo(1);
    assertThat(all.takeover().p50()).isEqualTo(60.0);
    assertThat(all.botResolution().p50()).isEqualTo(60.0);
    assertThat(all.resolution().count()).isEqualTo(2);
    // 60 s and 129 s: percentile_cont(0.9) = 60 + 0.9 × 69
    assertThat(all.resolution().p90()).isEqualTo(122.1);
    assertThat(all.firstResponse().p50()).isEqualTo(0.0);
    assertThat(all.firstResponse().p90()).isEqualTo(1.6);
    assertThat(all.csat().average()).isEqualTo(4.0);
    assertThat(all.csat().botOnly()).isEqualTo(5.0);
    assertThat(all.csat().afterHandoff()).isEqualTo(3.0);
    // (1 wait minute + 1 restated order number) / 1 resolved handoff
    assertThat(all.friction().score()).isEqualTo(2.0);
    assertThat(all.friction().repeatedInformation()).isEqualTo(1);
    assertThat(all.friction().missingContextShare()).isEqualTo(0.0);

    assertThat(report.groups()).extracting(MetricsStore.Group::key).containsExactly("none", "orders");
    assertThat(report.takeoverDistribution()).extracting(MetricsStore.TakeoverBucket::takeovers).containsExactly(0, 1, 0, 0, 0, 0);
    assertThat(metrics.eventCounts(List.of("web")))
        .extracting(MetricsStore.EventCount::kind, MetricsStore.EventCount::phase, MetricsStore.EventCount::count)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("ABANDONED", "BOT_PHASE", 1L),
            org.assertj.core.groups.Tuple.tuple("ESCALATED", "none", 1L),
            org.assertj.core.groups.Tuple.tuple("RESOLVED", "AFTER_HANDOFF", 1L),
            org.assertj.core.groups.Tuple.tuple("RESOLVED", "BOT", 1L),
            org.assertj.core.groups.Tuple.tuple("TAKEN_OVER", "AWAITING_AGENT", 1L));
  }

  @Test
  void aCustomerWhoComesBackWithin72HoursWasNotContained() {
    conversations.record(entry(view("first", ConversationStatus.BOT_ACTIVE, 1), null, line(1, Author.CUSTOMER, "hi", 1)));
    conversations.record(entry(view("first", ConversationStatus.RESOLVED, 2), change(1, ConversationStatus.BOT_ACTIVE, ConversationStatus.RESOLVED, Instant.now().minusSeconds(5)), line(2, Author.BOT, "bye", 2)));
    conversations.record(entry(view("again", ConversationStatus.BOT_ACTIVE, 1), null, line(1, Author.CUSTOMER, "it did not work", 3)));

    Instant now = Instant.now();
    Numbers all = metrics.report(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), null).overall();

    assertThat(all.resolvedByBot()).isEqualTo(1);
    assertThat(all.contained()).isZero();
  }

  @Test
  void containmentCountsWhatTheCustomerConfirmedApartFromWhatIsAssumedAndWaitsBeforeAssuming() {
    Instant now = Instant.now();
    // Said it was solved: the bot's conversation_resolved turn closed it as resolved.
    botConversation("solved", "cust-solved", "web", "track_order", true, "conversation_resolved", true);
    end("solved", ConversationStatus.RESOLVED, now.minus(Duration.ofHours(2)));
    // Answered, closed by the customer, rated 5.
    botConversation("rated", "cust-rated", "web", "get_refund", true);
    end("rated", ConversationStatus.CLOSED, now.minus(Duration.ofMinutes(5)));
    conversations.rate("rated", 5, null);
    // Answered, then nothing more: closed idle two hours ago (assumed), ten minutes ago (not yet).
    botConversation("left", "cust-left", "web", "track_order", true);
    end("left", ConversationStatus.ABANDONED, now.minus(Duration.ofHours(2)));
    botConversation("just-left", "cust-just-left", "web", "track_order", true);
    end("just-left", ConversationStatus.ABANDONED, now.minus(Duration.ofMinutes(10)));
    // Answered and left, but rated it 1: nothing to assume.
    botConversation("unhappy", "cust-unhappy", "web", "track_order", true);
    end("unhappy", ConversationStatus.CLOSED, now.minus(Duration.ofHours(2)));
    conversations.rate("unhappy", 1, "no");
    // The bot's last reply declined an out-of-scope question: the customer was not helped.
    botConversation("declined", "cust-declined", "web", "track_order", true, "out_of_scope", false);
    end("declined", ConversationStatus.ABANDONED, now.minus(Duration.ofHours(2)));

    Numbers all = metrics.report(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), null).overall();

    assertThat(all.conversations()).isEqualTo(6);
    assertThat(all.containedConfirmed()).as("said solved, rated 5").isEqualTo(2);
    assertThat(all.containedAssumed()).as("left two hours ago").isEqualTo(1);
    assertThat(all.assumedPending()).as("left ten minutes ago").isEqualTo(1);
    assertThat(all.contained()).isEqualTo(3);
    assertThat(all.containmentRate()).isEqualTo(0.5);
    assertThat(all.confirmedContainmentRate()).isEqualTo(0.3333);
    assertThat(all.assumedContainmentRate()).isEqualTo(0.1667);
  }

  @Test
  void theAssumedResolutionTimeIsTheStoresSetting() {
    Instant now = Instant.now();
    botConversation("left", "cust-left", "web", "track_order", true);
    end("left", ConversationStatus.ABANDONED, now.minus(Duration.ofHours(2)));

    Instant from = now.minus(Duration.ofHours(1));
    Instant to = now.plus(Duration.ofHours(1));
    MetricsStore.Report patient = new MetricsStore(StoreDatabase.JDBC, Duration.ofHours(24)).report(from, to, null);
    assertThat(patient.overall().containedAssumed()).isZero();
    assertThat(patient.overall().assumedPending()).isEqualTo(1);
    assertThat(patient.assumedResolutionAfter()).isEqualTo(Duration.ofHours(24));
    assertThat(metrics.report(from, to, null).overall().containedAssumed()).isEqualTo(1);
  }

  @Test
  void aRepeatContactIsTheSameCustomerWithTheSameRequestAgainWithin72Hours() {
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    // Ada's order question was answered; she is back about her order (after a greeting): a repeat contact.
    botConversation("ada-1", "ada", "web", "track_order", true);
    end("ada-1", ConversationStatus.CLOSED, twoHoursAgo);
    botConversation("ada-2", "ada", "web", "greeting", true, "track_order", true);
    // Bob's order question was answered; he is back about a refund: a new request, his first was helped.
    botConversation("bob-1", "bob", "web", "track_order", true);
    end("bob-1", ConversationStatus.CLOSED, twoHoursAgo);
    botConversation("bob-2", "bob", "web", "get_refund", true);

    Instant now = Instant.now();
    MetricsStore.Report report = metrics.report(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), GroupBy.INTENT);

    assertThat(report.overall().repeatContacts()).isEqualTo(1);
    assertThat(report.overall().repeatContactRate()).isEqualTo(0.25);
    assertThat(report.overall().containedAssumed()).as("bob's first conversation only").isEqualTo(1);
    Numbers orders = group(report, "track_order");
    assertThat(orders.conversations()).as("ada's second conversation is about her order, after a greeting").isEqualTo(3);
    assertThat(orders.repeatContacts()).isEqualTo(1);
    assertThat(orders.repeatContactRate()).isEqualTo(0.3333);
    assertThat(group(report, "get_refund").repeatContacts()).isZero();
  }

  @Test
  void anAnonymousCallerNamingAVerifiedCustomersIdIsNoRepeatContactOfTheirs() {
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    botConversation("cleo-1", new Customer("cleo", "Cleo", null, "vip", "en", null, true), "web", "track_order", true);
    end("cleo-1", ConversationStatus.CLOSED, twoHoursAgo);
    botConversation("cleo-impostor", new Customer("cleo", null, null, "standard", "en"), "web", "track_order", true);

    Instant now = Instant.now();
    MetricsStore.Report report = metrics.report(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), null);

    assertThat(report.overall().repeatContacts()).isZero();
    assertThat(report.overall().containedAssumed()).as("cleo was helped; nobody she is came back").isEqualTo(1);
  }

  @Test
  void containmentIsByTheRequestNotByTheLastMessage() {
    Instant now = Instant.now();
    // "hi" – "where is my order" – "thanks, solved": a track_order conversation, not a conversation_resolved one.
    botConversation("thanks", "cust-1", "web", "greeting", true, "track_order", true, "conversation_resolved", true);
    end("thanks", ConversationStatus.RESOLVED, now.minus(Duration.ofMinutes(1)));
    // Only questions the bot does not cover: no request.
    botConversation("weather", "cust-2", "web", "out_of_scope", false, "out_of_scope", false);
    // A person asked for at once: that is the request.
    botConversation("person", "cust-3", "web", "contact_human_agent", true, "get_refund", true);

    MetricsStore.Report report = metrics.report(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), GroupBy.INTENT);

    assertThat(report.groups()).extracting(MetricsStore.Group::key).containsExactly("contact_human_agent", "none", "track_order");
    assertThat(group(report, "track_order").containedConfirmed()).isEqualTo(1);
  }

  @Test
  void outOfScopeTurnsAreCountedPerConversationPerDayAndPerChannel() {
    botConversation("web-1", "cust-1", "web", "greeting", true, "out_of_scope", false, "out_of_scope", false, "track_order", true);
    botConversation("app-1", "cust-2", "app", "out_of_scope", false, "get_refund", true);
    botConversation("web-2", "cust-3", "web", "track_order", true);
    // Read on two days: the series follows the day each message was read.
    Instant yesterday = Instant.now().minus(Duration.ofDays(1));
    StoreDatabase.JDBC.update(
        "update bot_turns set created_at = ? where conversation_id = 'web-1' and turn = 2", Timestamp.from(yesterday));

    Instant now = Instant.now();
    MetricsStore.Report report = metrics.report(now.minus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)), GroupBy.CHANNEL);

    assertThat(report.overall().botTurns()).isEqualTo(7);
    assertThat(report.overall().outOfScopeTurns()).isEqualTo(3);
    assertThat(report.overall().outOfScopeRate()).isEqualTo(0.4286);
    assertThat(group(report, "web").outOfScopeRate()).isEqualTo(0.4);
    assertThat(group(report, "app").outOfScopeRate()).isEqualTo(0.5);
    Instant today = now.truncatedTo(ChronoUnit.DAYS);
    assertThat(report.outOfScopeByDay())
        .containsExactly(
            new MetricsStore.OutOfScopeDay(yesterday.truncatedTo(ChronoUnit.DAYS), "web", 1, 1, 1.0),
            new MetricsStore.OutOfScopeDay(today, "app", 2, 1, 0.5),
            new MetricsStore.OutOfScopeDay(today, "web", 4, 1, 0.25));
  }

  /**
   * A conversation the bot holds, with a customer message and the bot's reading of it for each
   * (intent, answered) pair, in order.
   */
  private void botConversation(String id, String customer, String channel, Object... readings) {
    botConversation(id, new Customer(customer, "Ada", null, "standard", "en"), channel, readings);
  }

  private void botConversation(String id, Customer customer, String channel, Object... readings) {
    ConversationView view =
        new ConversationView(
            id, customer, channel, ConversationStatus.BOT_ACTIVE,
            (String) readings[readings.length - 2], 0.9, 0, null, null, readings.length, readings.length / 2, null, null, null);
    List<Message> lines = new ArrayList<>();
    for (int i = 0; i < readings.length; i += 2) {
      int turn = i / 2 + 1;
      String intent = (String) readings[i];
      reviews.recordTurn(
          new BotReviewStore.BotTurnRow(id, turn, "message " + turn, intent, 0.9, "en", "m-1", (Boolean) readings[i + 1], null, null));
      lines.add(new Message(i + 1, Author.CUSTOMER, null, "message " + turn, Instant.now()));
      lines.add(new Message(i + 2, Author.BOT, null, "reply " + turn, Instant.now()));
    }
    conversations.record(entry(view, null, lines.toArray(Message[]::new)));
  }

  /** Ends a conversation the bot holds, as the workflow records it. */
  private void end(String id, ConversationStatus status, Instant at) {
    ConversationView open = conversations.find(id).orElseThrow();
    ConversationView ended =
        new ConversationView(
            id, open.customer(), open.channel(), status, open.intent(), open.confidence(), open.sentiment(), null, null,
            open.lastSeq() + 1, open.turns(), null, null, null);
    conversations.record(
        entry(ended, change(1, ConversationStatus.BOT_ACTIVE, status, at),
            new Message(open.lastSeq() + 1, Author.SYSTEM, null, "ended", at)));
  }

  private static Numbers group(MetricsStore.Report report, String key) {
    return report.groups().stream().filter(g -> g.key().equals(key)).findFirst().orElseThrow().numbers();
  }

  private static Message line(long seq, Author author, String text, long second) {
    return new Message(seq, author, author == Author.AGENT ? "alice" : null, text, T0.plusSeconds(second));
  }

  private static ConversationView withStatus(ConversationView v, ConversationStatus status, long lastSeq) {
    boolean escalated = status != ConversationStatus.BOT_ACTIVE;
    return new ConversationView(
        v.conversationId(), v.customer(), v.channel(), status, v.intent(), v.confidence(), v.sentiment(),
        escalated ? v.queue() : null, status == ConversationStatus.AGENT_ACTIVE ? "alice" : null, lastSeq, v.turns(),
        escalated ? v.escalation() : null, escalated ? v.summary() : null, null);
  }
}
