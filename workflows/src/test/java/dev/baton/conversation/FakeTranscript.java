package dev.baton.conversation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory transcript that records every write, for workflow tests. */
class FakeTranscript implements TranscriptActivities {
  final List<TranscriptEntry> entries = new CopyOnWriteArrayList<>();
  volatile int failuresToInject;

  @Override
  public void record(TranscriptEntry entry) {
    if (failuresToInject > 0) {
      failuresToInject--;
      throw new IllegalStateException("database unavailable");
    }
    entries.add(entry);
  }

  List<Message> messages() {
    return entries.stream().flatMap(e -> e.messages().stream()).distinct().toList();
  }

  List<TranscriptEntry.StatusChange> statusChanges() {
    return entries.stream().map(TranscriptEntry::statusChange).filter(c -> c != null).toList();
  }
}
