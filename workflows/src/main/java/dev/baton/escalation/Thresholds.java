package dev.baton.escalation;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The tunable numbers of the escalation matrix. In the defaults every value is set; in an
 * override (risk tier, queue, intent, VIP) a {@code null} keeps the value underneath.
 *
 * @param confidence the bot continues only at or above this confidence, 0..1
 * @param maxClarifications clarifying questions the bot may ask before a confidence gap
 * @param highValueLimit a refund or dispute above this amount goes to a person
 * @param distressSentiment sentiment below this, -1..1, is distress
 * @param noProgressAfter time from the first unanswered message until a person is brought in
 * @param noProgressTurns further turns without a real answer until a person is brought in
 */
public record Thresholds(
    Double confidence,
    Integer maxClarifications,
    BigDecimal highValueLimit,
    Double distressSentiment,
    Duration noProgressAfter,
    Integer noProgressTurns) {

  public static final Thresholds NONE = new Thresholds(null, null, null, null, null, null);

  /** These values, with {@code override}'s set values taking their place. */
  public Thresholds with(Thresholds override) {
    if (override == null) {
      return this;
    }
    return new Thresholds(
        pick(override.confidence, confidence),
        pick(override.maxClarifications, maxClarifications),
        pick(override.highValueLimit, highValueLimit),
        pick(override.distressSentiment, distressSentiment),
        pick(override.noProgressAfter, noProgressAfter),
        pick(override.noProgressTurns, noProgressTurns));
  }

  private static <T> T pick(T override, T base) {
    return override != null ? override : base;
  }
}
