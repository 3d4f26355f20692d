package dev.baton.conversation;

import dev.baton.store.conversation.ConversationStore;
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
    conversations.record(entry);
  }
}
