package dev.baton.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.baton.bench.BotReadings.Totals;
import org.junit.jupiter.api.Test;

/** The bot's reading time as the report prints it, from the worker's Prometheus page. */
class BotReadingsTest {
  /** The worker's page as Micrometer writes it (other metrics around, buckets cut short). */
  private static String page(long count, double sum, long underOne, long underTwo, long underFour) {
    return String.join(
        "\n",
        "# HELP baton_bot_read_seconds The bot reading one customer message",
        "# TYPE baton_bot_read_seconds histogram",
        "baton_bot_read_seconds_bucket{le=\"0.001\"} " + underOne,
        "baton_bot_read_seconds_bucket{le=\"0.002\"} " + underTwo,
        "baton_bot_read_seconds_bucket{le=\"0.004\"} " + underFour,
        "baton_bot_read_seconds_bucket{le=\"+Inf\"} " + count,
        "baton_bot_read_seconds_count " + count,
        "baton_bot_read_seconds_sum " + sum,
        "# TYPE baton_bot_read_seconds_max gauge",
        "baton_bot_read_seconds_max 0.25",
        "temporal_request_latency_seconds_count{namespace=\"default\"} 99",
        "");
  }

  @Test
  void theReadingsOfAStretchAreTheDifferenceOfTwoPages() {
    Totals before = BotReadings.parse(page(10, 0.030, 2, 5, 10)).orElseThrow();
    Totals after = BotReadings.parse(page(110, 0.230, 2, 85, 110)).orElseThrow();

    Totals stretch = after.minus(before);

    assertThat(stretch.count()).isEqualTo(100);
    assertThat(stretch.meanMillis()).isCloseTo(2.0, within(1e-9));
    // 80 of the 100 between 1 and 2 ms: the 50th is 5/8 of the way through that bucket.
    assertThat(stretch.percentile(50)).isEqualTo("≈  1.63 ms");
    // The 99th is among the 20 between 2 and 4 ms.
    assertThat(stretch.percentile(99)).isEqualTo("≈  3.90 ms");
  }

  @Test
  void readingsSetAsideAreNotCounted() {
    Totals all = BotReadings.parse(page(12, 0.024, 0, 12, 12)).orElseThrow();
    Totals aside = BotReadings.parse(page(2, 0.008, 0, 2, 2)).orElseThrow();

    assertThat(all.minus(aside).count()).isEqualTo(10);
    assertThat(all.minus(aside).meanMillis()).isCloseTo(1.6, within(1e-9));
  }

  @Test
  void aPercentileInTheLowestBucketIsOnlyItsBound() {
    Totals fast = BotReadings.parse(page(100, 0.060, 95, 100, 100)).orElseThrow();

    assertThat(fast.percentile(50)).isEqualTo("≤  1.00 ms");
    assertThat(fast.percentile(99)).isEqualTo("≈  1.80 ms");
  }

  @Test
  void aPercentileAboveTheLastBoundIsOnlyThatBound() {
    Totals slow = BotReadings.parse(page(10, 1.0, 0, 0, 0)).orElseThrow();

    assertThat(slow.percentile(50)).isEqualTo(">  4.00 ms");
  }

  @Test
  void aWorkerWithoutTheTimerHasNoReadings() {
    assertThat(BotReadings.parse("temporal_request_latency_seconds_count{namespace=\"default\"} 99\n")).isEmpty();
  }
}
