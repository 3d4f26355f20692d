package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.conversation.BatonSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The dev server must know every search attribute the workflow upserts, with the same type, or
 * Temporal fails the workflow task and conversations stop answering.
 */
class SearchAttributesTest {
  @Test
  void deployRegistersEveryAttributeTheWorkflowUpserts() {
    Map<String, String> registered =
        BatonStack.searchAttributes(Path.of("search-attributes.txt")).stream()
            .map(line -> line.split("=", 2))
            .collect(Collectors.toMap(pair -> pair[0], pair -> normalized(pair[1])));

    Map<String, String> used =
        BatonSearchAttributes.ALL.stream()
            .collect(Collectors.toMap(key -> key.getName(), key -> normalized(key.getValueType())));

    assertThat(registered).containsAllEntriesOf(used);
  }

  /** "KeywordList" in the file, INDEXED_VALUE_TYPE_KEYWORD_LIST in the SDK. */
  private static String normalized(String type) {
    return type.replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static String normalized(IndexedValueType type) {
    return normalized(type.name().substring("INDEXED_VALUE_TYPE_".length()));
  }
}
