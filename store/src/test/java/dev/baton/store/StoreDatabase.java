package dev.baton.store;

import dev.baton.conversation.Author;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.conversation.TranscriptEntry;
import dev.baton.conversation.TranscriptEntry.StatusChange;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.EscalationReason;
import dev.baton.escalation.HandoffSummary;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.notify.Notifier;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One embedded PostgreSQL for every store test in the run, migrated with the shipped Flyway
 * migrations; each test class empties the tables it uses. Also builds the rows tests write. Other
 * modules' tests that need the real schema use it too, through the store's test jar.
 */
public final class StoreDatabase {
  public static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
  public static final Customer ADA = new Customer("cust-1", "Ada", "ada@example.com", "vip", "en");

  private static final EmbeddedPostgres POSTGRES = start();
  public static final DataSource DATA_SOURCE = POSTGRES.getPostgresDatabase();
  public static final JdbcTemplate JDBC = new JdbcTemplate(DATA_SOURCE);
  public static final TransactionTemplate TX = new TransactionTemplate(new DataSourceTransactionManager(DATA_SOURCE));

  private StoreDatabase() {}

  /** Empties every table, so a test sees only its own rows. */
  public static void clear() {
    JDBC.execute(
        "truncate bot_model_files, bot_models, example_answers, training_examples, bot_turn_reviews, bot_turn_flags, bot_turns, takeover_reservations, api_tokens, accounts, csat, conversation_events, ticket_events, tickets, queue_hours, agents, conversation_status_changes, messages, conversations");
  }

  public static ConversationStore conversations() {
    return new ConversationStore(JDBC, TX, new Notifier(JDBC));
  }

  public static Message message(long seq, Author author, String text) {
    return new Message(seq, author, null, text, T0.plusSeconds(seq));
  }

  public static StatusChange change(int number, ConversationStatus from, ConversationStatus to, Instant at) {
    return new StatusChange(number, from, to, "test", at);
  }

  public static ConversationView view(String id, ConversationStatus status, long lastSeq) {
    return new ConversationView(id, ADA, "web", status, "greeting", 0.9, 0.1, null, null, lastSeq, 1, null, null, null);
  }

  /** A conversation waiting in {@code queue} since {@code at}, with a summary. */
  public static ConversationView waiting(String id, String queue, int priority, Instant at) {
    Escalation escalation = new Escalation(EscalationReason.CUSTOMER_REQUEST, "asked for a person", queue, priority, "en", at);
    return new ConversationView(
        id, ADA, "web", ConversationStatus.AWAITING_AGENT, "track_order", 0.8, -0.2, queue, null, 2, 1,
        escalation, summary(queue, priority), null);
  }

  public static HandoffSummary summary(String queue, int priority) {
    return new HandoffSummary(
        "Order tracking: where is my order", "Know where the order is",
        List.of(new dev.baton.bot.Fact(dev.baton.bot.Fact.Kind.ORDER_NUMBER, "12345678")),
        List.of("Answered: it ships today."), EscalationReason.CUSTOMER_REQUEST, "asked for a person",
        -0.2, "STABLE", 0.8, "track_order", queue, priority, "vip", "en", 0, "/api/v1/conversations/x/messages",
        List.of("call after 5"));
  }

  public static TranscriptEntry entry(ConversationView view, StatusChange change, Message... messages) {
    return new TranscriptEntry(view, List.of(messages), change);
  }

  private static EmbeddedPostgres start() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.start();
      Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException e) {
          // The JVM is ending; the data directory is temporary.
        }
      }));
      return postgres;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
    }
  }
}
