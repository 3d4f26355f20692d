package dev.baton.hours;

import java.time.Duration;

/**
 * How long a conversation waits for a person, and what happens when it waits too long.
 *
 * @param pickupSla after this, the priority is raised (and the conversation moved to {@code
 *     overflowQueue} when set) and the customer told an updated expectation
 * @param maxWait after this, the conversation becomes a callback ticket
 * @param overflowQueue a queue to move to when the pickup SLA is missed; {@code null} to stay
 * @param slaPriorityBoost priority added when the pickup SLA is missed
 */
public record Waiting(Duration pickupSla, Duration maxWait, String overflowQueue, int slaPriorityBoost) {}
