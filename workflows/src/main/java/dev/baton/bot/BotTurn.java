package dev.baton.bot;

import java.util.List;

/**
 * The bot's reading of one customer message and its answer.
 *
 * @param confidence how sure the bot is of {@code intent}, 0..1
 * @param sentiment how the customer feels, -1 (angry) .. 1 (happy)
 * @param reply what the bot says; {@code null} when it recognised the request but has no answer
 * @param resolvesConversation the customer said their problem is solved
 * @param answered the reply answers the request, rather than asking for something it needs (an
 *     order number, say) or saying it did not understand
 * @param language the language the message is written in (ISO 639-1, "de"), when the bot could
 *     tell; {@code null} otherwise, and in turns recorded before bots reported it
 * @param botFailure why the configured bot (a webhook, a language model) could not answer this
 *     message, when it could not: the turn is then the built-in bot's answer, or, with no reply,
 *     no answer at all; {@code null} when the configured bot answered, and in turns recorded
 *     before bots were pluggable
 * @param modelVersion which trained model read the message (the built-in classifier's version,
 *     which changes whenever its training set does); {@code null} for bots without one, and in
 *     turns recorded before bots reported it
 * @param tornWith the other intent of a destructive pair (closing an account, opening one) that
 *     the bot could not tell from {@code intent}: instead of guessing, its reply asks which one the
 *     customer means; {@code null} when it did not ask, and in turns recorded before it could
 */
public record BotTurn(
    String intent,
    double confidence,
    double sentiment,
    List<Fact> facts,
    String reply,
    boolean resolvesConversation,
    boolean answered,
    String language,
    String botFailure,
    String modelVersion,
    String tornWith) {

  public BotTurn {
    if (confidence < 0 || confidence > 1) {
      throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
    }
    if (sentiment < -1 || sentiment > 1) {
      throw new IllegalArgumentException("sentiment must be within -1..1, was " + sentiment);
    }
    facts = facts == null ? List.of() : List.copyOf(facts);
  }

  /** A turn in which the bot did not ask between two intents. */
  public BotTurn(String intent, double confidence, double sentiment, List<Fact> facts, String reply,
      boolean resolvesConversation, boolean answered, String language, String botFailure, String modelVersion) {
    this(intent, confidence, sentiment, facts, reply, resolvesConversation, answered, language, botFailure, modelVersion, null);
  }

  /**
   * A turn that asks which of two intents the customer means: {@code intent}, the likelier, or
   * {@code other}; it answers nothing yet.
   */
  public static BotTurn torn(String intent, String other, double confidence, double sentiment, List<Fact> facts,
      String question, String language) {
    return new BotTurn(intent, confidence, sentiment, facts, question, false, false, language, null, null, other);
  }

  /** A turn the configured bot gave, without a model version. */
  public BotTurn(String intent, double confidence, double sentiment, List<Fact> facts, String reply,
      boolean resolvesConversation, boolean answered, String language) {
    this(intent, confidence, sentiment, facts, reply, resolvesConversation, answered, language, null, null);
  }

  /** This turn, as read by the model {@code version}. */
  public BotTurn withModelVersion(String version) {
    return new BotTurn(intent, confidence, sentiment, facts, reply, resolvesConversation, answered, language, botFailure, version, tornWith);
  }

  /** A turn without a detected language. */
  public BotTurn(String intent, double confidence, double sentiment, List<Fact> facts, String reply,
      boolean resolvesConversation, boolean answered) {
    this(intent, confidence, sentiment, facts, reply, resolvesConversation, answered, null, null, null);
  }

  /** A turn whose reply, when there is one, answers the request. */
  public BotTurn(String intent, double confidence, double sentiment, List<Fact> facts, String reply,
      boolean resolvesConversation) {
    this(intent, confidence, sentiment, facts, reply, resolvesConversation, reply != null, null, null, null);
  }

  /** The intent of a turn in which no bot answered. */
  public static final String UNAVAILABLE = "bot_unavailable";

  /** No answer: the configured bot failed for {@code why} and nothing stood in for it. */
  public static BotTurn unavailable(String why) {
    return new BotTurn(UNAVAILABLE, 0, 0, List.of(), null, false, false, null, why, null);
  }

  /** This turn, given in place of the configured bot, which failed for {@code why}. */
  public BotTurn standingInFor(String why) {
    return new BotTurn(intent, confidence, sentiment, facts, reply, resolvesConversation, answered, language, why, modelVersion, tornWith);
  }
}
