package dev.baton.escalation;

import java.time.Instant;

/**
 * The decision to bring in a person: why, where to, how urgently, and when.
 *
 * @param language the customer's language when the queue does not serve it, else {@code null}
 */
public record Escalation(
    EscalationReason reason, String detail, String queue, int priority, String language, Instant at) {}
