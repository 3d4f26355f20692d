package dev.baton.store.accounts;

import java.time.Instant;

/**
 * A live bearer token as stored (its hash is the key): whose it is, what kind, and when it was
 * issued, which says how recent the sign-in behind it is.
 *
 * @param kind CONSOLE (a password sign-in), PERSONAL or CODEC
 * @param expiresAt null for a token that does not expire
 */
public record StoredToken(String username, String kind, Instant issuedAt, Instant expiresAt) {}
