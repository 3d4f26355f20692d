package dev.baton.api.live;

import dev.baton.store.notify.Notifier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.web.context.support.ServletRequestHandledEvent;

/**
 * An agent going online, away or offline changes the queue overview (agents online and free)
 * without any transcript write. So a successful presence call notifies the queues channel itself,
 * through PostgreSQL, and the consoles on every api instance hear it.
 */
@Component
class PresenceNotifications {
  private static final Logger log = LoggerFactory.getLogger(PresenceNotifications.class);
  private static final Pattern PRESENCE = Pattern.compile("/api/v1/agents/[^/]+/presence");

  private final Notifier notifier;

  PresenceNotifications(Notifier notifier) {
    this.notifier = notifier;
  }

  /** Spring MVC publishes this after every request it handled, with the status it answered. */
  @EventListener
  void handled(ServletRequestHandledEvent request) {
    if (!"PUT".equals(request.getMethod())
        || request.getStatusCode() != 200
        || request.wasFailure()
        || !PRESENCE.matcher(request.getRequestUrl()).matches()) {
      return;
    }
    try {
      notifier.queuesChanged(null);
    } catch (DataAccessException e) {
      // The presence is stored; consoles see it with the next queue change.
      log.warn("Could not notify queue streams of a presence change: {}", e.toString());
    }
  }
}
