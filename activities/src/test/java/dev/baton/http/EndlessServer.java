package dev.baton.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A service on 127.0.0.1 that answers every request with 200 and a JSON body that never ends:
 * it writes until the client hangs up (or, so that a client without a cap cannot take the test
 * machine down with it, until {@link #SAFETY_STOP} bytes), and counts what it wrote. {@link
 * #fast()} writes as fast as the client reads; {@link #trickling()} a byte every 100 ms.
 */
public final class EndlessServer implements AutoCloseable {
  /** Where the server gives up on a client that reads everything. */
  public static final long SAFETY_STOP = 256L * 1024 * 1024;

  private final HttpServer server;
  private final AtomicLong written = new AtomicLong();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean hungUp;

  /** A body as fast as the client reads it. */
  public static EndlessServer fast() throws IOException {
    return new EndlessServer(64 * 1024, 0);
  }

  /** A body of a byte every 100 ms. */
  public static EndlessServer trickling() throws IOException {
    return new EndlessServer(1, 100);
  }

  private EndlessServer(int chunkSize, long pauseMillis) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          byte[] chunk = new byte[chunkSize];
          Arrays.fill(chunk, (byte) 'a');
          try {
            exchange.sendResponseHeaders(200, 0); // chunked: no length, no end
            OutputStream out = exchange.getResponseBody();
            out.write("{\"reply\":\"".getBytes(StandardCharsets.UTF_8));
            while (written.get() < SAFETY_STOP) {
              out.write(chunk);
              out.flush();
              pause(pauseMillis);
              written.addAndGet(chunk.length);
            }
            out.write("\"}".getBytes(StandardCharsets.UTF_8));
            out.close();
          } catch (IOException e) {
            hungUp = true;
          } finally {
            exchange.close();
            done.countDown();
          }
        });
    server.start();
  }

  private static void pause(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("stopped", e);
    }
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Bytes of body written before the client hung up (or the safety stop); waits for the end. */
  public long written() throws InterruptedException {
    done.await(30, TimeUnit.SECONDS);
    return written.get();
  }

  /** Whether the client closed the connection while the body was still coming. */
  public boolean hungUp() throws InterruptedException {
    done.await(30, TimeUnit.SECONDS);
    return hungUp;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
