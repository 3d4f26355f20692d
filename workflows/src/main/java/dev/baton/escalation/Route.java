package dev.baton.escalation;

/**
 * Where an escalated conversation goes.
 *
 * @param queue the queue agents pick it up from
 * @param priority higher is picked up first
 * @param language the customer's language when the queue does not serve it (the agent should
 *     know before opening the conversation); {@code null} when it does
 */
public record Route(String queue, int priority, String language) {}
