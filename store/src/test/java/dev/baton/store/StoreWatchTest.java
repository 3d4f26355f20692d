package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A store that failed is left alone by the customer's path until the background probe finds it back. */
class StoreWatchTest {
  private final AtomicInteger probes = new AtomicInteger();

  @Test
  void whileDownNoCallGoesToTheStoreAndTheProbeEndsTheOutageWhenItAnswers() {
    StoreWatch watch = new StoreWatch(Duration.ofMillis(50)).probeWith(() -> {
      if (probes.incrementAndGet() < 3) {
        throw new IllegalStateException("no answer");
      }
    });
    assertThat(watch.tryNow()).isTrue();

    watch.failed();

    assertThat(watch.tryNow()).as("right after a failure").isFalse();
    await().atMost(Duration.ofSeconds(5)).until(watch::tryNow);
    assertThat(probes).hasValue(3);
    assertThat(watch.down()).isFalse();
  }

  @Test
  void aProbeThatThrowsAnErrorKeepsProbing() {
    StoreWatch watch = new StoreWatch(Duration.ofMillis(50)).probeWith(() -> {
      if (probes.incrementAndGet() < 2) {
        throw new AssertionError("not an exception");
      }
    });

    watch.failed();

    await().atMost(Duration.ofSeconds(5)).until(watch::tryNow);
    assertThat(probes).hasValue(2);
  }

  @Test
  void aSuccessfulCallEndsTheOutageWithoutTheProbe() {
    StoreWatch watch = new StoreWatch(Duration.ofSeconds(30)).probeWith(() -> { throw new IllegalStateException("no"); });
    watch.failed();
    assertThat(watch.tryNow()).isFalse();

    watch.answered();

    assertThat(watch.tryNow()).isTrue();
  }
}
