package dev.baton.api.health;

import dev.baton.api.live.PostgresNotifications;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The api's PostgreSQL LISTEN connection holds (health {@code notifications}, part of readiness):
 * without it live messages and queue changes stop reaching consoles and widgets, while plain
 * calls still work, so the instance should get no new traffic until it reconnects.
 */
@Component("notifications")
class NotificationsHealth implements HealthIndicator {
  private final PostgresNotifications notifications;

  NotificationsHealth(PostgresNotifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public Health health() {
    return notifications.isConnected()
        ? Health.up().build()
        : Health.down().withDetail("listener", "not connected; reconnecting").build();
  }
}
