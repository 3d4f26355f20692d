package dev.baton.conversation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory transcript that records every write, for workflow tests. */
class FakeTranscript implements TranscriptActivities {
  final List<TranscriptEntry> entries = new CopyOnWriteArrayList<>();
  volatile int failuresToInject;
  /** A database that hangs: a write started now waits until it is released, then fails. */
  volatile boolean hung;

  @Override
  public void record(TranscriptEntry entry) {
    if (hung) {
      long giveUp = System.nanoTime() + 20_000_000_000L;
      while (hung && System.nanoTime() < giveUp) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      throw new IllegalStateException("connection reset after a hang");
    }
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
