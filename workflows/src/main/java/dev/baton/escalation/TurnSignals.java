package dev.baton.escalation;

import dev.baton.bot.BotTurn;

/**
 * What the policy looks at after one customer message.
 *
 * @param text what the customer wrote
 * @param turn the bot's reading and reply; {@code null} when the bot failed
 * @param customerTier the customer's tier, for the VIP thresholds
 * @param clarificationsAsked clarifying questions already asked since the last real answer
 * @param turnsWithoutProgress earlier turns since the last real answer
 * @param botFailuresInRow bot failures in a row, this one included
 */
public record TurnSignals(
    String text,
    BotTurn turn,
    String customerTier,
    int clarificationsAsked,
    int turnsWithoutProgress,
    int botFailuresInRow) {}
