package dev.baton.store.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on one of the {@link Channels} over a pooled connection it keeps, and hands each
 * payload to a callback on its own thread. When the connection fails it takes another, with a
 * growing delay, and then calls {@code reconnected}: notifications sent while it was away are gone,
 * so whatever depends on them must be read again. (The api has its own listener for its many
 * channels; this one is the worker's.)
 */
public final class ChannelListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChannelListener.class);
  private static final Duration POLL = Duration.ofMillis(500);
  /** How long the connection may sit idle before the listener checks it is still alive. */
  private static final Duration PING_EVERY = Duration.ofSeconds(30);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  private static final Duration LAST_RETRY = Duration.ofSeconds(30);

  private final DataSource dataSource;
  private final String channel;
  private final Consumer<String> notified;
  private final Runnable reconnected;
  private volatile boolean running;
  private volatile boolean listening;
  private Thread thread;

  /**
   * @param notified called with each payload, on the listener's thread: it must hand the work on
   * @param reconnected called after the listener got its connection back
   */
  public ChannelListener(DataSource dataSource, String channel, Consumer<String> notified, Runnable reconnected) {
    this.dataSource = dataSource;
    this.channel = channel;
    this.notified = notified;
    this.reconnected = reconnected;
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::listen, "listen-" + channel);
    thread.setDaemon(true);
    thread.start();
  }

  /** True while the connection LISTENs; for tests and health. */
  public boolean isListening() {
    return listening;
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread == null) {
      return;
    }
    try {
      thread.join(POLL.plusSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread = null;
  }

  private void listen() {
    Duration delay = FIRST_RETRY;
    boolean lost = false;
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          // A constant of Channels, not input: LISTEN takes no bind parameters.
          statement.execute("LISTEN " + channel);
        }
        listening = true;
        if (lost) {
          log.info("Listening on PostgreSQL for {} again", channel);
          reconnected.run();
        }
        lost = false;
        delay = FIRST_RETRY;
        receive(connection);
        try (Statement statement = connection.createStatement()) {
          // The connection goes back to the pool: it must not keep listening there.
          statement.execute("UNLISTEN *");
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        if (!lost) {
          log.warn("The PostgreSQL listener for {} lost its connection, reconnecting: {}", channel, e.toString());
        }
        lost = true;
      } finally {
        listening = false;
      }
      if (running && !sleep(delay)) {
        break;
      }
      delay = delay.multipliedBy(2).compareTo(LAST_RETRY) < 0 ? delay.multipliedBy(2) : LAST_RETRY;
    }
  }

  private void receive(Connection connection) throws SQLException {
    PGConnection postgres = connection.unwrap(PGConnection.class);
    long quietSince = System.nanoTime();
    while (running) {
      PGNotification[] notifications = postgres.getNotifications((int) POLL.toMillis());
      if (notifications == null || notifications.length == 0) {
        if (System.nanoTime() - quietSince > PING_EVERY.toNanos()) {
          // A half-open TCP connection would otherwise wait here in silence forever.
          if (!connection.isValid(5)) {
            throw new SQLException("the listener connection is no longer valid");
          }
          quietSince = System.nanoTime();
        }
        continue;
      }
      quietSince = System.nanoTime();
      for (PGNotification notification : notifications) {
        String payload = notification.getParameter() == null ? "" : notification.getParameter();
        try {
          notified.accept(payload);
        } catch (RuntimeException e) {
          log.warn("Handling {} {} failed", channel, payload, e);
        }
      }
    }
  }

  private static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
