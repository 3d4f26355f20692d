package dev.baton.conversation;

import io.temporal.activity.ActivityInterface;

/**
 * Writes the transcript and the conversation read model. Every write is keyed by sequence
 * numbers the workflow assigns, so a retried activity never duplicates a line.
 */
@ActivityInterface
public interface TranscriptActivities {
  void record(TranscriptEntry entry);
}
