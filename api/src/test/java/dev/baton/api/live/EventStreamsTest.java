package dev.baton.api.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One reader that does not read holds up no other stream, and is ended when too far behind; a
 * stream whose token has ended is ended at the next heartbeat.
 */
class EventStreamsTest {
  private final CountDownLatch unblock = new CountDownLatch(1);
  private final List<String> fastGot = new CopyOnWriteArrayList<>();
  private final AtomicInteger made = new AtomicInteger();
  private final EventStreams streams =
      new EventStreams(new LiveProperties(Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMillis(100),
          Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofSeconds(30))) {
        @Override
        SseEmitter newEmitter(long timeoutMillis) {
          boolean slow = made.getAndIncrement() == 0;
          return new SseEmitter(timeoutMillis) {
            @Override
            public void send(SseEventBuilder event) throws IOException {
              if (slow) {
                try {
                  unblock.await(); // a browser tab whose socket buffer is full
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              } else {
                fastGot.add(String.valueOf(event.build().size()));
              }
            }
          };
        }
      };

  @AfterEach
  void stop() {
    unblock.countDown();
    streams.destroy();
  }

  @Test
  void aSlowReaderDelaysNoOtherStreamAndIsEndedWhenFarBehind() {
    AtomicBoolean slowEnded = new AtomicBoolean();
    SseEmitter slow = streams.open(e -> slowEnded.set(true));
    SseEmitter fast = streams.open(e -> {});

    for (int i = 0; i < 10; i++) {
      assertThat(streams.send(slow, SseEmitter.event().data("to the slow one " + i))).isTrue();
    }
    streams.send(fast, SseEmitter.event().data("to the fast one"));

    await().atMost(Duration.ofSeconds(2)).until(() -> fastGot.size() == 1);
    assertThat(slowEnded).isFalse();

    boolean accepted = true;
    for (int i = 0; i < EventStreams.OUTBOX + 10 && accepted; i++) {
      accepted = streams.send(slow, SseEmitter.event().data("more " + i));
    }
    assertThat(accepted).as("the slow stream is refused once its outbox is full").isFalse();
    assertThat(slowEnded).as("and ended, to resume on reconnect").isTrue();
    assertThat(streams.send(fast, SseEmitter.event().data("still flowing"))).isTrue();
    await().atMost(Duration.ofSeconds(2)).until(() -> fastGot.size() == 2);
  }

  @Test
  void aStreamWhoseTokenEndedIsEndedAtTheNextHeartbeatAndNoOther() {
    Deque<String> openedWith = new ArrayDeque<>(List.of("ada's token", "bo's token"));
    Set<String> revoked = ConcurrentHashMap.newKeySet();
    List<Set<String>> askedAbout = new CopyOnWriteArrayList<>();
    EventStreams checked =
        new EventStreams(
            new LiveProperties(Duration.ofMinutes(30), Duration.ofMinutes(10), Duration.ofMillis(100), Duration.ofSeconds(1),
                Duration.ofMillis(500), Duration.ofSeconds(30)),
            new StreamCredentials() {
              @Override
              public String current() {
                return openedWith.poll();
              }

              @Override
              public Set<String> ended(Set<String> keys) {
                askedAbout.add(Set.copyOf(keys));
                return keys.stream().filter(revoked::contains).collect(java.util.stream.Collectors.toSet());
              }
            });
    try {
      AtomicBoolean adaEnded = new AtomicBoolean();
      AtomicBoolean boEnded = new AtomicBoolean();
      AtomicBoolean customerEnded = new AtomicBoolean();
      checked.open(e -> adaEnded.set(true));
      checked.open(e -> boEnded.set(true));
      checked.open(e -> customerEnded.set(true)); // a credential that cannot end early: never asked about

      checked.beat();
      assertThat(adaEnded).isFalse();
      revoked.add("ada's token");
      checked.beat();

      assertThat(adaEnded).as("ada's stream, her token ended").isTrue();
      assertThat(boEnded).isFalse();
      assertThat(customerEnded).isFalse();
      assertThat(askedAbout).as("one look-up per heartbeat, for every stream's token at once")
          .containsExactly(Set.of("ada's token", "bo's token"), Set.of("ada's token", "bo's token"));
      checked.beat();
      assertThat(askedAbout.get(2)).containsExactly("bo's token");
    } finally {
      checked.destroy();
    }
  }
}
