package dev.baton.helpdesk;

import java.time.Duration;

/**
 * The helpdesk did not do it this time (5xx, 429, a timeout); a later attempt may.
 *
 * @see #retryAfter()
 */
public class HelpdeskUnavailableException extends RuntimeException {
  private final Duration retryAfter;

  public HelpdeskUnavailableException(String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.retryAfter = retryAfter;
  }

  /** How long the helpdesk asked us to wait (Retry-After), or {@code null}. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
