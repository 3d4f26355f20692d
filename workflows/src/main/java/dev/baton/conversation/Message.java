package dev.baton.conversation;

import java.time.Instant;

/**
 * One line of the transcript. {@code seq} is assigned by the workflow, so it is gap-free and
 * the same on every retry of the write that stores it.
 */
public record Message(long seq, Author author, String agentId, String text, Instant at) {}
