package dev.baton.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * One server process of the stack: started with its own log file, waited on until a probe says it
 * is ready, and stopped with everything it spawned. Each start appends to the same log, so a
 * restarted worker's log tells the whole story.
 */
final class ManagedProcess {
  private static final Duration GRACE = Duration.ofSeconds(20);
  private static final Pattern STACK_FRAME =
      Pattern.compile("^\\s+(at |\\.\\.\\. \\d+ (common frames omitted|more))");

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;

  ManagedProcess(String name, List<String> command, Map<String, String> environment, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.log = log;
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  /** Starts the process; the environment is the test JVM's, minus any Baton or Temporal setting. */
  ManagedProcess start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running");
    }
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          String.format("%n===== %s: starting %s%n", Instant.now(), String.join(" ", command)),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      // A developer's own BATON_API_PORT or TEMPORAL_ADDRESS must not leak into the stack.
      builder
          .environment()
          .keySet()
          .removeIf(key -> key.startsWith("BATON_") || key.startsWith("TEMPORAL_"));
      builder.environment().putAll(environment);
      process = builder.start();
      process.getOutputStream().close();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  /** Waits until {@code ready} holds; fails with the end of the log if the process dies first. */
  void awaitReady(Duration timeout, BooleanSupplier ready) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (!isAlive()) {
        throw new IllegalStateException(
            name + " exited (code " + process.exitValue() + ") before it was ready" + logTail());
      }
      if (ready.getAsBoolean()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(name + " was not ready after " + timeout + logTail());
      }
      sleep(Duration.ofMillis(500));
    }
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Asks the process and its children to stop (SIGTERM), and kills what is left after a grace. */
  void stop() {
    if (!isAlive()) {
      return;
    }
    List<ProcessHandle> children = process.descendants().toList();
    process.destroy();
    children.forEach(ProcessHandle::destroy);
    if (!waitForExit(GRACE)) {
      kill();
    }
  }

  /** Kills the process and its children at once (SIGKILL), as a crash or an OOM killer would. */
  void kill() {
    if (process == null) {
      return;
    }
    // Taken before the parent dies: orphans are no longer its descendants.
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    if (!waitForExit(GRACE)) {
      throw new IllegalStateException(name + " survived SIGKILL");
    }
  }

  /** The end of the log, without Java stack frames: the messages around them say what failed. */
  String logTail() {
    try {
      List<String> lines =
          Files.readAllLines(log, StandardCharsets.UTF_8).stream()
              .filter(line -> !STACK_FRAME.matcher(line).find())
              .toList();
      List<String> tail = lines.subList(Math.max(0, lines.size() - 40), lines.size());
      return "; the end of " + log + ":\n    | " + String.join("\n    | ", tail);
    } catch (IOException e) {
      return "; its log " + log + " could not be read: " + e;
    }
  }

  private boolean waitForExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
