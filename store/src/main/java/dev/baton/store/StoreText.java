package dev.baton.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.baton.text.CleanText;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import java.util.Iterator;
import java.util.Map;

/**
 * Repairs text before it is written, so that a character PostgreSQL refuses (NUL, in text and
 * jsonb alike) can never fail a write, and with it every write retried after it. The api refuses
 * such characters at its door; this is for whatever reaches a store by another way. A repaired
 * character becomes U+FFFD ({@link CleanText#repair}), which readers of the transcript see.
 */
public final class StoreText {
  /** Temporal's own mapper: the values repaired here are the payloads it reads and writes. */
  private static final ObjectMapper JSON = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  private StoreText() {}

  /** {@code text}, repaired; the same instance when nothing needed repair. */
  public static String repair(String text) {
    return CleanText.repair(text);
  }

  /**
   * {@code value} with every string in it repaired, and how many strings were; the same
   * instance when none was.
   */
  public static <T> Repaired<T> repair(T value, Class<T> type) {
    if (value == null) {
      return new Repaired<>(null, 0);
    }
    JsonNode tree = JSON.valueToTree(value);
    int repaired = repairTree(tree);
    if (repaired == 0) {
      return new Repaired<>(value, 0);
    }
    try {
      return new Repaired<>(JSON.treeToValue(tree, type), repaired);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("A repaired " + type.getSimpleName() + " cannot be read back", e);
    }
  }

  /** A value after repair, and the number of strings in it that were changed. */
  public record Repaired<T>(T value, int strings) {}

  private static int repairTree(JsonNode node) {
    int count = 0;
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode child = field.getValue();
        if (child.isTextual()) {
          String fixed = CleanText.repair(child.textValue());
          if (!fixed.equals(child.textValue())) {
            field.setValue(TextNode.valueOf(fixed));
            count++;
          }
        } else {
          count += repairTree(child);
        }
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        if (child.isTextual()) {
          String fixed = CleanText.repair(child.textValue());
          if (!fixed.equals(child.textValue())) {
            array.set(i, TextNode.valueOf(fixed));
            count++;
          }
        } else {
          count += repairTree(child);
        }
      }
    }
    return count;
  }
}
