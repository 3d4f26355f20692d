package dev.baton.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Baton as it runs in production, on free loopback ports: the real Temporal dev server binary,
 * a real PostgreSQL, and the worker and api jars as separate {@code java -jar} processes configured
 * by environment variables. Each process logs to deploy/target/e2e-logs/.
 */
final class BatonStack implements AutoCloseable {
  /** Spring Boot on two busy cores can take a while; a hung start still fails in bounded time. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  /**
   * Presence and holder timeouts of the stack: short, so the tests of expiry and of stranded
   * conversations take seconds, not minutes; the suite's agents send heartbeats well inside it.
   */
  static final Duration PRESENCE_TIMEOUT = Duration.ofSeconds(20);

  private final Credentials credentials = new Credentials();
  /** A page on this origin may embed the widget (BATON_CORS_ORIGINS); a test serves one there. */
  private final int embedderPort = freePort();
  /**
   * The Temporal UI of the dev server, started with the shared api's codec endpoint, as
   * deploy/run.sh starts it: a browser test reads conversations there.
   */
  private final int temporalUiPort = freePort();
  /** The shared api's port, chosen first: the Temporal UI is told its codec endpoint at start. */
  private final int apiPort = freePort();

  private final Path root =
      Path.of(System.getProperty("baton.root", "..")).toAbsolutePath().normalize();
  private final Path work =
      Path.of(System.getProperty("baton.e2e.dir", root.resolve("deploy/target").toString()));
  private final Path logs = work.resolve("e2e-logs");
  private final Path data = work.resolve("e2e-data");
  private final String temporalBin = temporalBinary(root);
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Thread shutdownHook = new Thread(this::close, "baton-stack-stop");

  private String temporalAddress;
  private ManagedProcess temporal;
  private EmbeddedPostgres postgres;
  private String jdbcUrl;
  private ManagedProcess worker;
  private Path workerJar;
  private int workerPort;
  private final List<ManagedProcess> workerReplicas = new ArrayList<>();
  private final List<ManagedProcess> apis = new ArrayList<>();
  private ApiClient api;

  private BatonStack() {}

  /** Starts everything, or stops what did start and rethrows. */
  static BatonStack start() {
    BatonStack stack = new BatonStack();
    try {
      stack.startAll();
      return stack;
    } catch (RuntimeException | Error e) {
      stack.close();
      throw e;
    }
  }

  private void startAll() {
    // The suite may be killed on a timeout; SIGTERM still stops the servers it started.
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    recreate(logs);
    recreate(data);
    workerJar = execJar("worker");
    Path apiJar = execJar("api");

    int temporalPort = freePort();
    temporalAddress = "127.0.0.1:" + temporalPort;
    List<String> command =
        new ArrayList<>(
            List.of(
                temporalBin, "server", "start-dev",
                "--ip", "127.0.0.1", "--port", String.valueOf(temporalPort),
                "--ui-port", String.valueOf(temporalUiPort), "--ui-disable-news-fetch",
                "--ui-codec-endpoint", "http://127.0.0.1:" + apiPort + "/api/v1/codec",
                "--db-filename", data.resolve("temporal.db").toString()));
    for (String attribute : searchAttributes(root.resolve("deploy/search-attributes.txt"))) {
      command.add("--search-attribute");
      command.add(attribute);
    }
    temporal = new ManagedProcess("temporal", command, Map.of(), logs.resolve("temporal.log"));
    startTemporal();

    try {
      ProcessBuilder.Redirect postgresLog =
          ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile());
      postgres =
          EmbeddedPostgres.builder()
              .setPort(freePort())
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setOutputRedirector(postgresLog)
              .setErrorRedirector(postgresLog)
              .setPGStartupWait(Duration.ofSeconds(60))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("PostgreSQL did not start", e);
    }
    jdbcUrl = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";

    // The worker first, as in production: it migrates the schema.
    workerPort = freePort();
    worker = workerProcess("worker", workerPort, Map.of());
    startWorker();

    api = startApi("api", apiJar, apiPort, Map.of());
  }

  /** The api every test shares. */
  ApiClient api() {
    return api;
  }

  /**
   * Starts one more api process beside the shared one, with extra settings (for example a short
   * idle timeout). It talks to the same Temporal server, worker and database, as a second replica
   * would, and stops with the stack.
   */
  ApiClient startApi(String name, Map<String, String> extraEnvironment) {
    return startApi(name, execJar("api"), freePort(), extraEnvironment);
  }

  private ApiClient startApi(String name, Path jar, int port, Map<String, String> extraEnvironment) {
    Map<String, String> env = new HashMap<>(commonEnv());
    env.put("BATON_API_PORT", String.valueOf(port));
    env.putAll(extraEnvironment);
    System.out.println(name + ": conversation starts per client address " + env.get("BATON_LIMITS_STARTS_PER_ADDRESS_BURST")
        + " at once, then " + env.get("BATON_LIMITS_STARTS_PER_ADDRESS_REFILL") + "; per customer id "
        + env.get("BATON_LIMITS_STARTS_PER_CUSTOMER_BURST") + " at once, then " + env.get("BATON_LIMITS_STARTS_PER_CUSTOMER_REFILL"));
    ManagedProcess process = javaJar(name, jar, env);
    apis.add(process);
    process.start();
    process.awaitReady(START_TIMEOUT, () -> healthy(port));
    return new ApiClient(URI.create("http://127.0.0.1:" + port), credentials);
  }

  /** Where the worker's actuator answers (health, /actuator/prometheus). */
  URI workerBase() {
    return URI.create("http://127.0.0.1:" + workerPort);
  }

  /** Kills the worker with SIGKILL: no shutdown hook, no graceful drain, as in a crash. */
  void killWorker() {
    worker.kill();
  }

  /**
   * Stops the worker with SIGTERM (it drains and exits), as a rolling restart does; {@link
   * #startWorker} brings it back.
   */
  void stopWorker() {
    worker.stop();
  }

  boolean workerRunning() {
    return worker.isAlive();
  }

  /** The worker's log: every start of it, one after the other. */
  Path workerLog() {
    return worker.log();
  }

  /**
   * Starts one more worker beside the stack's own, as a second replica runs in production: the
   * same jar and settings, its own actuator port and log ({@code name}.log). Both poll the same
   * task queue, so a turn may be served by either. Stop it when done; the stack stops it at the
   * end otherwise.
   */
  WorkerReplica startWorkerReplica(String name) {
    int port = freePort();
    ManagedProcess replica = workerProcess(name, port, Map.of());
    workerReplicas.add(replica);
    replica.start();
    replica.awaitReady(START_TIMEOUT, () -> healthy(port));
    return new WorkerReplica(replica, URI.create("http://127.0.0.1:" + port));
  }

  /** A worker beside the stack's own: its process, and where its actuator answers. */
  record WorkerReplica(ManagedProcess process, URI base) {
    void stop() {
      process.stop();
    }

    Path log() {
      return process.log();
    }
  }

  /** Starts the worker again, on the same port, and waits until it is healthy. */
  void startWorker() {
    worker.start();
    worker.awaitReady(START_TIMEOUT, () -> healthy(workerPort));
  }

  /**
   * Stops the worker and starts it again with extra settings (for example other escalation
   * rules), on the same port, and waits until it is healthy. Every conversation, old and new, is
   * then served by the reconfigured worker: call {@link #restoreWorker} when done.
   */
  void restartWorker(Map<String, String> extraEnvironment) {
    worker.stop();
    worker = workerProcess("worker", workerPort, extraEnvironment);
    startWorker();
  }

  /** Brings back the worker as the stack started it, after {@link #restartWorker}. */
  void restoreWorker() {
    restartWorker(Map.of());
  }

  private ManagedProcess workerProcess(String name, int port, Map<String, String> extraEnvironment) {
    Map<String, String> env = new HashMap<>(commonEnv());
    env.put("BATON_WORKER_PORT", String.valueOf(port));
    // Every queue is open around the clock unless a test sets hours through the API, so what a
    // test sees does not depend on the time of day CI runs at.
    env.put("BATON_HOURS_DEFAULTS", "file:" + alwaysOpenHours());
    env.putAll(extraEnvironment);
    return javaJar(name, workerJar, env);
  }

  /** Stops the Temporal dev server and starts it again on the same port and database file. */
  void restartTemporal() {
    temporal.stop();
    startTemporal();
  }

  /** Stops the Temporal dev server, as an outage would; {@link #startTemporal} brings it back. */
  void stopTemporal() {
    temporal.stop();
  }


  /** The worker's own port (its actuator). */
  int workerPort() {
    return workerPort;
  }

  void startTemporal() {
    temporal.start();
    temporal.awaitReady(START_TIMEOUT, () -> succeeds("operator", "cluster", "health"));
  }

  /** The port Baton's PostgreSQL listens on (loopback). */
  int postgresPort() {
    return postgres.getPort();
  }

  /** Baton's database, for checking what the activities wrote. */
  DataSource database() {
    return postgres.getPostgresDatabase();
  }

  /** Every agent OFFLINE, as a test that counts who is online needs, whatever other suites left. */
  void allAgentsOffline() {
    try (var connection = database().getConnection();
        var statement = connection.createStatement()) {
      statement.executeUpdate("update agents set status = 'OFFLINE'");
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not set every agent OFFLINE", e);
    }
  }

  /** The project's root directory (the Maven parent), where the sources are. */
  Path root() {
    return root;
  }

  /** Where the stack keeps its logs and data (deploy/target); tests put their files here too. */
  Path workDirectory() {
    return work;
  }

  /**
   * The ids of the workflows {@code temporal workflow list --query QUERY} lists. Visibility is
   * eventually consistent: poll for what a change should show.
   */
  List<String> workflowIds(String query) {
    String output = temporal("workflow", "list", "--query", query, "-o", "json");
    List<String> ids = new ArrayList<>();
    if (output.isBlank()) {
      return ids;
    }
    try {
      for (JsonNode execution : ApiClient.JSON.readTree(output)) {
        ids.add(execution.path("execution").path("workflowId").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("temporal workflow list printed no JSON: " + output, e);
    }
    return ids;
  }

  /** Runs the Temporal CLI against this stack's server; returns its standard output. */
  String temporal(String... args) {
    List<String> command = new ArrayList<>(List.of(temporalBin));
    command.addAll(List.of(args));
    command.addAll(List.of("--address", temporalAddress, "--namespace", "default"));
    try {
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().keySet().removeIf(k -> k.startsWith("TEMPORAL_"));
      Process process = builder.start();
      process.getOutputStream().close();
      CompletableFuture<String> out = readAsync(process.getInputStream());
      CompletableFuture<String> err = readAsync(process.getErrorStream());
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("timed out: " + String.join(" ", command));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited " + process.exitValue() + ": " + err.join());
      }
      return out.join();
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Stops everything in reverse start order; safe to call twice, and after a failed start. */
  @Override
  public synchronized void close() {
    List<Runnable> stops = new ArrayList<>();
    for (int i = apis.size() - 1; i >= 0; i--) {
      stops.add(apis.get(i)::stop);
    }
    for (int i = workerReplicas.size() - 1; i >= 0; i--) {
      stops.add(workerReplicas.get(i)::stop);
    }
    if (worker != null) {
      stops.add(worker::stop);
    }
    if (postgres != null) {
      EmbeddedPostgres db = postgres;
      stops.add(() -> closeQuietly(db));
    }
    if (temporal != null) {
      stops.add(temporal::stop);
    }
    for (Runnable stop : stops) {
      try {
        stop.run();
      } catch (RuntimeException e) {
        System.err.println("while stopping the stack: " + e);
      }
    }
    apis.clear();
    workerReplicas.clear();
    worker = null;
    postgres = null;
    temporal = null;
    if (Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException | IllegalArgumentException alreadyShuttingDownOrNeverAdded) {
        // Nothing to undo.
      }
    }
  }

  /**
   * The search attributes the dev server registers, as NAME=TYPE, from the one list that
   * deploy/run.sh reads too.
   */
  static List<String> searchAttributes(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines
          .map(line -> line.replaceFirst("#.*", "").strip())
          .filter(line -> !line.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The shipped hours.yaml with every schedule replaced by "open around the clock". */
  private Path alwaysOpenHours() {
    Path file = work.resolve("e2e-hours.yaml");
    try {
      String shipped =
          Files.readString(root.resolve("activities/src/main/resources/hours/hours.yaml"));
      String copy = shipped.substring(0, shipped.indexOf("\ndefault:"));
      StringBuilder week = new StringBuilder();
      for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
        week.append("    ").append(day).append(": [\"00:00-24:00\"]\n");
      }
      Files.writeString(
          file, copy + "\ndefault:\n  zone: UTC\n  week:\n" + week + "  closedDates: []\nqueues: {}\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The start limits of the suite's api, printed when it starts (docs/security.md). */
  static final Map<String, String> START_LIMITS =
      Map.of(
          "BATON_LIMITS_STARTS_PER_ADDRESS_BURST", "5000",
          "BATON_LIMITS_STARTS_PER_ADDRESS_REFILL", "5000/1m",
          "BATON_LIMITS_STARTS_PER_CUSTOMER_BURST", "1000",
          "BATON_LIMITS_STARTS_PER_CUSTOMER_REFILL", "1000/1m");

  private Map<String, String> commonEnv() {
    Map<String, String> env = new HashMap<>();
    env.putAll(
        Map.of(
            "TEMPORAL_ADDRESS", temporalAddress,
            "TEMPORAL_NAMESPACE", "default",
            "BATON_DB_URL", jdbcUrl,
            "BATON_DB_USER", "postgres",
            "BATON_DB_PASSWORD", credentials.databasePassword,
            "BATON_BIND_ADDRESS", "127.0.0.1",
            "BATON_CODEC_KEYS", CODEC_KEYS,
            "BATON_TEMPORAL_UI_URL", temporalUi(),
            // The access matrix calls one conversation's routes as every kind of caller at once:
            // more than a customer would, still well under what the per-client limit allows.
            "BATON_LIMITS_PER_CONVERSATION_BURST", "60"));
    // Who may do what: real keys and a real first operator, as deploy/run.sh makes them, and the
    // prod profile, which refuses any dev default, so the suite runs as production would.
    env.putAll(
        Map.of(
            "SPRING_PROFILES_ACTIVE", "prod",
            "BATON_CUSTOMER_TOKEN_KEY", credentials.customerTokenKey,
            "BATON_IDENTITY_KEY", credentials.identityKey,
            "BATON_FIRST_OPERATOR_USERNAME", Credentials.OPERATOR,
            "BATON_FIRST_OPERATOR_PASSWORD", credentials.operatorPassword,
            "BATON_CORS_ORIGINS", embedderOrigin(),
            "BATON_AGENTS_PRESENCE_TIMEOUT", PRESENCE_TIMEOUT.toSeconds() + "s",
            "BATON_AGENTS_HOLDER_TIMEOUT", PRESENCE_TIMEOUT.toSeconds() + "s",
            "BATON_AGENTS_SWEEP_INTERVAL", "1s"));
    // The Temporal UI's decode calls come from its origin, with the supervisor's codec session.
    env.put("BATON_CODEC_CORS_ORIGINS", temporalUi());
    // Every test starts its conversations from this one address, many for the same customer ids:
    // generous start limits instead of the prod profile's (a burst of 20, then 10 a minute).
    env.putAll(START_LIMITS);
    return env;
  }

  /** The Temporal UI's origin (the dev server's Web UI). */
  String temporalUi() {
    return "http://127.0.0.1:" + temporalUiPort;
  }

  /** The origin of another site that may embed the widget; nothing listens there until a test does. */
  String embedderOrigin() {
    return "http://127.0.0.1:" + embedderPort;
  }

  int embedderPort() {
    return embedderPort;
  }

  /** The payload key of this stack's worker and apis: random per run, as deploy/run.sh makes one. */
  static final String CODEC_KEYS = "e2e-1:" + java.util.Base64.getEncoder().encodeToString(randomKey());

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    return key;
  }

  private ManagedProcess javaJar(String name, Path jar, Map<String, String> env) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ManagedProcess(
        name, List.of(java, "-jar", jar.toString()), env, logs.resolve(name + ".log"));
  }

  private boolean healthy(int port) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean succeeds(String... args) {
    try {
      temporal(args);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  /** The Temporal frontend's host:port. */
  String temporalAddress() {
    return temporalAddress;
  }

  /** The Temporal CLI the stack's server runs from. */
  String temporalCli() {
    return temporalBin;
  }

  /** The first operator's password, for a program that signs in by itself. */
  String operatorPassword() {
    return credentials.operatorPassword;
  }

  /** The runnable jar a module's build left in its target folder. */
  Path execJar(String module) {
    Path target = root.resolve(module).resolve("target");
    String version = System.getProperty("baton.version");
    Path jar =
        version != null
            ? target.resolve("baton-" + module + "-" + version + "-exec.jar")
            : newest(target, "baton-" + module + "-", "-exec.jar");
    if (jar == null || !Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "no " + module + " exec jar in " + target
              + "; build it first (mvn -B package -DskipTests)");
    }
    return jar;
  }

  private static Path newest(Path dir, String prefix, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(prefix))
          .filter(f -> f.getFileName().toString().endsWith(suffix))
          .max(Comparator.comparing(f -> f.toFile().lastModified()))
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  /** The system property deploy/test.sh sets, else the project's own install, else PATH. */
  private static String temporalBinary(Path root) {
    String configured = System.getProperty("baton.temporal.bin", "");
    if (!configured.isBlank()) {
      return configured;
    }
    Path local = root.resolve(".baton/tools/temporal/bin/temporal");
    return Files.isExecutable(local) ? local.toString() : "temporal";
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static CompletableFuture<String> readAsync(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }

  private static void recreate(Path dir) {
    try {
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(EmbeddedPostgres db) {
    try {
      db.close();
    } catch (IOException e) {
      System.err.println("PostgreSQL did not stop cleanly: " + e);
    }
  }
}
