package dev.baton.escalation;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;

/** What the escalation engine needs from outside the workflow. */
@ActivityInterface
public interface EscalationActivities {

  /** The escalation matrix and routing table the worker was started with. */
  EscalationRules rules();

  /**
   * How many other conversations this customer started since {@code since}, not counting
   * {@code conversationId}: those of the same id and the same kind, verified by the embedding
   * site or anonymous ({@link dev.baton.conversation.Customer#verified()}), so that an anonymous
   * caller naming a verified customer's id counts none of theirs. {@code verified} comes last so
   * that a task scheduled before it existed still runs (as anonymous).
   */
  int priorContacts(String customerId, String conversationId, Instant since, boolean verified);
}
