package dev.baton.escalation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks payment card numbers (13 to 19 digits, spaces or dashes allowed, Luhn-valid). */
public final class PaymentData {
  /** Digit groups separated by up to three spaces or dashes: "4111 1111 1111 1111 123". */
  private static final Pattern DIGIT_GROUPS = Pattern.compile("\\d+(?:[\\s-]{1,3}\\d+)*");
  private static final Pattern GROUP = Pattern.compile("\\d+");

  private PaymentData() {}

  /** {@code text} with every card number replaced by "•••• 1234". */
  public static String mask(String text) {
    if (text == null) {
      return null;
    }
    Matcher run = DIGIT_GROUPS.matcher(text);
    StringBuilder out = new StringBuilder();
    while (run.find()) {
      run.appendReplacement(out, Matcher.quoteReplacement(maskRun(run.group())));
    }
    run.appendTail(out);
    return out.toString();
  }

  /**
   * Masks the cards in one run of digit groups: from each group on, the longest span of whole
   * groups that is a card, so a security code, an expiry or an order number next to a card does
   * not hide it.
   */
  private static String maskRun(String run) {
    List<int[]> groups = new ArrayList<>();
    Matcher g = GROUP.matcher(run);
    while (g.find()) {
      groups.add(new int[] {g.start(), g.end()});
    }
    StringBuilder out = new StringBuilder();
    int copied = 0;
    for (int i = 0; i < groups.size(); i++) {
      StringBuilder digits = new StringBuilder();
      String card = null;
      int cardEnd = i;
      for (int j = i; j < groups.size() && digits.length() <= 19; j++) {
        digits.append(run, groups.get(j)[0], groups.get(j)[1]);
        if (isCard(digits.toString())) {
          card = digits.toString();
          cardEnd = j;
        }
      }
      if (card != null) {
        out.append(run, copied, groups.get(i)[0]).append(masked(card));
        copied = groups.get(cardEnd)[1];
        i = cardEnd;
      }
    }
    return out.append(run, copied, run.length()).toString();
  }

  public static String masked(String digits) {
    return "•••• " + digits.substring(digits.length() - 4);
  }

  /** Luhn check on a run of 13 to 19 digits. */
  public static boolean isCard(String digits) {
    if (digits.length() < 13 || digits.length() > 19) {
      return false;
    }
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
