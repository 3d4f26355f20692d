package dev.baton.conversation;

/** The customer pressed "talk to a person"; {@code note} is optional, for the agent. */
public record HandoffRequest(String note) {}
