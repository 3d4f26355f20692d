package dev.baton.api.live;

import java.util.Set;

/**
 * Something that reacts to PostgreSQL notifications: a bean of this type is called by the one
 * {@link PostgresNotifications} listener of the api instance.
 */
public interface NotificationHandler {
  /** The channels this handler wants; the listener LISTENs to all handlers' channels. */
  Set<String> channels();

  /** Called on the listener's thread, so it must only hand the work on, never do it there. */
  void notified(String channel, String payload);

  /**
   * The listener has just (re)connected: notifications sent while it was away are lost, so
   * whatever the handler shows must be read again.
   */
  void resynchronize();
}
