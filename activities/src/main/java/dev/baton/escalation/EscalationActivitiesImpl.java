package dev.baton.escalation;

import dev.baton.reads.QuickReads;
import dev.baton.store.conversation.ConversationStore;
import java.time.Instant;
import org.springframework.stereotype.Component;

/** Hands the workflow its rules and looks up a customer's recent conversations in PostgreSQL. */
@Component
public class EscalationActivitiesImpl implements EscalationActivities {
  private final EscalationRules rules;
  private final ConversationStore conversations;

  public EscalationActivitiesImpl(EscalationRules rules, ConversationStore conversations) {
    this.rules = rules;
    this.conversations = conversations;
  }

  @Override
  public EscalationRules rules() {
    return rules;
  }

  /** The customer's other recent conversations; none while PostgreSQL does not answer ({@link QuickReads}). */
  @Override
  public int priorContacts(String customerId, String conversationId, Instant since, boolean verified) {
    return QuickReads.SHARED.read(
        "Recent conversations of a customer", () -> conversations.priorContacts(customerId, verified, conversationId, since), () -> 0);
  }
}
