package dev.baton.escalation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/** Reads amounts the way customers write them: "$1,250.50", "750 dollars", "80,00 eur". */
public final class Money {
  private Money() {}

  public static Optional<BigDecimal> parse(String written) {
    if (written == null) {
      return Optional.empty();
    }
    String digits = written.replaceAll("[^0-9.,]", "");
    // A comma or dot followed by exactly one or two digits at the end is the decimal separator.
    if (digits.matches(".*[.,]\\d{1,2}")) {
      int separator = Math.max(digits.lastIndexOf('.'), digits.lastIndexOf(','));
      digits = digits.substring(0, separator).replaceAll("[.,]", "") + "." + digits.substring(separator + 1);
    } else {
      digits = digits.replaceAll("[.,]", "");
    }
    if (digits.isEmpty() || digits.equals(".")) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(digits));
  }

  /** "500", "1250.50": no currency, since the limit is in the team's own currency. */
  public static String format(BigDecimal amount) {
    BigDecimal scaled = amount.setScale(2, RoundingMode.HALF_UP);
    return scaled.stripTrailingZeros().scale() <= 0
        ? scaled.setScale(0, RoundingMode.UNNECESSARY).toPlainString()
        : scaled.toPlainString();
  }
}
