package dev.baton.agents;

import java.time.Duration;

/**
 * Whether a person can take a conversation now, and how long it will wait.
 *
 * @param agentsFree agents online for the queue with room for one more conversation
 * @param position the conversation's place in the queue, 1 for next
 * @param estimatedWait from recent pickups in the queue
 */
public record Availability(int agentsFree, int position, Duration estimatedWait) {}
