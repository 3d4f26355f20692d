package dev.baton.api.live;

import dev.baton.store.notify.ChannelListener;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one PostgreSQL listener of this api instance: the store's {@link ChannelListener} on a
 * dedicated connection, outside the pool, that LISTENs on every channel a {@link
 * NotificationHandler} wants and hands each notification to it. After every connect, the first
 * included, every handler reads again, since notifications sent while it was away are gone.
 */
@Component
public class PostgresNotifications implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(PostgresNotifications.class);

  private final DataSourceProperties database;
  private final List<NotificationHandler> handlers;
  private final ChannelListener listener;

  PostgresNotifications(
      DataSourceProperties database, List<NotificationHandler> handlers, LiveProperties properties) {
    this.database = database;
    this.handlers = handlers;
    Set<String> channels = new TreeSet<>();
    handlers.forEach(h -> channels.addAll(h.channels()));
    this.listener =
        new ChannelListener(
            "baton-live-listener",
            this::connect,
            channels,
            new ChannelListener.Timing(
                properties.listenerPoll(), properties.reconnectDelay(), properties.maxReconnectDelay()),
            new ChannelListener.Handler() {
              @Override
              public void notified(String channel, String payload) {
                dispatch(channel, payload);
              }

              @Override
              public void listening(boolean again) {
                handlers.forEach(NotificationHandler::resynchronize);
              }
            });
  }

  /** True while the listener holds a connection that LISTENs; for health checks and tests. */
  public boolean isConnected() {
    return listener.isListening();
  }

  @Override
  public void start() {
    listener.start();
  }

  @Override
  public void stop() {
    listener.close();
  }

  @Override
  public boolean isRunning() {
    return listener.isRunning();
  }

  /** One handler's failure does not keep the notification from the others. */
  private void dispatch(String channel, String payload) {
    for (NotificationHandler handler : handlers) {
      if (handler.channels().contains(channel)) {
        try {
          handler.notified(channel, payload);
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
    return connection;
  }
}
