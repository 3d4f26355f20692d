package dev.baton.conversation;

import java.util.EnumSet;
import java.util.Set;

/**
 * Who holds a conversation, and which moves between holders are allowed.
 *
 * <p>Every status change goes through {@link #canMoveTo}, so an impossible move (say, a closed
 * conversation coming back to the bot) fails loudly in the workflow instead of silently
 * corrupting the read model.
 */
public enum ConversationStatus {
  /** The bot answers the customer. */
  BOT_ACTIVE,
  /** Escalated; waiting for an agent to take over. */
  AWAITING_AGENT,
  /** One agent holds the conversation; the bot is silent. */
  AGENT_ACTIVE,
  /** Nobody was available; a callback ticket carries the promise. */
  CALLBACK_SCHEDULED,
  /** The customer's problem was solved. */
  RESOLVED,
  /** The customer stopped answering while the bot held the conversation. */
  ABANDONED,
  /** The customer or front end closed the conversation. */
  CLOSED;

  static {
    BOT_ACTIVE.next = EnumSet.of(AWAITING_AGENT, CALLBACK_SCHEDULED, RESOLVED, ABANDONED, CLOSED);
    AWAITING_AGENT.next = EnumSet.of(AGENT_ACTIVE, CALLBACK_SCHEDULED, ABANDONED, CLOSED);
    AGENT_ACTIVE.next = EnumSet.of(AWAITING_AGENT, BOT_ACTIVE, RESOLVED, CLOSED);
    CALLBACK_SCHEDULED.next = EnumSet.of(AWAITING_AGENT, AGENT_ACTIVE, RESOLVED, CLOSED);
    RESOLVED.next = EnumSet.noneOf(ConversationStatus.class);
    ABANDONED.next = EnumSet.noneOf(ConversationStatus.class);
    CLOSED.next = EnumSet.noneOf(ConversationStatus.class);
  }

  private Set<ConversationStatus> next;

  public boolean canMoveTo(ConversationStatus target) {
    return next.contains(target);
  }

  /** Open conversations accept messages; terminal ones never change again. */
  public boolean isOpen() {
    return !next.isEmpty();
  }
}
