package dev.baton.bot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a bot outside Baton and, when it fails, answers without it: with the built-in bot's
 * answer, flagged as standing in ({@link BotTurn#botFailure()}), or, when the team chose people
 * over the built-in bot, with no answer ({@link BotTurn#unavailable}), which the workflow treats
 * as a bot failure (an apology offering a person; a person after {@code
 * botFailuresBeforeEscalation}). Either way the turn ends within the bot's timeout and the
 * workflow notes the failure as {@code WORKFLOW_EXCEPTION}.
 */
public final class FallbackBot implements Bot {
  private static final Logger log = LoggerFactory.getLogger(FallbackBot.class);

  private final String name;
  private final Bot primary;
  private final Bot standIn;

  /**
   * @param name how the note names the bot ("the webhook bot")
   * @param standIn the built-in bot; {@code null} to answer nothing when {@code primary} fails
   */
  public FallbackBot(String name, Bot primary, Bot standIn) {
    this.name = name;
    this.primary = primary;
    this.standIn = standIn;
  }

  @Override
  public BotTurn respond(BotRequest request) {
    String why;
    try {
      return primary.respond(request);
    } catch (BotUnavailableException e) {
      why = name + " failed: " + e.getMessage();
    } catch (RuntimeException e) {
      // A bug in an adapter must not leave the customer without an answer either.
      why = name + " failed: " + e.getClass().getSimpleName();
      log.error("{} threw on turn {} of {}", name, request.turn(), request.conversationId(), e);
    }
    log.warn("{} on turn {} of {}", why, request.turn(), request.conversationId());
    if (standIn == null) {
      return BotTurn.unavailable(why + "; no bot answered.");
    }
    return standIn.respond(request).standingInFor(why + "; the built-in bot answered.");
  }
}
