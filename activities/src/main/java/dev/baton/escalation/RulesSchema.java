package dev.baton.escalation;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON Schema (2020-12, checked by networknt's json-schema-validator) for a YAML file a person
 * edits, whose problems read as sentences that start with the key: {@code defaults.confidence
 * must be within 0..1, was 1.7}, {@code defaults.maxClarification is not a known key}. A
 * {@code message} object beside a keyword in the schema says what to print for it.
 */
final class RulesSchema {
  private final JsonNode tree;
  private final Schema schema;

  private RulesSchema(JsonNode tree) {
    this.tree = tree;
    SchemaRegistryConfig config = SchemaRegistryConfig.builder().errorMessageKeyword("message").build();
    this.schema =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemaRegistryConfig(config))
            .getSchema(tree);
  }

  /** The schema at {@code resource} on the class path. */
  static RulesSchema load(String resource) {
    try (InputStream in = RulesSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("No schema " + resource + " on the class path");
      }
      return new RulesSchema(JsonMapper.shared().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema itself, for tests that hold it to the code. */
  JsonNode tree() {
    return tree;
  }

  /** Every problem of {@code document}, each naming its key; empty when it fits. */
  List<String> problems(JsonNode document) {
    Set<String> problems = new LinkedHashSet<>();
    for (Error error : schema.validate(document)) {
      problems.add(sentence(error));
    }
    return new ArrayList<>(problems);
  }

  private String sentence(Error error) {
    String key = key(error.getInstanceLocation());
    String value = error.getInstanceNode() == null ? "" : shown(error.getInstanceNode());
    return switch (error.getKeyword()) {
      case "required" -> join(key, error.getProperty()) + " is required";
      case "additionalProperties" -> join(key, error.getProperty()) + " is not a known key";
      // The name's own schema says what is wrong with it (e.g. "is not a reason").
      case "propertyNames" -> join(key, error.getProperty()) + " " + error.getArguments()[1] + oneOf(error);
      case "minimum", "maximum" -> key + " " + range(error) + ", was " + value;
      default ->
          error.isCustomMessage()
              ? key + " " + error.getMessage() + (value.isEmpty() ? "" : ", was '" + value + "'")
              : key + " " + plain(error, value);
    };
  }

  /** "must be within 0..1" or "must be at least 1", from the bounds beside the one broken. */
  private String range(Error error) {
    JsonNode bounds = tree.at(pointer(error.getSchemaLocation().getFragment().getParent()));
    JsonNode min = bounds.path("minimum");
    JsonNode max = bounds.path("maximum");
    if (min.isNumber() && max.isNumber()) {
      return "must be within " + min.asString() + ".." + max.asString();
    }
    return min.isNumber() ? "must be at least " + min.asString() : "must be at most " + max.asString();
  }

  /** The allowed names, where the name's schema is a list of them. */
  private String oneOf(Error error) {
    JsonNode names = error.getSchemaNode();
    if (names.has("$ref")) {
      names = tree.at(names.path("$ref").asString().substring(1));
    }
    List<String> allowed = new ArrayList<>();
    names.path("enum").forEach(n -> allowed.add(n.asString()));
    return allowed.isEmpty() ? "" : "; one of " + allowed;
  }

  private static String plain(Error error, String value) {
    if (error.getKeyword().equals("type")) {
      JsonNode type = error.getSchemaNode();
      String expected = type.isArray() ? type.get(0).asString() : type.asString();
      return switch (expected) {
        case "number" -> "must be a number, was '" + value + "'";
        case "integer" -> "must be a whole number, was '" + value + "'";
        case "array" -> "must be a list";
        case "object" -> "must be a mapping";
        default -> "must be text, was '" + value + "'";
      };
    }
    return error.getMessage();
  }

  private static String shown(JsonNode node) {
    return node.isValueNode() ? node.asString() : "";
  }

  /** {@code sensitiveIntents[4]}, {@code defaults.confidence}; empty for the document itself. */
  private static String key(NodePath path) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      Object element = path.getElement(i);
      if (element instanceof Integer index) {
        key.append('[').append(index).append(']');
      } else {
        key.append(key.isEmpty() ? "" : ".").append(element);
      }
    }
    return key.toString();
  }

  private static String join(String key, String name) {
    return key.isEmpty() ? name : key + "." + name;
  }

  private static String pointer(NodePath path) {
    StringBuilder pointer = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      pointer.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
    }
    return pointer.toString();
  }
}
