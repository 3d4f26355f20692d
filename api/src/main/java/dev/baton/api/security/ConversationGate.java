package dev.baton.api.security;

import dev.baton.conversation.ConversationView;
import dev.baton.store.conversation.ConversationStore;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which staff may see and act on a conversation: supervisors all; an agent the ones they hold and
 * those of the queues they are assigned to, as the read model says now.
 *
 * <p>It fails closed. A conversation PostgreSQL has no row of (a write still on its way, or no
 * such conversation) has no queue or holder to judge an agent by, so an agent is told it is not
 * there (404), whether Temporal runs it or not: the agent could not have found it in any list
 * either. While the database does not answer, an agent's call is answered 503 with Retry-After
 * (the store's failure, {@code StoreUnavailable}). A supervisor, who may read every conversation
 * anyway, gets the route's own answer, so that during a database outage they can still act on a
 * live conversation through Temporal.
 */
@Component
public class ConversationGate {
  /** What the gate says. */
  public enum Verdict {
    ALLOWED,
    FORBIDDEN,
    /** No row to judge by: not found, to anyone but a supervisor. */
    UNKNOWN
  }

  private final ConversationStore store;

  ConversationGate(ConversationStore store) {
    this.store = store;
  }

  /**
   * Reading, and what no conversation checks behind the gate (its earlier conversations, the
   * bot's readings and the notes on them): a conversation without a queue yet (the bot has it)
   * is for supervisors only.
   */
  Verdict staffMayRead(Caller caller, String conversationId) {
    return judge(caller, conversationId, false);
  }

  /**
   * Acting through the conversation (take over, write, transfer, release, resolve): as reading,
   * except that a conversation without a queue is left to the conversation itself, which refuses
   * it as not waiting (409).
   */
  Verdict staffMayAct(Caller caller, String conversationId) {
    return judge(caller, conversationId, true);
  }

  private Verdict judge(Caller caller, String conversationId, boolean acting) {
    if (caller == null || !caller.staff()) {
      return Verdict.FORBIDDEN;
    }
    if (caller.supervisor()) {
      return Verdict.ALLOWED;
    }
    Optional<ConversationView> recorded = store.find(conversationId);
    if (recorded.isEmpty()) {
      return Verdict.UNKNOWN;
    }
    ConversationView view = recorded.get();
    boolean held = caller.name().equals(view.assignedAgent());
    boolean served = view.queue() == null ? acting : caller.serves(view.queue());
    return held || served ? Verdict.ALLOWED : Verdict.FORBIDDEN;
  }
}
