package dev.baton.api.limits;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;

/**
 * So many attempts per period, written {@code 5/1m}: a Bucket4j bandwidth of that capacity,
 * refilled evenly over the period. Several together make the wait grow as failures go on
 * ({@code 5/1m,20/1h}: five at once, then one every 12 s, and after twenty one every 3 min).
 */
public record Allowance(int attempts, Duration per) {
  private static final Pattern FORM = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\S+)\\s*");

  public Allowance {
    if (attempts < 1 || per == null || per.isNegative() || per.isZero()) {
      throw new IllegalArgumentException("an allowance is at least 1 attempt per a positive period, not " + attempts + "/" + per);
    }
  }

  /** Reads {@code 5/1m} (how Spring binds it from configuration). */
  public static Allowance valueOf(String text) {
    Matcher form = FORM.matcher(text);
    if (!form.matches()) {
      throw new IllegalArgumentException("an allowance is written attempts/period, like 5/1m or 20/1h, not '" + text + "'");
    }
    return new Allowance(Integer.parseInt(form.group(1)), DurationStyle.SIMPLE.parse(form.group(2)));
  }

  @Override
  public String toString() {
    long seconds = per.toSeconds();
    String period = seconds % 86_400 == 0 ? seconds / 86_400 + "d"
        : seconds % 3600 == 0 ? seconds / 3600 + "h"
        : seconds % 60 == 0 ? seconds / 60 + "m"
        : DurationStyle.SIMPLE.print(per, ChronoUnit.SECONDS);
    return attempts + "/" + period;
  }
}
