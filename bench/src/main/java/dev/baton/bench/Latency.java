package dev.baton.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/** Latencies of one path, recorded in microseconds (up to a minute, three significant digits). */
final class Latency {
  private final String name;
  private final Recorder recorder = new Recorder(TimeUnit.MINUTES.toMicros(1), 3);
  private final Histogram total = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);

  Latency(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  /** Runs the call and records how long it took; safe from many threads. */
  void time(Runnable call) {
    long start = System.nanoTime();
    call.run();
    record(System.nanoTime() - start);
  }

  void record(long nanos) {
    recorder.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), total.getHighestTrackableValue()));
  }

  /** Everything recorded so far. */
  synchronized Histogram histogram() {
    total.add(recorder.getIntervalHistogram());
    return total;
  }

  long count() {
    return histogram().getTotalCount();
  }

  /** The percentile in milliseconds. */
  double millis(double percentile) {
    return histogram().getValueAtPercentile(percentile) / 1000.0;
  }

  double meanMillis() {
    return histogram().getMean() / 1000.0;
  }

  double max() {
    return histogram().getMaxValue() / 1000.0;
  }

  /** "p50 12.3 ms  p90 …  p99 …  max …  (n 300)" */
  String describe() {
    return String.format(
        "p50 %7.1f ms  p90 %7.1f ms  p99 %7.1f ms  max %7.1f ms  (n %d)",
        millis(50), millis(90), millis(99), max(), count());
  }
}
