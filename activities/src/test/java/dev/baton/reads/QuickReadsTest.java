package dev.baton.reads;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.StoreWatch;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** A read on a customer's path answers within its deadline whatever the database does. */
class QuickReadsTest {
  private final QuickReads reads = new QuickReads(Duration.ofMillis(200), new StoreWatch(Duration.ZERO));
  private final CountDownLatch hung = new CountDownLatch(1);

  @AfterEach
  void release() {
    hung.countDown();
  }

  @Test
  void aHealthyReadAnswersItself() {
    assertThat(reads.read("the hours", () -> "read", () -> "fallback")).isEqualTo("read");
  }

  @Test
  void aReadThatHangsGivesWayToTheFallbackAtTheDeadline() {
    long start = System.nanoTime();

    String answer = reads.read("the hours", this::hang, () -> "fallback");

    assertThat(answer).isEqualTo("fallback");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(150), Duration.ofMillis(1500));
  }

  @Test
  void aFailingReadGivesWayToTheFallbackAtOnce() {
    long start = System.nanoTime();

    String answer =
        reads.read("the hours", () -> { throw new DataAccessResourceFailureException("refused"); }, () -> "fallback");

    assertThat(answer).isEqualTo("fallback");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(150));
  }

  @Test
  void whenEveryReaderIsHeldNewReadsTakeTheirFallbackWithoutWaiting() throws Exception {
    QuickReads patient = new QuickReads(Duration.ofMillis(1), new StoreWatch(Duration.ZERO));
    // Eight readers and 64 places in line, all held by reads that hang.
    for (int i = 0; i < 8 + 64; i++) {
      patient.read("a hung read", this::hang, () -> "fallback");
    }
    long start = System.nanoTime();

    String answer = patient.read("one more", () -> "read", () -> "fallback");

    assertThat(answer).isEqualTo("fallback");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
  }

  @Test
  void afterAFailureReadsTakeTheirFallbackAtOnceAndOneAtATimeFindsOutWhetherTheStoreIsBack() throws Exception {
    StoreWatch store = new StoreWatch(Duration.ofMillis(300));
    QuickReads watched = new QuickReads(Duration.ofMillis(200), store);
    AtomicInteger tried = new AtomicInteger();
    watched.read("the hours", () -> { tried.incrementAndGet(); throw new DataAccessResourceFailureException("refused"); }, () -> "fallback");
    long start = System.nanoTime();

    for (int i = 0; i < 20; i++) {
      assertThat(watched.read("the hours", () -> { tried.incrementAndGet(); return "read"; }, () -> "fallback")).isEqualTo("fallback");
    }

    assertThat(tried).hasValue(1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
    Thread.sleep(350);
    assertThat(watched.read("the hours", () -> { tried.incrementAndGet(); return "read"; }, () -> "fallback")).isEqualTo("read");
    assertThat(watched.read("the hours", () -> { tried.incrementAndGet(); return "read"; }, () -> "fallback")).isEqualTo("read");
    assertThat(tried).hasValue(3);
  }

  /** A read stuck in a socket: an interrupt does not free it, only the test's end does. */
  private String hang() {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < until) {
      try {
        if (hung.await(until - System.nanoTime(), TimeUnit.NANOSECONDS)) {
          break;
        }
      } catch (InterruptedException ignored) {
        // as a blocked socket read would
      }
    }
    return "late";
  }
}
