package dev.baton.api.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pages' scripts (static/) stay small enough for the next engineer to read: native ES modules
 * by concern, none over {@value #MOST_LINES} lines, each import naming a file that is there (no
 * build step would catch a wrong one before a browser does).
 */
class PageScriptsTest {
  static final Path STATIC = Path.of("src", "main", "resources", "static");
  private static final int MOST_LINES = 300;
  private static final Pattern IMPORT = Pattern.compile("^import .* from '([^']+)';$", Pattern.MULTILINE);

  @Test
  void noPageScriptIsOverThreeHundredLines() {
    List<String> tooLong = new ArrayList<>();
    for (Path script : scripts()) {
      long lines = lines(script).size();
      if (lines > MOST_LINES) {
        tooLong.add(STATIC.relativize(script) + " (" + lines + " lines)");
      }
    }
    assertThat(scripts()).as("the page scripts under %s", STATIC).isNotEmpty();
    assertThat(tooLong).as("page scripts over %d lines: split them into modules by concern", MOST_LINES).isEmpty();
  }

  @Test
  void everyImportNamesAScriptThatIsThere() {
    List<String> missing = new ArrayList<>();
    for (Path script : scripts()) {
      for (String target : imports(script)) {
        if (!Files.isRegularFile(script.resolveSibling(target).normalize())) {
          missing.add(STATIC.relativize(script) + " imports " + target);
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  /** Every script under static/. */
  static List<Path> scripts() {
    try (Stream<Path> files = Files.walk(STATIC)) {
      return files.filter(f -> f.toString().endsWith(".js")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The relative paths a module imports ('./x.js', '../baton/y.js'). */
  static List<String> imports(Path script) {
    List<String> found = new ArrayList<>();
    Matcher matcher = IMPORT.matcher(String.join("\n", lines(script)));
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  private static List<String> lines(Path script) {
    try {
      return Files.readAllLines(script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
