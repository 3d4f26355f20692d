package dev.baton.text;

/**
 * The characters Baton accepts in text a client sends, and the repair of text that slipped past.
 * PostgreSQL refuses NUL in text and jsonb, other control characters break logs, terminals and
 * helpdesks, and a lone surrogate is not Unicode at all (it becomes '?' or an error depending on
 * who encodes it). So text may hold tab, line feed and carriage return, and no other C0 control
 * character (U+0000 to U+001F), and every surrogate must be half of a pair.
 *
 * <p>The api checks every string field with {@link #problem} before anything reaches Temporal or
 * PostgreSQL; the workflow's validators check again for other clients; the store repairs with
 * {@link #repair} whatever still arrives, so one bad line can never block the writes after it.
 */
public final class CleanText {
  /** What a repaired character becomes: U+FFFD, the Unicode replacement character. */
  public static final char REPLACEMENT = '\uFFFD';

  private CleanText() {}

  /**
   * What is wrong with {@code text}, as a phrase that follows the field's name ("contains a
   * control character (U+0000) at position 2"), or {@code null} when nothing is (or it is null).
   */
  public static String problem(String text) {
    if (text == null) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (refusedControl(c)) {
        return String.format("contains a control character (U+%04X) at position %d", (int) c, i);
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return "contains invalid Unicode (a lone surrogate) at position " + i;
      }
      if (Character.isLowSurrogate(c)) {
        return "contains invalid Unicode (a lone surrogate) at position " + i;
      }
    }
    return null;
  }

  /** Whether {@code text} is acceptable (null is: absence is checked elsewhere). */
  public static boolean isClean(String text) {
    return problem(text) == null;
  }

  /**
   * {@code text} with every refused character replaced by {@link #REPLACEMENT}; the same instance
   * when there is none, so callers can tell whether anything was repaired.
   */
  public static String repair(String text) {
    if (text == null || isClean(text)) {
      return text;
    }
    StringBuilder repaired = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        repaired.append(c).append(text.charAt(++i));
      } else if (refusedControl(c) || Character.isSurrogate(c)) {
        repaired.append(REPLACEMENT);
      } else {
        repaired.append(c);
      }
    }
    return repaired.toString();
  }

  private static boolean refusedControl(char c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
  }
}
