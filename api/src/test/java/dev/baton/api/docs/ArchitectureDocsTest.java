package dev.baton.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.conversation.BatonSearchAttributes;
import dev.baton.conversation.ConversationStatus;
import io.temporal.common.SearchAttributeKey;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md and the version table of docs/operations.md say what the code has: the
 * statuses and their moves, the search attributes, the workflow's change ids and the store's
 * tables. A change to any of them without its documentation fails here, naming the difference.
 */
class ArchitectureDocsTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @Test
  void theStatusTableHasEveryStatusWithItsMoves() throws IOException {
    Map<String, Set<String>> documented = new LinkedHashMap<>();
    for (String row : rows(section(read("architecture.md"), "## One conversation = one workflow"))) {
      String[] cells = cells(row);
      String status = firstCode(cells[0]);
      Set<String> moves = new TreeSet<>();
      if (!cells[2].strip().equals("terminal")) {
        codes(cells[2]).forEach(moves::add);
      }
      documented.put(status, moves);
    }

    Map<String, Set<String>> code = new LinkedHashMap<>();
    for (ConversationStatus status : ConversationStatus.values()) {
      code.put(
          status.name(),
          Arrays.stream(ConversationStatus.values()).filter(status::canMoveTo).map(Enum::name).collect(Collectors.toCollection(TreeSet::new)));
    }
    assertThat(documented).as("docs/architecture.md, the status table").isEqualTo(code);
  }

  @Test
  void operatorsReadEverySearchAttributeTheWorkflowWrites() throws IOException {
    Set<String> documented =
        codes(section(read("architecture.md"), "## What operators see"))
            .filter(name -> name.matches("Baton[A-Z][A-Za-z]+"))
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> code =
        BatonSearchAttributes.ALL.stream().map(SearchAttributeKey::getName).collect(Collectors.toCollection(TreeSet::new));

    assertThat(documented).as("search attributes in docs/architecture.md, What operators see").isEqualTo(code);
  }

  @Test
  void theVersionTableHasEveryChangeIdTheWorkflowRecords() throws Exception {
    Set<String> documented = new TreeSet<>();
    for (String row : rows(section(read("operations.md"), "### Version gates and when their old branches can go"))) {
      documented.add(firstCode(cells(row)[0]));
    }
    Set<String> code = new TreeSet<>();
    for (Field field : Class.forName("dev.baton.conversation.legacy.Versions").getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        field.setAccessible(true);
        code.add((String) field.get(null));
      }
    }
    assertThat(code).as("change ids in Versions").isNotEmpty();
    assertThat(documented).as("docs/operations.md, the version table").isEqualTo(code);
  }

  @Test
  void theStoreTableNamesEveryTableTheMigrationsCreate() throws IOException {
    Set<String> documented = new TreeSet<>();
    for (String row : rows(section(read("architecture.md"), "## The store"))) {
      codes(cells(row)[1]).forEach(documented::add);
    }
    Set<String> created = new TreeSet<>();
    Pattern create = Pattern.compile("(?i)create table (?:if not exists )?([a-z_]+)");
    Pattern drop = Pattern.compile("(?i)drop table (?:if exists )?([a-z_]+)");
    try (Stream<Path> migrations = Files.list(Path.of("..", "store", "src", "main", "resources", "db", "migration"))) {
      for (Path migration : migrations.sorted().toList()) {
        String sql = Files.readString(migration);
        create.matcher(sql).results().forEach(m -> created.add(m.group(1).toLowerCase()));
        drop.matcher(sql).results().forEach(m -> created.remove(m.group(1).toLowerCase()));
      }
    }
    assertThat(created).as("tables the migrations create").isNotEmpty();
    assertThat(documented).as("docs/architecture.md, the store's table").isEqualTo(created);
  }

  private static String read(String doc) throws IOException {
    return Files.readString(DOCS.resolve(doc));
  }

  /** From a heading to the next heading of the same or a higher level. */
  private static String section(String markdown, String heading) {
    int start = markdown.indexOf("\n" + heading + "\n");
    assertThat(start).as("the heading '%s'", heading).isNotNegative();
    String level = heading.substring(0, heading.indexOf(' '));
    Matcher next = Pattern.compile("\n#{1," + level.length() + "} ").matcher(markdown);
    int end = next.find(start + heading.length() + 1) ? next.start() : markdown.length();
    return markdown.substring(start, end);
  }

  /** The body rows of the first table in a section. */
  private static Stream<String> rowsOf(String section) {
    return section.lines().dropWhile(line -> !line.startsWith("|")).takeWhile(line -> line.startsWith("|")).skip(2);
  }

  private static Iterable<String> rows(String section) {
    return rowsOf(section).toList();
  }

  private static String[] cells(String row) {
    return row.substring(1).split("\\|", -1);
  }

  private static Stream<String> codes(String text) {
    return CODE.matcher(text).results().map(m -> m.group(1));
  }

  private static String firstCode(String cell) {
    return codes(cell).findFirst().orElseThrow(() -> new AssertionError("no `name` in " + cell));
  }
}
