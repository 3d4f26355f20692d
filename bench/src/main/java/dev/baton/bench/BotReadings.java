package dev.baton.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bot's own reading time, as the worker times it around each reading ({@code baton.bot.read},
 * on Prometheus {@code baton_bot_read_seconds}): read from the worker's {@code
 * /actuator/prometheus} before and after a stretch of turns, so the difference is the readings of
 * those turns, with neither Temporal, the store nor HTTP in it.
 */
final class BotReadings {
  static final String METRIC = "baton_bot_read_seconds";
  private static final Pattern SAMPLE =
      Pattern.compile("^" + METRIC + "_(count|sum|bucket)(?:\\{([^}]*)\\})?\\s+(\\S+)");
  private static final Pattern LE = Pattern.compile("(?:^|,)le=\"([^\"]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final URI prometheus;

  /** {@code worker} is the worker's base URL, where its actuator answers. */
  BotReadings(String worker) {
    this.prometheus = URI.create(worker.replaceAll("/+$", "") + "/actuator/prometheus");
  }

  /**
   * The timer's totals now, summed over its series; empty when the worker has no such timer (a
   * build from before it), so a run against an older worker still measures everything else.
   */
  Optional<Totals> read() {
    String body;
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(prometheus)
                  .timeout(Duration.ofSeconds(10))
                  // The classic text format: one sample a line, no exemplars.
                  .header("Accept", "text/plain;version=0.0.4")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(prometheus + " answered " + response.statusCode());
      }
      body = response.body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + prometheus + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return parse(body);
  }

  static Optional<Totals> parse(String exposition) {
    double count = 0;
    double sum = 0;
    TreeMap<Double, Double> buckets = new TreeMap<>();
    boolean found = false;
    for (String line : exposition.split("\n")) {
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.find()) {
        continue;
      }
      found = true;
      double value = Double.parseDouble(sample.group(3));
      switch (sample.group(1)) {
        case "count" -> count += value;
        case "sum" -> sum += value;
        default -> {
          Matcher le = LE.matcher(sample.group(2) == null ? "" : sample.group(2));
          if (le.find()) {
            buckets.merge(bound(le.group(1)), value, Double::sum);
          }
        }
      }
    }
    return found ? Optional.of(new Totals(Math.round(count), sum, buckets)) : Optional.empty();
  }

  private static double bound(String le) {
    return le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
  }

  /**
   * Readings counted from a starting point on, less those of calls set aside with {@link
   * #excluding} (a conversation's first message is read by the bot too, but it is no turn).
   */
  final class Window {
    private final Totals start;
    private Totals excluded = Totals.NONE;

    private Window(Totals start) {
      this.start = start;
    }

    <T> T excluding(Supplier<T> call) {
      Totals before = read().orElse(Totals.NONE);
      T result = call.get();
      excluded = excluded.plus(read().orElse(Totals.NONE).minus(before));
      return result;
    }

    /** The readings since the start, less the ones set aside. */
    Totals close() {
      return read().orElse(Totals.NONE).minus(start).minus(excluded);
    }
  }

  /** A window from now on, or empty when the worker exposes no timer of the bot's reading. */
  Optional<Window> open() {
    return read().map(Window::new);
  }

  /**
   * What the timer holds: how many readings, their total seconds, and the cumulative count at or
   * under each bucket's upper bound, in seconds (Prometheus's {@code le}).
   */
  record Totals(long count, double sumSeconds, TreeMap<Double, Double> buckets) {
    static final Totals NONE = new Totals(0, 0, new TreeMap<>());

    Totals minus(Totals other) {
      return combine(other, -1);
    }

    Totals plus(Totals other) {
      return combine(other, 1);
    }

    private Totals combine(Totals other, int sign) {
      TreeMap<Double, Double> merged = new TreeMap<>(buckets);
      for (Map.Entry<Double, Double> bucket : other.buckets.entrySet()) {
        merged.merge(bucket.getKey(), sign * bucket.getValue(), Double::sum);
      }
      return new Totals(count + sign * other.count, sumSeconds + sign * other.sumSeconds, merged);
    }

    double meanMillis() {
      return count == 0 ? Double.NaN : sumSeconds * 1000 / count;
    }

    /**
     * The percentile estimated from the buckets as Prometheus's {@code histogram_quantile} does:
     * linear within the bucket that holds it, so it is only as fine as the buckets are. In the
     * lowest bucket, which starts at nothing, only its bound is known: "≤ 1.00 ms"; otherwise
     * "≈ 3.80 ms". The mean needs no buckets and is exact.
     */
    String percentile(double percentile) {
      if (count == 0 || buckets.isEmpty()) {
        return "   n/a";
      }
      double rank = percentile / 100 * count;
      double lower = 0;
      double below = 0;
      for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
        double upper = bucket.getKey();
        double cumulative = bucket.getValue();
        if (cumulative >= rank) {
          if (lower == 0 || Double.isInfinite(upper)) {
            return String.format("%s %5.2f ms", lower == 0 ? "≤" : ">", (lower == 0 ? upper : lower) * 1000);
          }
          double fraction = (rank - below) / (cumulative - below);
          return String.format("≈ %5.2f ms", (lower + (upper - lower) * fraction) * 1000);
        }
        lower = upper;
        below = cumulative;
      }
      return String.format("> %5.2f ms", lower * 1000);
    }

    /** "mean 4.10 ms  p50 ≈  3.80 ms  p99 ≈  9.60 ms  (n 200)" */
    String describe() {
      return String.format(
          "mean %5.2f ms  p50 %s  p99 %s  (n %d)", meanMillis(), percentile(50), percentile(99), count);
    }
  }
}
