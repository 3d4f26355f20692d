package dev.baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.conversation.TranscriptEntry.StatusChange;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Runs against a real PostgreSQL with the shipped Flyway migrations. */
class TranscriptActivitiesImplTest {
  private static final Customer ADA = new Customer("cust-1", "Ada", null, "vip", "en");
  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  private static EmbeddedPostgres postgres;
  private static JdbcTemplate jdbc;
  private static TranscriptActivitiesImpl activities;

  @BeforeAll
  static void startDatabase() throws Exception {
    postgres = EmbeddedPostgres.start();
    Flyway.configure().dataSource(postgres.getPostgresDatabase()).load().migrate();
    jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    activities =
        new TranscriptActivitiesImpl(
            jdbc,
            new TransactionTemplate(new DataSourceTransactionManager(postgres.getPostgresDatabase())));
  }

  @AfterAll
  static void stopDatabase() throws Exception {
    postgres.close();
  }

  @Test
  void writesTheConversationAndItsMessages() {
    activities.record(entry("t-1", ConversationStatus.BOT_ACTIVE, 2, null, message(1, Author.CUSTOMER, "hi"), message(2, Author.BOT, "hello")));

    Map<String, Object> row = jdbc.queryForMap("select * from conversations where conversation_id = 't-1'");
    assertThat(row).containsEntry("status", "BOT_ACTIVE").containsEntry("customer_tier", "vip").containsEntry("last_seq", 2L);
    assertThat(texts("t-1")).containsExactly("hi", "hello");
  }

  @Test
  void aRetriedWriteAddsNothing() {
    TranscriptEntry entry =
        entry("t-2", ConversationStatus.CLOSED, 1, change(1, ConversationStatus.CLOSED), message(1, Author.SYSTEM, "closed"));

    activities.record(entry);
    activities.record(entry);

    assertThat(texts("t-2")).containsExactly("closed");
    assertThat(jdbc.queryForObject(
            "select count(*) from conversation_status_changes where conversation_id = 't-2'", Integer.class))
        .isEqualTo(1);
  }

  @Test
  void aLateRetryOfAnOlderWriteDoesNotRollTheConversationBack() {
    TranscriptEntry older = entry("t-3", ConversationStatus.BOT_ACTIVE, 2, null, message(1, Author.CUSTOMER, "a"), message(2, Author.BOT, "b"));
    TranscriptEntry newer =
        entry("t-3", ConversationStatus.RESOLVED, 4, change(1, ConversationStatus.RESOLVED), message(3, Author.CUSTOMER, "c"), message(4, Author.BOT, "d"));

    activities.record(older);
    activities.record(newer);
    activities.record(older);

    assertThat(jdbc.queryForObject("select status from conversations where conversation_id = 't-3'", String.class))
        .isEqualTo("RESOLVED");
    assertThat(texts("t-3")).containsExactly("a", "b", "c", "d");
  }

  private static List<String> texts(String conversationId) {
    return jdbc.queryForList(
        "select text from messages where conversation_id = ? order by seq", String.class, conversationId);
  }

  private static TranscriptEntry entry(
      String id, ConversationStatus status, long lastSeq, StatusChange change, Message... messages) {
    ConversationView view =
        new ConversationView(id, ADA, "web", status, "greeting", 0.9, 0.1, null, null, lastSeq, 1, null, null, null);
    return new TranscriptEntry(view, List.of(messages), change);
  }

  private static Message message(long seq, Author author, String text) {
    return new Message(seq, author, null, text, T0.plusSeconds(seq));
  }

  private static StatusChange change(int number, ConversationStatus to) {
    return new StatusChange(number, ConversationStatus.BOT_ACTIVE, to, "test", T0);
  }
}
