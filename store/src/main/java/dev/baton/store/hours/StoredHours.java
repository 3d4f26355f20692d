package dev.baton.store.hours;

import java.time.Instant;

/**
 * A queue's business hours as stored, with where they came from.
 *
 * @param source {@code operator} (set through the api) or {@code default} (shipped with the worker)
 * @param inherited true when the queue has no hours of its own and these are the default
 */
public record StoredHours(String queue, Hours hours, String source, boolean inherited, Instant updatedAt) {}
