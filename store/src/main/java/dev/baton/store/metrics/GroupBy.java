package dev.baton.store.metrics;

import java.util.Locale;
import java.util.Optional;

/** What the numbers can be broken down by: the conversation's intent, queue, escalation reason or channel. */
public enum GroupBy {
  INTENT,
  QUEUE,
  REASON,
  CHANNEL;

  /** The value a client writes ({@code intent}, {@code queue}, {@code reason}, {@code channel}), or empty. */
  public static Optional<GroupBy> parse(String value) {
    for (GroupBy g : values()) {
      if (g.name().toLowerCase(Locale.ROOT).equals(value)) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
