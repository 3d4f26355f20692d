package dev.baton.bot;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A stand-in for a team's bot service or a model server, on 127.0.0.1: it records every request
 * as received and answers with what the test scripts.
 */
final class FakeServer implements AutoCloseable {
  /** One request as the server saw it. */
  record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** What to answer: status, body, and how long to wait first. */
  record Answer(int status, String body, long delayMillis) {
    static Answer ok(String json) {
      return new Answer(200, json, 0);
    }
  }

  interface Script {
    Answer answer(int attempt, Received request);
  }

  private final HttpServer server;
  final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile Script script = (attempt, request) -> new Answer(500, "{}", 0);

  FakeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  FakeServer answering(Script script) {
    this.script = script;
    return this;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Received request =
        new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), body);
    received.add(request);
    Answer answer = script.answer(received.size(), request);
    try {
      Thread.sleep(answer.delayMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
      try (OutputStream o = exchange.getResponseBody()) {
        o.write(out);
      }
    } catch (IOException e) {
      // The client gave up (a timeout under test); nothing to answer.
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
