package dev.baton.conversation;

import dev.baton.escalation.EscalationActivities;
import dev.baton.escalation.EscalationRules;
import dev.baton.escalation.TestRules;
import java.time.Instant;

/** The default rules, and a prior-contact count the test sets. */
class FakeEscalations implements EscalationActivities {
  volatile EscalationRules rules = TestRules.defaults();
  volatile int priorContacts;
  volatile Instant askedSince;
  volatile Boolean askedVerified;

  @Override
  public EscalationRules rules() {
    return rules;
  }

  @Override
  public int priorContacts(String customerId, String conversationId, Instant since, boolean verified) {
    askedSince = since;
    askedVerified = verified;
    return priorContacts;
  }
}
