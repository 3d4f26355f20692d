package dev.baton.conversation;

import dev.baton.store.StoreWatch;
import dev.baton.store.conversation.ConversationStore;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Writes transcript entries to PostgreSQL, one transaction each, through the store; every write
 * can be retried without duplicating anything or rolling the read model back.
 */
@Component
public class TranscriptActivitiesImpl implements TranscriptActivities {
  /**
   * Writes given this long at most are those of runs since quick-transcript (a turn's, and the
   * catch-up's after it); runs from before give theirs 30 s of retries and always try.
   */
  static final Duration QUICK_WRITES_WITHIN = Duration.ofSeconds(2);

  private final ConversationStore conversations;
  private final StoreWatch store;

  @Autowired
  public TranscriptActivitiesImpl(ConversationStore conversations) {
    this(conversations, StoreWatch.SHARED);
  }

  TranscriptActivitiesImpl(ConversationStore conversations, StoreWatch store) {
    this.conversations = conversations;
    this.store = store;
  }

  /**
   * Writes the entry. While the store is down ({@link StoreWatch}) a quick write fails at once:
   * the turn's lines then wait in the conversation for its catch-up, and the customer's reply
   * does not wait for a timeout. The watch's probe finds out when the store is back.
   */
  @Override
  public void record(TranscriptEntry entry) {
    record(entry, quick());
  }

  /**
   * Whether this write is a quick one (a turn waits for it, or the catch-up that writes what a
   * turn could not); the store watch's background probe ends an outage for them.
   */
  private static boolean quick() {
    Duration within = Activity.getExecutionContext().getInfo().getScheduleToCloseTimeout();
    return within != null && !within.isZero() && within.compareTo(QUICK_WRITES_WITHIN) <= 0;
  }

  void record(TranscriptEntry entry, boolean quick) {
    if (quick && !store.tryNow()) {
      throw ApplicationFailure.newFailure(
          "Baton's database is down; the conversation keeps the lines and writes them when it answers", TranscriptActivities.STORE_DOWN);
    }
    try {
      conversations.record(entry);
      store.answered();
    } catch (DataAccessException e) {
      if (refusedData(e)) {
        // Retrying cannot help: the conversation sets these lines aside and goes on.
        throw ApplicationFailure.newNonRetryableFailureWithCause(
            "PostgreSQL refused the entry's data: " + e.getMostSpecificCause().getMessage(),
            TranscriptActivities.REFUSED,
            e);
      }
      store.failed();
      throw e;
    }
  }

  /** SQLSTATE class 22, "data exception": the values themselves are refused, not the database down. */
  private static boolean refusedData(DataAccessException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
        return true;
      }
    }
    return false;
  }
}
