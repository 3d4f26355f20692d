package dev.baton.api.security;

import dev.baton.conversation.ConversationView;
import dev.baton.store.conversation.ConversationStore;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which staff may see and act on a conversation: supervisors all; an agent the ones they hold and
 * those of the queues they are assigned to, as the read model says now.
 */
@Component
public class ConversationGate {
  private final ConversationStore store;

  ConversationGate(ConversationStore store) {
    this.store = store;
  }

  /** Reading: a conversation without a queue yet (the bot has it) is for supervisors only. */
  boolean staffMayRead(Caller caller, String conversationId) {
    if (!caller.staff()) {
      return false;
    }
    if (caller.supervisor()) {
      return true;
    }
    Optional<ConversationView> view = store.find(conversationId);
    // An unknown id gets its 404 from the route itself: there is nothing behind it to protect.
    return view.isEmpty() || held(caller, view.get()) || (view.get().queue() != null && caller.serves(view.get().queue()));
  }

  /**
   * Acting (take over, write, transfer, release, resolve): as reading, except that a conversation
   * without a queue is left to the conversation itself, which refuses it as not waiting (409).
   */
  boolean staffMayAct(Caller caller, String conversationId) {
    if (caller.supervisor()) {
      return true;
    }
    Optional<ConversationView> view = store.find(conversationId);
    return view.isEmpty() || held(caller, view.get()) || view.get().queue() == null || caller.serves(view.get().queue());
  }

  private static boolean held(Caller caller, ConversationView view) {
    return caller.name().equals(view.assignedAgent());
  }
}
