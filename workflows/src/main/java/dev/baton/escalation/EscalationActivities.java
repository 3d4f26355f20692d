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
   * {@code conversationId}.
   */
  int priorContacts(String customerId, String conversationId, Instant since);
}
