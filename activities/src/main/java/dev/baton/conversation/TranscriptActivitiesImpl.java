package dev.baton.conversation;

import dev.baton.store.conversation.ConversationStore;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Writes transcript entries to PostgreSQL, one transaction each, through the store; every write
 * can be retried without duplicating anything or rolling the read model back.
 */
@Component
public class TranscriptActivitiesImpl implements TranscriptActivities {
  private final ConversationStore conversations;

  public TranscriptActivitiesImpl(ConversationStore conversations) {
    this.conversations = conversations;
  }

  @Override
  public void record(TranscriptEntry entry) {
    try {
      conversations.record(entry);
    } catch (DataAccessException e) {
      if (refusedData(e)) {
        // Retrying cannot help: the conversation sets these lines aside and goes on.
        throw ApplicationFailure.newNonRetryableFailureWithCause(
            "PostgreSQL refused the entry's data: " + e.getMostSpecificCause().getMessage(),
            TranscriptActivities.REFUSED,
            e);
      }
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
