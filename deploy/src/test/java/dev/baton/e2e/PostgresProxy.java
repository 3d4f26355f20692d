package dev.baton.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback TCP relay in front of Baton's PostgreSQL, for processes started with its
 * {@link #jdbcUrl}. It fails the database two ways, as a client sees them: {@link Mode#HUNG}
 * (connections stay open and nothing comes back, new ones are accepted and never answered, as a
 * SIGSTOPped server), and {@link Mode#CLOSED} (every connection cut, new ones refused, as a stopped
 * server). {@link #open} brings it back on the same port; nothing sent meanwhile is lost on the
 * way, a hung connection's bytes are relayed once it opens.
 */
final class PostgresProxy implements AutoCloseable {
  enum Mode { OPEN, HUNG, CLOSED }

  private final int target;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "postgres-proxy");
            thread.setDaemon(true);
            return thread;
          });
  private final Object opened = new Object();
  private volatile Mode mode = Mode.OPEN;
  private ServerSocket server;
  private int port;

  private PostgresProxy(int target) {
    this.target = target;
  }

  static PostgresProxy start(int target) {
    PostgresProxy proxy = new PostgresProxy(target);
    proxy.listen(0);
    return proxy;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  Mode mode() {
    return mode;
  }

  /** Fails the database as {@code failure} says. */
  synchronized void fail(Mode failure) {
    switch (failure) {
      case HUNG -> mode = Mode.HUNG;
      case CLOSED -> {
        mode = Mode.CLOSED;
        closeQuietly(server);
        sockets.forEach(PostgresProxy::closeQuietly);
        sockets.clear();
      }
      case OPEN -> open();
    }
  }

  /** The database answers again, on the same port. */
  synchronized void open() {
    if (mode == Mode.CLOSED) {
      listen(port);
    }
    mode = Mode.OPEN;
    synchronized (opened) {
      opened.notifyAll();
    }
  }

  @Override
  public synchronized void close() {
    mode = Mode.CLOSED;
    closeQuietly(server);
    sockets.forEach(PostgresProxy::closeQuietly);
    threads.shutdownNow();
  }

  private void listen(int at) {
    try {
      ServerSocket socket = new ServerSocket();
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), at));
      server = socket;
      port = socket.getLocalPort();
      threads.execute(() -> accept(socket));
    } catch (IOException e) {
      throw new IllegalStateException("the proxy cannot listen on " + at, e);
    }
  }

  private void accept(ServerSocket socket) {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        return;
      }
      try {
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(client);
        sockets.add(upstream);
        threads.execute(() -> relay(client, upstream));
        threads.execute(() -> relay(upstream, client));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private void relay(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        awaitNotHung();
        out.write(buffer, 0, read);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // Cut by a close or by either side; the other direction ends too.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private void awaitNotHung() throws InterruptedException {
    synchronized (opened) {
      while (mode == Mode.HUNG) {
        opened.wait(100);
      }
    }
  }

  private static void closeQuietly(java.io.Closeable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (IOException e) {
      // Closing anyway.
    }
  }
}
