package dev.baton.api.queue;

import dev.baton.api.live.EventStreams;
import dev.baton.api.live.LiveProperties;
import dev.baton.api.live.NotificationHandler;
import dev.baton.api.queue.QueueOverview.Queues;
import dev.baton.store.notify.Channels;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live queue overview for agent consoles. A queue notification after a quiet spell is
 * answered at once with one read of the queues, sent to every stream on this instance; during a
 * burst the reads come at most every {@code baton.live.queue-read-interval}, each covering all the
 * news since the one before. (A fixed gathering window delayed every escalation by the window,
 * and at 20 escalations a second the reads queued behind each other: docs/performance.md.)
 */
@Component
class QueueStreams implements NotificationHandler {
  private final QueueOverview queues;
  private final EventStreams streams;
  private final LiveProperties properties;
  private final Set<SseEmitter> followers = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean scheduled = new AtomicBoolean();
  /** When the last read began ({@link System#nanoTime()}); the next one waits out the interval. */
  private volatile long lastRead = System.nanoTime() - Duration.ofDays(1).toNanos();

  QueueStreams(QueueOverview queues, EventStreams streams, LiveProperties properties) {
    this.queues = queues;
    this.streams = streams;
    this.properties = properties;
  }

  /** A stream that starts with the queues as they are now. */
  SseEmitter follow(Runnable onEnd) {
    SseEmitter emitter =
        streams.open(
            ended -> {
              onEnd.run();
              followers.remove(ended);
            });
    followers.add(emitter);
    streams.send(emitter, event(queues.queues()));
    return emitter;
  }

  @Override
  public Set<String> channels() {
    return Set.of(Channels.QUEUES);
  }

  @Override
  public void notified(String channel, String payload) {
    if (!followers.isEmpty() && scheduled.compareAndSet(false, true)) {
      long since = System.nanoTime() - lastRead;
      long wait = Math.max(0, properties.queueReadInterval().toNanos() - since);
      streams.schedule(this::broadcast, Duration.ofNanos(wait));
    }
  }

  @Override
  public void resynchronize() {
    notified(Channels.QUEUES, "");
  }

  /**
   * One read at a time, and its sends before the next read: a slow read overtaken by a newer one
   * would otherwise send the older queues last.
   */
  private synchronized void broadcast() {
    // Stamped, then cleared before the read: news arriving during it schedules one more read,
    // spaced from this one.
    lastRead = System.nanoTime();
    scheduled.set(false);
    if (followers.isEmpty()) {
      return;
    }
    Queues now = queues.queues();
    for (SseEmitter emitter : List.copyOf(followers)) {
      streams.send(emitter, event(now));
    }
  }

  private static SseEmitter.SseEventBuilder event(Queues queues) {
    return SseEmitter.event().name("queues").data(queues, MediaType.APPLICATION_JSON);
  }
}
