package dev.baton.bot;

import java.util.List;

/**
 * The bot's reading of one customer message and its answer.
 *
 * @param confidence how sure the bot is of {@code intent}, 0..1
 * @param sentiment how the customer feels, -1 (angry) .. 1 (happy)
 * @param resolvesConversation the customer said their problem is solved
 */
public record BotTurn(
    String intent,
    double confidence,
    double sentiment,
    List<Fact> facts,
    String reply,
    boolean resolvesConversation) {

  public BotTurn {
    if (confidence < 0 || confidence > 1) {
      throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
    }
    if (sentiment < -1 || sentiment > 1) {
      throw new IllegalArgumentException("sentiment must be within -1..1, was " + sentiment);
    }
    facts = facts == null ? List.of() : List.copyOf(facts);
  }
}
