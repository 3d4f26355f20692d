package dev.baton.conversation;

import io.temporal.activity.ActivityInterface;

/**
 * Writes the transcript and the conversation read model. Every write is keyed by sequence
 * numbers the workflow assigns, so a retried activity never duplicates a line.
 */
@ActivityInterface
public interface TranscriptActivities {
  /**
   * The failure type of a write PostgreSQL refused for its data (not for being down): retrying
   * cannot help, so the conversation sets the lines aside instead of carrying them on.
   */
  String REFUSED = "TranscriptRefused";

  /**
   * The failure of a turn's write skipped because Baton's database is down a moment ago: trying
   * again within the turn cannot help, the conversation's catch-up writes the lines.
   */
  String STORE_DOWN = "StoreDown";

  void record(TranscriptEntry entry);
}
