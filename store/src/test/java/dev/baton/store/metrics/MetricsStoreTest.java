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
import dev.baton.conversation.Message;
import dev.baton.store.StoreDatabase;
import dev.baton.store.conversation.ConversationStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The numbers of a small scripted day, from events written the way the worker writes them. */
class MetricsStoreTest {
  private final ConversationStore conversations = StoreDatabase.conversations();
  private final MetricsStore metrics = new MetricsStore(StoreDatabase.JDBC);

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
