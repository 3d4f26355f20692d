package dev.baton.store.notify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LISTENs on some of the {@link Channels} over one connection it keeps, and hands each
 * notification to a {@link Handler} on its own thread. When the connection fails it takes another,
 * with a growing delay, and tells the handler it listens again: notifications sent while it was
 * away are gone, so whatever depends on them must be read again. The worker's bot training and
 * the api's live delivery each run one.
 */
public final class ChannelListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChannelListener.class);
  /** How long the connection may sit idle before the listener checks it is still alive. */
  private static final Duration PING_EVERY = Duration.ofSeconds(30);

  /** What the listener calls, on its thread: each call must hand the work on, never do it there. */
  public interface Handler {
    /** A notification on one of the channels; the payload is empty when none was sent. */
    void notified(String channel, String payload);

    /**
     * The listener has just started to LISTEN; {@code again} when it had lost its connection, so
     * notifications sent meanwhile are gone.
     */
    void listening(boolean again);
  }

  /** Where the connection comes from: a pool (it is handed back clean), or one of its own. */
  @FunctionalInterface
  public interface Connector {
    Connection connect() throws SQLException;
  }

  /**
   * @param poll the longest wait for a notification before the listener checks it is still meant
   *     to run (bounds how long stopping takes)
   * @param firstRetry the first wait before it reconnects; it doubles on each failure
   * @param lastRetry the longest wait between two attempts
   */
  public record Timing(Duration poll, Duration firstRetry, Duration lastRetry) {
    public static final Timing DEFAULT = new Timing(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(30));
  }

  private final String name;
  private final Connector connector;
  private final Set<String> channels;
  private final Timing timing;
  private final Handler handler;
  private volatile boolean running;
  private volatile boolean listening;
  private Thread thread;

  /**
   * @param name the thread's name, and the listener's in the log
   * @param channels constants of {@link Channels}, never input: LISTEN takes no bind parameters
   */
  public ChannelListener(String name, Connector connector, Set<String> channels, Timing timing, Handler handler) {
    this.name = name;
    this.connector = connector;
    this.channels = new TreeSet<>(channels);
    this.timing = timing;
    this.handler = handler;
  }

  /**
   * One channel over a connection of {@code dataSource}'s pool: {@code notified} gets each payload,
   * {@code reconnected} is called when the listener listens again after it lost its connection.
   */
  public ChannelListener(DataSource dataSource, String channel, Consumer<String> notified, Runnable reconnected) {
    this(
        "listen-" + channel,
        dataSource::getConnection,
        Set.of(channel),
        Timing.DEFAULT,
        new Handler() {
          @Override
          public void notified(String ignored, String payload) {
            notified.accept(payload);
          }

          @Override
          public void listening(boolean again) {
            if (again) {
              reconnected.run();
            }
          }
        });
  }

  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::listen, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** True between {@link #start} and {@link #close}. */
  public boolean isRunning() {
    return running;
  }

  /** True while the connection LISTENs; for health checks and tests. */
  public boolean isListening() {
    return listening;
  }

  /** Stops listening, also while it waits to reconnect; returns once the thread has ended. */
  @Override
  public synchronized void close() {
    running = false;
    Thread listener = thread;
    thread = null;
    if (listener == null) {
      return;
    }
    listener.interrupt();
    try {
      listener.join(timing.poll().plusSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void listen() {
    Duration delay = timing.firstRetry();
    boolean lost = false;
    while (running) {
      try (Connection connection = connector.connect()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          for (String channel : channels) {
            statement.execute("LISTEN " + channel);
          }
        }
        listening = true;
        log.info("{}: listening on PostgreSQL for {}{}", name, channels, lost ? " again" : "");
        handler.listening(lost);
        lost = false;
        delay = timing.firstRetry();
        receive(connection);
        try (Statement statement = connection.createStatement()) {
          // A pooled connection goes back to the pool: it must not keep listening there.
          statement.execute("UNLISTEN *");
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        if (!lost) {
          log.warn("{}: the PostgreSQL listener lost its connection, reconnecting: {}", name, e.toString());
        }
        lost = true;
      } finally {
        listening = false;
      }
      if (!running || !sleep(delay)) {
        break;
      }
      Duration doubled = delay.multipliedBy(2);
      delay = doubled.compareTo(timing.lastRetry()) < 0 ? doubled : timing.lastRetry();
    }
  }

  private void receive(Connection connection) throws SQLException {
    PGConnection postgres = connection.unwrap(PGConnection.class);
    int poll = (int) Math.max(1, timing.poll().toMillis());
    long quietSince = System.nanoTime();
    while (running) {
      PGNotification[] notifications = postgres.getNotifications(poll);
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
          handler.notified(notification.getName(), payload);
        } catch (RuntimeException e) {
          log.warn("{}: handling {} {} failed", name, notification.getName(), payload, e);
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
