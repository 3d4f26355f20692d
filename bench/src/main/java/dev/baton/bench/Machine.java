package dev.baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The machine a run measured, in the words a reader compares machines with. */
final class Machine {
  private Machine() {}

  static String describe(String server) {
    return String.format(
        "machine: %s, %d cores, %s GiB memory; %s %s; Java %s; Temporal: %s",
        line("/proc/cpuinfo", "model name").orElse("unknown CPU"),
        Runtime.getRuntime().availableProcessors(),
        line("/proc/meminfo", "MemTotal")
            .map(total -> String.valueOf(Long.parseLong(total.replaceAll("\\D", "")) >> 20))
            .orElse("?"),
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("java.version"),
        server);
  }

  /** The one-minute load average: what else the machine was doing. NaN where /proc has none. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * The share of all cores' time spent idle over {@code interval} (from /proc/stat's cpu line:
   * idle and iowait against the total). NaN where /proc has none.
   */
  static double idleShare(Duration interval) throws InterruptedException {
    long[] before = cpuTimes();
    Thread.sleep(interval.toMillis());
    long[] after = cpuTimes();
    if (before == null || after == null || after[0] == before[0]) {
      return Double.NaN;
    }
    return (after[1] - before[1]) / (double) (after[0] - before[0]);
  }

  /** Total and idle (idle + iowait) jiffies of all cores, or null. */
  private static long[] cpuTimes() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      long total = 0;
      // user nice system idle iowait irq softirq steal (guest time is already in user and nice).
      for (int i = 1; i <= 8 && i < fields.length; i++) {
        total += Long.parseLong(fields[i]);
      }
      return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The value of the first "key : value" line of a /proc file. */
  private static Optional<String> line(String file, String key) {
    try {
      return Files.readAllLines(Path.of(file)).stream()
          .filter(line -> line.startsWith(key))
          .map(line -> line.substring(line.indexOf(':') + 1).strip())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
