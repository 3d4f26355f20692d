package dev.baton.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The run's figures: each target as a ratio against the bare engine with whether it was met, and
 * the percentiles behind it. Printed, and written into docs/performance.md between its markers.
 */
final class Report {
  static final String BEGIN = "<!-- bench:begin (deploy/bench.sh writes from here to bench:end) -->";
  static final String END = "<!-- bench:end -->";

  /** One checked figure. */
  record Target(String name, double value, String unit, String comparison, double limit) {
    boolean met() {
      return comparison.equals("≤") ? value <= limit : value >= limit;
    }

    String line() {
      return String.format(
          "%-58s %9.2f%-2s (target %s %.2f%s)  %s",
          name, value, unit, comparison, limit, unit, met() ? "met" : "MISSED");
    }
  }

  private final Options.Mode mode;
  private final Options.Sizes sizes;
  private final String server;
  private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final List<Target> targets = new ArrayList<>();
  private final List<String> details = new ArrayList<>();
  private final Map<String, Integer> botTurnOutcomes = new TreeMap<>();
  private final Map<String, Integer> escalationOutcomes = new TreeMap<>();
  private Latency bareUpdate;
  private long repeated;

  Report(Options.Mode mode, Options.Sizes sizes, String server) {
    this.mode = mode;
    this.sizes = sizes;
    this.server = server;
  }

  List<Target> targets() {
    return List.copyOf(targets);
  }

  /** The bare update round trip measured in P1, the reference of P1 and P6. */
  Latency bareUpdate() {
    return bareUpdate;
  }

  void repeated(long calls) {
    repeated = calls;
  }

  synchronized void botTurnOutcome(String status) {
    botTurnOutcomes.merge(status, 1, Integer::sum);
  }

  synchronized void escalationOutcome(String status) {
    escalationOutcomes.merge(status, 1, Integer::sum);
  }

  private double bareEventsPerTurn = Double.NaN;

  void p1(Latency bare, Latency bareWithActivity, Latency botTurn, History.Window bareEvents) {
    bareUpdate = bare;
    if (bareEvents.done()) {
      bareEventsPerTurn = bareEvents.eventsPerTurn();
      details.add(
          String.format(
              "a bare update adds %.1f history events and %.0f bytes (the floor of any turn sent as an update)",
              bareEvents.eventsPerTurn(), bareEvents.bytesPerTurn()));
    }
    detail(bare);
    detail(bareWithActivity);
    detail(botTurn);
    ratio("P1 bot turn / bare update, p50, 1 client", botTurn, bare, 50, 1.25);
    ratio("P1 bot turn / bare update, p99, 1 client", botTurn, bare, 99, 1.5);
  }

  /**
   * The bot's own reading time in P1's measured turns, beside the turn it is part of: how much of
   * a turn the classifier is, and what a larger model costs it.
   */
  void p1BotReadings(Optional<BotReadings.Totals> readings, Latency botTurn) {
    String name = "bot's own reading per turn (" + BotReadings.METRIC + ")";
    if (readings.isEmpty()) {
      details.add(
          String.format(
              "%-58s not measured: the worker exposes no %s (a build without the bot's timer)", name, BotReadings.METRIC));
      return;
    }
    BotReadings.Totals totals = readings.get();
    String line =
        String.format(
            "%-58s %s; %.0f %% of the bot turn's mean (%.1f ms)",
            name, totals.describe(), 100 * totals.meanMillis() / botTurn.meanMillis(), botTurn.meanMillis());
    if (totals.count() != botTurn.count()) {
      // A retried reading, or a turn the bot did not read, makes the two differ.
      line += String.format("; %d readings for %d turns", totals.count(), botTurn.count());
    }
    details.add(line);
  }

  /** START: each start of an extra worker, and their median against the target. */
  void start(List<WorkerStart.Result> starts) {
    for (int i = 0; i < starts.size(); i++) {
      details.add(String.format("START worker start %d: %s", i + 1, starts.get(i).describe()));
    }
    long busy = starts.stream().filter(start -> !(start.idle() >= WorkerStart.IDLE)).count();
    if (busy > 0) {
      details.add(
          String.format(
              "START: the machine was less than %.0f %% idle before %d of the %d starts: they are not the"
                  + " target's idle machine, and say what a start takes under that load",
              100 * WorkerStart.IDLE, busy, starts.size()));
    }
    double[] ready = starts.stream().mapToDouble(WorkerStart.Result::readySeconds).sorted().toArray();
    double median =
        ready.length % 2 == 1 ? ready[ready.length / 2] : (ready[ready.length / 2 - 1] + ready[ready.length / 2]) / 2;
    targets.add(
        new Target(
            "START worker ready (health UP, polling), median of " + starts.size() + ", s", median, "s", "≤", 10));
  }

  void p2(int clients, double bareRate, double batonRate) {
    details.add(
        String.format(
            "P2 sustained, %d clients, %d s each: bare engine %.1f conversations/s, Baton %.1f conversations/s"
                + " (start + 3 turns)",
            clients, sizes.seconds(), bareRate, batonRate));
    targets.add(new Target("P2 sustained conversations/s, Baton / bare engine", batonRate / bareRate, "×", "≥", 0.9));
  }

  private Latency hundredOpen;

  void p3(String label, int open, Latency latency, Memory worker, Memory api) {
    details.add(
        String.format(
            "P3 %s (%d conversations opened by this run): %s%s",
            label,
            open,
            latency.describe(),
            worker == null ? "" : "; " + worker.describe() + "; " + api.describe()));
    if (hundredOpen == null) {
      hundredOpen = latency;
      return;
    }
    ratio("P3 bot turn p99, " + label + " / 100 open", latency, hundredOpen, 99, 1.2);
    if (worker != null) {
      targets.add(
          new Target(
              "P3 worker heap with " + label + ", GiB", worker.heapBytes() / (double) (1L << 30), "", "≤", 1.0));
    }
  }

  void p4(Latency first, Latency last, History.Window events, long runs) {
    detail(first);
    detail(last);
    details.add(
        String.format(
            "P4 %d messages in one conversation: %d runs (continued as new %d times); a plain turn adds"
                + " %.1f history events and %.0f bytes (a bare update: %.1f events)",
            sizes.messages(), runs, runs - 1, events.eventsPerTurn(), events.bytesPerTurn(), bareEventsPerTurn));
    ratio("P4 bot turn p99, last " + sizes.window() + " / first " + sizes.window(), last, first, 99, 1.2);
    targets.add(new Target("P4 history events per plain bot turn", events.eventsPerTurn(), "", "≤", 4));
  }

  void p5(Latency oneAtATime, Latency atRate) {
    if (oneAtATime != null) {
      detail(oneAtATime);
    }
    if (atRate != null) {
      detail(atRate);
      targets.add(
          new Target(
              "P5 escalation visible on the queue stream at " + sizes.rate() + "/s, p99",
              atRate.millis(99),
              "ms",
              "≤",
              500));
    }
  }

  void p6(Latency escalating) {
    detail(escalating);
    ratio("P6 escalating turn / bare update, p50", escalating, bareUpdate, 50, 2.0);
    ratio("P6 escalating turn / bare update, p99 (no target)", escalating, bareUpdate, 99, Double.NaN);
  }

  void agentPaths(Latency takeover, Latency relay) {
    detail(takeover);
    detail(relay);
  }

  private void ratio(String name, Latency measured, Latency reference, double percentile, double limit) {
    double value = measured.millis(percentile) / reference.millis(percentile);
    if (Double.isNaN(limit)) {
      details.add(String.format("%s: %.2f×", name, value));
    } else {
      targets.add(new Target(name, value, "×", "≤", limit));
    }
  }

  void detail(Latency latency) {
    details.add(String.format("%-58s %s", latency.name(), latency.describe()));
  }

  /** The figures as printed: targets first, then what they were computed from. */
  String text() {
    StringBuilder text = new StringBuilder();
    text.append("Baton benchmark, ").append(mode.name().toLowerCase()).append(" mode, ").append(started).append('\n');
    text.append(Machine.describe(server)).append("\n\n");
    for (Target target : targets) {
      text.append(target.line()).append('\n');
    }
    text.append('\n');
    for (String detail : details) {
      text.append(detail).append('\n');
    }
    if (!botTurnOutcomes.isEmpty()) {
      text.append("bot turns by the status they left: ").append(botTurnOutcomes).append('\n');
    }
    text.append("calls answered 503 and repeated (their latency includes the wait): ").append(repeated).append('\n');
    if (!escalationOutcomes.isEmpty()) {
      text.append("escalating turns by the status they left: ").append(escalationOutcomes).append('\n');
    }
    return text.toString();
  }

  /** Replaces the figures between the markers of the file (appending them the first time). */
  void writeInto(Path file) {
    String block = BEGIN + "\n```text\n" + text() + "```\n" + END;
    try {
      String current = Files.exists(file) ? Files.readString(file) : "";
      Matcher marked = Pattern.compile(Pattern.quote(BEGIN) + ".*?" + Pattern.quote(END), Pattern.DOTALL).matcher(current);
      String updated =
          marked.find()
              ? current.substring(0, marked.start()) + block + current.substring(marked.end())
              : current + (current.isEmpty() || current.endsWith("\n") ? "" : "\n") + "\n" + block + "\n";
      Files.writeString(file, updated);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
