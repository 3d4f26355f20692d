package dev.baton.api.limits;

import java.util.List;

/** Every class of character no store accepts, as the JSON escapes a client sends them with. */
public final class RefusedCharacters {
  /** NUL, other C0 controls (SOH, BEL, ESC, US), backspace and form feed, and both lone surrogates. */
  public static final List<String> JSON_ESCAPES =
      List.of("\\u0000", "\\u0001", "\\u0007", "\\u001b", "\\u001f", "\\b", "\\f", "\\ud800", "\\udfff");

  private RefusedCharacters() {}

  /** A JSON string holding {@code escape} between two letters. */
  public static String jsonString(String escape) {
    return "\"x" + escape + "y\"";
  }
}
