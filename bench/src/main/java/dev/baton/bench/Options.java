package dev.baton.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The harness's command line, and how much each mode measures (see {@link Bench}). */
record Options(
    Mode mode,
    String api,
    String temporal,
    String namespace,
    String operator,
    String password,
    String worker,
    long workerPid,
    long apiPid,
    Path report,
    String server,
    Set<String> only) {
  /** How much a run measures: smoke (the test command), quick or full. */
  enum Mode {
    SMOKE,
    QUICK,
    FULL
  }

  /** How much each measurement does in a mode. */
  record Sizes(
      int warmup,
      int turns,
      int idle,
      int escalations,
      int visible,
      int atRate,
      int rate,
      int messages,
      int window,
      int clients,
      int seconds,
      int warmupSeconds,
      int starts) {
    static Sizes of(Mode mode) {
      return switch (mode) {
        case SMOKE -> new Sizes(1, 1, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 1);
        case QUICK -> new Sizes(50, 200, 1_000, 40, 20, 100, 20, 1_000, 200, 8, 20, 60, 3);
        case FULL -> new Sizes(100, 1_000, 10_000, 200, 100, 600, 20, 5_000, 500, 16, 60, 180, 3);
      };
    }
  }

  /**
   * The figures a run can be limited to with {@code --only}: P1 to P6, and START, the worker's
   * start, which needs neither the warm-up nor P1's reference.
   */
  static final Set<String> FIGURES = Set.of("P1", "P2", "P3", "P4", "P5", "P6", "START");

  static Options parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
    return new Options(
        Mode.valueOf(values.getOrDefault("mode", "quick").toUpperCase()),
        values.getOrDefault("api", "http://127.0.0.1:8080"),
        values.getOrDefault("temporal", "127.0.0.1:7233"),
        values.getOrDefault("namespace", "default"),
        values.getOrDefault("operator", "operator"),
        // From the environment, so it shows in no process list.
        System.getenv().getOrDefault("BATON_BENCH_PASSWORD", ""),
        // The worker's own base URL, for the bot's reading time from its /actuator/prometheus.
        values.get("worker"),
        Long.parseLong(values.getOrDefault("worker-pid", "0")),
        Long.parseLong(values.getOrDefault("api-pid", "0")),
        values.containsKey("report") ? Path.of(values.get("report")) : null,
        values.getOrDefault("server", "unknown"),
        figures(values.get("only")));
  }

  /** The figures {@code --only} names ("P1,p4"), or none for all; an unknown name is refused. */
  static Set<String> figures(String names) {
    if (names == null) {
      return Set.of();
    }
    Set<String> figures = new TreeSet<>();
    for (String name : names.split(",")) {
      String figure = name.strip().toUpperCase(Locale.ROOT);
      if (!FIGURES.contains(figure)) {
        throw new IllegalArgumentException("--only takes figures among " + new TreeSet<>(FIGURES) + ", not '" + name + "'");
      }
      figures.add(figure);
    }
    return Set.copyOf(figures);
  }
}
