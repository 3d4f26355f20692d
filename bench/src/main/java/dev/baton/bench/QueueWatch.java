package dev.baton.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An agent's live queue stream, as the console holds it open: each {@code queues} event's waiting
 * count for the queue, with the moment it arrived.
 */
final class QueueWatch implements AutoCloseable {
  private static final String QUEUE = "general";

  private final List<long[]> counts = new ArrayList<>();
  private final BatonApi.EventStream stream;

  QueueWatch(BatonApi api, String agentToken) throws InterruptedException {
    stream = api.stream("/api/v1/queues/stream", agentToken, this::onEvent);
    // The stream opens with the current state; nothing is measured before it is live.
    awaitWaiting(0, Duration.ofSeconds(10));
  }

  private synchronized void onEvent(String event, String data) {
    if (!event.equals("queues")) {
      return;
    }
    for (JsonNode queue : BatonApi.json(data).path("queues")) {
      if (queue.path("queue").asText().equals(QUEUE)) {
        counts.add(new long[] {System.nanoTime(), queue.path("waiting").asInt()});
        notifyAll();
      }
    }
  }

  /** The last waiting count the stream showed. */
  synchronized int waiting() {
    return counts.isEmpty() ? 0 : (int) counts.get(counts.size() - 1)[1];
  }

  /** When the stream first showed at least {@code waiting} conversations (System.nanoTime). */
  synchronized long awaitWaiting(int waiting, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (long[] count : counts) {
        if (count[1] >= waiting) {
          return count[0];
        }
      }
      long left = end - System.nanoTime();
      if (left <= 0) {
        throw new IllegalStateException(
            "the queue stream did not show " + waiting + " waiting in " + QUEUE + " within " + timeout
                + " (last: " + waiting() + ")");
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  @Override
  public void close() {
    stream.close();
  }
}
