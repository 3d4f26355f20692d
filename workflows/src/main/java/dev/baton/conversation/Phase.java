package dev.baton.conversation;

import dev.baton.conversation.Turns.Turn;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * One stretch of a conversation's life (the bot, waiting for a person, with an agent, waiting for
 * a callback) with its own handlers and its own deadline. The run loop only asks the current
 * phase what it waits for next and hands the deadline back when it comes.
 */
interface Phase {

  /** The next deadline, or {@code null} when the phase waits for people only. */
  Deadline deadline();

  /**
   * A moment the phase waits for, and what it does then.
   *
   * @param owner the status the deadline belongs to; it is void once the conversation moved on
   * @param kind which of the phase's deadlines it is ("idle", "pickup-sla")
   * @param summary how the timer reads in the Temporal UI ("customer idle 15m: abandon")
   * @param onDue what the phase does then, as a handler: under the turn lock, while the
   *     conversation is still in {@code owner}
   */
  record Deadline(ConversationStatus owner, String kind, Instant at, String summary, Consumer<Turn> onDue) {

    /** Whether {@code other} is this same deadline, come due. */
    boolean sameAs(Deadline other) {
      return other != null && owner == other.owner && kind.equals(other.kind);
    }
  }
}
