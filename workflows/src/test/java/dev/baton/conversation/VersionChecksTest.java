package dev.baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Old runs' code stays out of the live paths: the {@code Workflow.getVersion} decisions and every
 * branch kept for runs started before a change live in the legacy package, and the live classes
 * ask their run's {@link Era} instead of checking versions. Read from the sources, comments
 * included, so a check cannot come back as a "temporary" line either.
 */
class VersionChecksTest {
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path LEGACY = SOURCES.resolve("dev/baton/conversation/legacy");
  private static final Pattern VERSION_CHECK = Pattern.compile("getVersion\\s*\\(|\\b[vV]ersions\\.");
  private static final Pattern LEGACY_NAMED = Pattern.compile("\\bdev\\.baton\\.conversation\\.legacy\\b");

  @Test
  void noVersionCheckOutsideTheLegacyPackage() throws IOException {
    List<String> checks = new ArrayList<>();
    for (Path file : live()) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (VERSION_CHECK.matcher(lines.get(i)).find()) {
          checks.add(SOURCES.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
      }
    }

    assertThat(checks).as("version checks outside %s", LEGACY).isEmpty();
  }

  /**
   * The live code reaches the legacy package at two places only: where a run's versions are
   * decided (which picks its {@link Era}), and the input record, which must still read the state
   * that runs of the old shape handed over.
   */
  @Test
  void theLiveCodeNamesTheLegacyPackageOnlyAtItsSeam() throws IOException {
    Set<String> naming = new TreeSet<>();
    for (Path file : live()) {
      if (LEGACY_NAMED.matcher(Files.readString(file)).find()) {
        naming.add(file.getFileName().toString());
      }
    }

    assertThat(naming).as("live files naming the legacy package").isSubsetOf("Turns.java", "ConversationStart.java");
  }

  @Test
  void theLegacyPackageMakesTheVersionDecisions() throws IOException {
    assertThat(Files.readString(LEGACY.resolve("Versions.java"))).contains("Workflow.getVersion(");
  }

  private static List<Path> live() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(f -> f.toString().endsWith(".java")).filter(f -> !f.startsWith(LEGACY)).sorted().toList();
    }
  }
}
