package dev.baton.escalation;

/** What the escalation policy decided about one bot turn. */
public sealed interface Verdict {

  /** The bot's reply stands. {@code progress}: it answered, rather than asked for something. */
  record Reply(boolean progress) implements Verdict {}

  /** The bot is unsure: instead of its reply, it asks this question. */
  record Clarify(String question) implements Verdict {}

  /** The bot could not answer this time; it says so and the conversation goes on. */
  record BotTrouble() implements Verdict {}

  /** A person takes over. */
  record Escalate(EscalationReason reason, String detail) implements Verdict {}
}
