package dev.baton.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baton.conversation.TaskQueues;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.io.IOException;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a worker takes to be ready from its process start: an extra worker started beside the
 * stack's own, with the same command line, environment and working directory (read from the
 * running worker's /proc entry) and only another port, timed until its health endpoint answers UP
 * and the Temporal server lists it among the pollers of the conversations' task queue (workflow
 * and activity tasks), then stopped. Everything a start does is in it: the JVM, Spring, the
 * connection to PostgreSQL and Temporal, the bot's model and the language models.
 */
final class WorkerStart {
  /** How often readiness is looked at: the figures are this fine. */
  private static final Duration POLL = Duration.ofMillis(100);
  /** A machine at least this idle counts as idle (the target is a start on an idle machine). */
  static final double IDLE = 0.75;
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final Pattern BOT_LOADED =
      Pattern.compile("Bot (loaded the shipped|trained) model (\\S+) \\((\\d+) examples\\) in (\\d+) ms");
  private static final Pattern SPRING_STARTED =
      Pattern.compile("Started \\S+ in ([\\d.]+) seconds \\(process running for ([\\d.]+)\\)");
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One start. Times are seconds from the process start; {@code spring} is Spring Boot's own
   * "started in" line, {@code bot} the worker's own line on the bot's loading; {@code idle} is the
   * machine's idle share just before the start, {@code loadAverage} its one-minute load average.
   */
  record Result(
      double readySeconds,
      double healthSeconds,
      double pollingSeconds,
      String spring,
      String bot,
      double idle,
      double loadAverage) {
    String describe() {
      return String.format(
          "ready %5.2f s (health UP %5.2f s, polling %5.2f s); %s; %s; machine %.0f %% idle before it,"
              + " load average %.2f",
          readySeconds, healthSeconds, pollingSeconds, spring, bot, 100 * idle, loadAverage);
    }
  }

  private final List<String> command;
  private final Map<String, String> environment;
  private final Path directory;
  private final WorkflowServiceStubs service;
  private final String namespace;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();

  private WorkerStart(
      List<String> command, Map<String, String> environment, Path directory, WorkflowServiceStubs service, String namespace) {
    this.command = command;
    this.environment = environment;
    this.directory = directory;
    this.service = service;
    this.namespace = namespace;
  }

  /** Starts as the running worker {@code pid} was started. */
  static WorkerStart like(long pid, WorkflowServiceStubs service, String namespace) {
    if (pid <= 0) {
      throw new IllegalArgumentException("measuring the worker's start needs --worker-pid, the running worker's process");
    }
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      List<String> command = nulSeparated(Files.readAllBytes(proc.resolve("cmdline")));
      // The executable itself, not the name it was found by on the worker's PATH.
      command.set(0, Files.readSymbolicLink(proc.resolve("exe")).toString());
      Map<String, String> environment = new HashMap<>();
      for (String entry : nulSeparated(Files.readAllBytes(proc.resolve("environ")))) {
        int equals = entry.indexOf('=');
        if (equals > 0) {
          environment.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
      }
      return new WorkerStart(command, environment, Files.readSymbolicLink(proc.resolve("cwd")), service, namespace);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read how the worker (pid " + pid + ") was started from " + proc, e);
    }
  }

  /**
   * Starts, times and stops one extra worker, once the machine is idle or {@code settle} has
   * passed (the stack's own start, or the previous worker's stop, may still be busy).
   */
  Result once(Duration settle) throws IOException, InterruptedException {
    double idle = Machine.idleShare(Duration.ofSeconds(2));
    for (long end = System.nanoTime() + settle.toNanos(); idle < IDLE && System.nanoTime() < end; ) {
      idle = Machine.idleShare(Duration.ofSeconds(2));
    }
    int port = freePort();
    Path log = Files.createTempFile("baton-worker-start-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    builder.environment().put("BATON_WORKER_PORT", Integer.toString(port));
    URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
    double loadAverage = Machine.loadAverage();

    long start = System.nanoTime();
    Process worker = builder.start();
    Thread stopOnExit = new Thread(worker::destroyForcibly, "stop-extra-worker");
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try {
      String identity = worker.pid() + "@";
      long healthy = 0;
      long polling = 0;
      long deadline = start + TIMEOUT.toNanos();
      while (healthy == 0 || polling == 0) {
        if (!worker.isAlive()) {
          throw new IllegalStateException("the extra worker exited (" + worker.exitValue() + ") before it was ready:\n" + tail(log));
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the extra worker was not ready after " + TIMEOUT + ":\n" + tail(log));
        }
        if (healthy == 0 && up(health)) {
          healthy = System.nanoTime();
        }
        if (polling == 0 && polls(identity, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW) && polls(identity, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)) {
          polling = System.nanoTime();
        }
        Thread.sleep(POLL.toMillis());
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      return new Result(
          seconds(Math.max(healthy, polling) - start),
          seconds(healthy - start),
          seconds(polling - start),
          springLine(output),
          botLine(output),
          idle,
          loadAverage);
    } finally {
      stop(worker);
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
      Files.deleteIfExists(log);
    }
  }

  /** Whether the health endpoint answers UP overall (every indicator: db, temporal, …). */
  private boolean up(URI health) {
    try {
      HttpResponse<String> response =
          http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && "UP".equals(JSON.readTree(response.body()).path("status").asText());
    } catch (IOException e) {
      // Not listening yet.
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Whether the server has seen a poll from this process (the SDK's identity is "pid@host") on
   * the conversations' task queue: the worker is taking work, by the server's own account.
   */
  private boolean polls(String identityPrefix, TaskQueueType type) {
    return service
        .blockingStub()
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .describeTaskQueue(
            DescribeTaskQueueRequest.newBuilder()
                .setNamespace(namespace)
                .setTaskQueue(TaskQueue.newBuilder().setName(TaskQueues.CONVERSATIONS))
                .setTaskQueueType(type)
                .build())
        .getPollersList()
        .stream()
        .anyMatch(poller -> poller.getIdentity().startsWith(identityPrefix));
  }

  /** SIGTERM, as an orchestrator stops a worker; killed when it has not stopped in 30 s. */
  private static void stop(Process worker) throws InterruptedException {
    worker.destroy();
    if (!worker.waitFor(30, TimeUnit.SECONDS)) {
      worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** "Spring Boot: started in 6.9 s, process running for 7.6 s", as the worker logged it. */
  private static String springLine(String output) {
    Matcher started = SPRING_STARTED.matcher(output);
    return started.find()
        ? "Spring Boot: started in " + started.group(1) + " s, process running for " + started.group(2) + " s"
        : "no \"Started\" line from Spring Boot in the worker's log";
  }

  /** "bot loaded the shipped model 1b7f… (12345 examples) in 2345 ms", as the worker logged it. */
  private static String botLine(String output) {
    Matcher loaded = BOT_LOADED.matcher(output);
    return loaded.find()
        ? String.format(
            "bot %s model %s (%s examples) in %s ms", loaded.group(1), loaded.group(2), loaded.group(3), loaded.group(4))
        : "no line on the bot's loading in the worker's log (not the built-in classifier bot?)";
  }

  private static List<String> nulSeparated(byte[] bytes) {
    List<String> parts = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        parts.add(new String(bytes, from, i - from, StandardCharsets.UTF_8));
        from = i + 1;
      }
    }
    if (from < bytes.length) {
      parts.add(new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8));
    }
    return parts;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ")";
    }
  }
}
