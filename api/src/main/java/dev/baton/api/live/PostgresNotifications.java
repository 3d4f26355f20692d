package dev.baton.api.live;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one PostgreSQL listener of this api instance: a dedicated connection, outside the pool,
 * that LISTENs on every channel a {@link NotificationHandler} wants and hands each notification
 * to it. When the connection fails it reconnects with a growing delay and asks every handler to
 * read again, since notifications sent while it was away are gone.
 */
@Component
public class PostgresNotifications implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);
  /** How long the connection may sit idle before the listener checks it is still alive. */
  private static final Duration PING_EVERY = Duration.ofSeconds(30);

  private final DataSourceProperties database;
  private final List<NotificationHandler> handlers;
  private final LiveProperties properties;
  private final Set<String> channels = new TreeSet<>();

  private volatile boolean running;
  private volatile boolean connected;
  private Thread thread;

  PostgresNotifications(
      DataSourceProperties database, List<NotificationHandler> handlers, LiveProperties properties) {
    this.database = database;
    this.handlers = handlers;
    this.properties = properties;
    handlers.forEach(h -> channels.addAll(h.channels()));
  }

  /** True while the listener holds a connection that LISTENs; for health checks and tests. */
  public boolean isConnected() {
    return connected;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::listen, "baton-live-listener");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    Thread listening = thread;
    thread = null;
    if (listening == null) {
      return;
    }
    listening.interrupt();
    try {
      listening.join(properties.listenerPoll().plusSeconds(2).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void listen() {
    Duration delay = properties.reconnectDelay();
    boolean failing = false;
    while (running) {
      try (Connection connection = connect()) {
        PGConnection postgres = connection.unwrap(PGConnection.class);
        try (Statement statement = connection.createStatement()) {
          for (String channel : channels) {
            // Channel names are our constants, not input; LISTEN takes no bind parameters.
            statement.execute("LISTEN " + channel);
          }
        }
        connected = true;
        if (failing) {
          log.info("Listening on PostgreSQL again ({})", channels);
        } else {
          log.info("Listening on PostgreSQL for {}", channels);
        }
        failing = false;
        delay = properties.reconnectDelay();
        handlers.forEach(NotificationHandler::resynchronize);
        receive(connection, postgres);
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          break;
        }
        if (!failing) {
          log.warn("PostgreSQL listener lost its connection, reconnecting: {}", e.toString());
        }
        failing = true;
      } finally {
        connected = false;
      }
      if (!running || !sleep(delay)) {
        break;
      }
      delay = min(delay.multipliedBy(2), properties.maxReconnectDelay());
    }
  }

  private void receive(Connection connection, PGConnection postgres) throws SQLException {
    int poll = (int) Math.max(1, properties.listenerPoll().toMillis());
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
        dispatch(notification.getName(), notification.getParameter());
      }
    }
  }

  private void dispatch(String channel, String payload) {
    for (NotificationHandler handler : handlers) {
      if (handler.channels().contains(channel)) {
        try {
          handler.notified(channel, payload == null ? "" : payload);
        } catch (RuntimeException e) {
          log.warn("Handler {} failed on {} {}", handler.getClass().getSimpleName(), channel, payload, e);
        }
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties info = new Properties();
    String user = database.determineUsername();
    String password = database.determinePassword();
    if (user != null) {
      info.setProperty("user", user);
    }
    if (password != null) {
      info.setProperty("password", password);
    }
    info.setProperty("ApplicationName", "baton-api-live");
    info.setProperty("tcpKeepAlive", "true");
    info.setProperty("connectTimeout", "10");
    // The driver directly: DriverManager may not see drivers inside a Spring Boot fat jar.
    Connection connection = new org.postgresql.Driver().connect(database.determineUrl(), info);
    if (connection == null) {
      throw new SQLException("not a PostgreSQL URL: " + database.determineUrl());
    }
    connection.setAutoCommit(true);
    return connection;
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

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
