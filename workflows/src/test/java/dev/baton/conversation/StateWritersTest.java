package dev.baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No field of {@link ConversationState} is written from more than two classes: what several
 * phases change together (the escalation and the summary when a conversation is rerouted, the
 * pickup clock, the waiting rules) is one named transition of the state, not assignments spread
 * across the phases. Read from the sources: an assignment, an increment, or a call that changes a
 * collection field.
 */
class StateWritersTest {
  private static final Path SOURCES = Path.of("src/main/java");

  @Test
  void noFieldIsWrittenFromMoreThanTwoClasses() throws IOException {
    Map<String, Set<String>> writers = new TreeMap<>();
    for (Field field : ConversationState.class.getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) || !Modifier.isPublic(field.getModifiers())) {
        continue;
      }
      writers.put(field.getName(), new TreeSet<>());
    }
    assertThat(writers).as("the state's fields").hasSizeGreaterThan(20);

    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String name = file.getFileName().toString().replace(".java", "");
        String source = Files.readString(file);
        for (Map.Entry<String, Set<String>> field : writers.entrySet()) {
          if (writes(source, field.getKey(), name.equals("ConversationState"))) {
            field.getValue().add(name);
          }
        }
      }
    }

    assertThat(writers).allSatisfy((field, classes) -> assertThat(classes).as("classes writing %s", field).hasSizeLessThanOrEqualTo(2));
  }

  private static boolean writes(String source, String field, boolean own) {
    String change = "\\s*(?:=(?!=)|\\+\\+|--|\\+=|-=)|\\.(?:add|addAll|put|putAll|remove|clear|set)\\(";
    // "this.field = …" in another class is that class's own field of the same name.
    String through = own ? "(?<![\\w.])" : "(?<!\\bthis)\\.";
    Pattern write = Pattern.compile(through + Pattern.quote(field) + "(?:" + change + ")");
    return source.lines()
        .filter(line -> !(own && line.strip().startsWith("public "))) // the declaration with its initial value
        .anyMatch(line -> write.matcher(line).find());
  }
}
