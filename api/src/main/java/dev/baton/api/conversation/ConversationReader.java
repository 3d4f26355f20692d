package dev.baton.api.conversation;

import dev.baton.api.conversation.ConversationResponses.Conversation;
import dev.baton.api.conversation.ConversationResponses.Place;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.api.security.Caller;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * One conversation as the API shows it, for every endpoint that answers with one: its live state
 * from the workflow (or as last recorded), its whole transcript, and while it waits for a person
 * its place in the queue.
 */
@Component
class ConversationReader {
  private final ConversationService conversations;
  private final ConversationStore store;
  private final AgentStore agents;
  private final TemporalUiLinks links;

  ConversationReader(
      ConversationService conversations, ConversationStore store, AgentStore agents, TemporalUiLinks links) {
    this.conversations = conversations;
    this.store = store;
    this.agents = agents;
    this.links = links;
  }

  Conversation read(String conversationId) {
    ConversationView view = conversations.state(conversationId);
    var messages = store.messages(conversationId, 0, Integer.MAX_VALUE);
    return new Conversation(
        view.conversationId(),
        view.status(),
        view.customer(),
        view.channel(),
        view.intent(),
        view.intent() == null ? null : view.confidence(),
        view.intent() == null ? null : view.sentiment(),
        view.queue(),
        view.assignedAgent(),
        view.escalation(),
        view.summary(),
        view.callback(),
        place(view),
        view.lastSeq(),
        messages,
        staffReading() ? links.conversation(conversationId) : null);
  }

  /** Only staff get the Temporal UI link: a customer's front end has no use for it. */
  private static boolean staffReading() {
    return Caller.of(SecurityContextHolder.getContext().getAuthentication()).map(Caller::staff).orElse(false);
  }

  /** Where the conversation stands in its queue; {@code null} unless it waits for a person. */
  Place place(ConversationView view) {
    if (view.status() != ConversationStatus.AWAITING_AGENT || view.escalation() == null) {
      return null;
    }
    return Place.of(agents.availability(view.escalation().queue(), view.escalation().priority(), view.conversationId()));
  }
}
