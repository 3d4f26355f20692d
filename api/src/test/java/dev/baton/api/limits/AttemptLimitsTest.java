package dev.baton.api.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failed attempts per key: the wait grows as failures go on, and what went well costs nothing. */
class AttemptLimitsTest {
  private long now;
  private final TimeMeter clock =
      new TimeMeter() {
        @Override
        public long currentTimeNanos() {
          return now;
        }

        @Override
        public boolean isWallClockBased() {
          return false;
        }
      };
  private final AttemptLimits limits = new AttemptLimits(List.of(Allowance.valueOf("5/1m"), Allowance.valueOf("20/1h")), clock);

  @Test
  void theWaitGrowsAsFailuresGoOn() {
    for (int i = 0; i < 5; i++) {
      assertThat(limits.take("ada")).as("failure %d", i + 1).isNull();
    }
    assertThat(limits.take("ada")).as("after five at once").isEqualTo(Duration.ofSeconds(12));

    // Someone who waits each time is let through every 12 s, until about twenty in the hour (the
    // hour's allowance refills a little meanwhile), and then only every 3 minutes.
    int allowed = 5;
    Duration wait = Duration.ofSeconds(12);
    while (wait.equals(Duration.ofSeconds(12)) && allowed < 100) {
      after(wait);
      assertThat(limits.take("ada")).isNull();
      allowed++;
      wait = limits.take("ada");
    }
    assertThat(allowed).isBetween(20, 22);
    assertThat(wait).isGreaterThan(Duration.ofMinutes(2)).isLessThanOrEqualTo(Duration.ofMinutes(3));
    assertThat(limits.take("bo")).as("another key").isNull();
  }

  @Test
  void anAttemptGivenBackDoesNotCount() {
    for (int i = 0; i < 50; i++) {
      assertThat(limits.take("ada")).isNull();
      limits.giveBack("ada");
    }
  }

  @Test
  void noAllowancesMeansNoLimit() {
    AttemptLimits off = new AttemptLimits(List.of(), clock);
    for (int i = 0; i < 1000; i++) {
      assertThat(off.take("ada")).isNull();
    }
    assertThat(off.enabled()).isFalse();
  }

  @Test
  void anAllowanceIsReadAsAttemptsPerPeriod() {
    assertThat(Allowance.valueOf(" 20 / 1h ")).isEqualTo(new Allowance(20, Duration.ofHours(1)));
    assertThat(Allowance.valueOf("5/90s").toString()).isEqualTo("5/90s");
    assertThat(Allowance.valueOf("20/60m").toString()).isEqualTo("20/1h");
    for (String wrong : List.of("5", "5/", "/1m", "0/1m", "5/0s", "five/1m", "5/1 minute")) {
      assertThatThrownBy(() -> Allowance.valueOf(wrong)).as(wrong).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private void after(Duration wait) {
    now += wait.toNanos();
  }
}
