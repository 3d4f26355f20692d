package dev.baton.api.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.baton.api.live.EventStreams;
import dev.baton.api.live.LiveProperties;
import dev.baton.api.queue.QueueOverview.Queues;
import dev.baton.store.notify.Channels;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The queue streams read the queues once per burst of news, and the last read of a burst comes
 * after its last notification, so a console never stays behind.
 */
class QueueStreamsTest {
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicLong lastReadAt = new AtomicLong();
  /** Sender threads like the real ones: several, so reads could overlap if nothing kept them apart. */
  private final ScheduledExecutorService senders = Executors.newScheduledThreadPool(4);
  private final EventStreams events = mock(EventStreams.class);
  private final QueueOverview overview = mock(QueueOverview.class);

  QueueStreamsTest() {
    when(events.open(any())).thenAnswer(call -> new SseEmitter());
    doAnswer(
            call -> {
              Duration delay = call.getArgument(1);
              senders.schedule((Runnable) call.getArgument(0), delay.toNanos(), TimeUnit.NANOSECONDS);
              return null;
            })
        .when(events)
        .schedule(any(), any());
    when(overview.queues())
        .thenAnswer(
            call -> {
              lastReadAt.set(System.nanoTime());
              reads.incrementAndGet();
              return new Queues(List.of());
            });
  }

  private QueueStreams streams(Duration readInterval) {
    return new QueueStreams(
        overview,
        events,
        new LiveProperties(Duration.ofMinutes(30), Duration.ofMinutes(10), readInterval, Duration.ofSeconds(1),
            Duration.ofMillis(500), Duration.ofSeconds(30)));
  }

  @AfterEach
  void tearDown() {
    senders.shutdownNow();
  }

  @Test
  void newsAfterAQuietSpellIsReadAtOnceNotAfterTheInterval() {
    QueueStreams streams = streams(Duration.ofSeconds(30));
    streams.follow(() -> {});

    streams.notified(Channels.QUEUES, "");

    await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() == 2);
  }

  @Test
  void aBurstOfNewsIsAnsweredByFewReadsTheLastAfterTheLastNews() {
    QueueStreams streams = streams(Duration.ofMillis(200));
    streams.follow(() -> {});
    assertThat(reads.get()).isEqualTo(1); // the queues as they are when the stream opens

    long lastNews = 0;
    for (int i = 0; i < 50; i++) {
      streams.notified(Channels.QUEUES, "");
      lastNews = System.nanoTime();
    }

    long newsSent = lastNews;
    await().atMost(Duration.ofSeconds(5)).until(() -> reads.get() > 1 && lastReadAt.get() > newsSent);
    // 50 notifications within well under one interval: one read at once, at most one after it.
    assertThat(reads.get()).isBetween(2, 3);
  }

  @Test
  void nothingIsReadWhenNoStreamIsOpen() throws InterruptedException {
    streams(Duration.ofMillis(200)).notified(Channels.QUEUES, "");
    Thread.sleep(300);
    assertThat(reads.get()).isZero();
  }
}
