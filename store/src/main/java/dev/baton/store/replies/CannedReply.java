package dev.baton.store.replies;

/**
 * A reply agents insert with one click; {@code text} may hold the variables {@code {name}},
 * {@code {order}} and {@code {agent}}, filled where it is inserted.
 */
public record CannedReply(String title, String text) {}
