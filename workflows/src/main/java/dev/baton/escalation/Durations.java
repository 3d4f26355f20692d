package dev.baton.escalation;

import java.time.Duration;

/** Durations as people say them: "90 seconds", "2 minutes", "3 hours". */
public final class Durations {
  private Durations() {}

  public static String words(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 3600 == 0 && seconds >= 3600) {
      return plural(seconds / 3600, "hour");
    }
    if (seconds % 60 == 0 && seconds >= 60) {
      return plural(seconds / 60, "minute");
    }
    return plural(seconds, "second");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s");
  }
}
