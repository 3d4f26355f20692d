package dev.baton.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
