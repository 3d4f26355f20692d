package dev.baton.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one codec for the jsonb columns (handoff summaries, business hours). Both processes read
 * and write stored documents only through it, so a document has one shape whatever Jackson the
 * process itself speaks HTTP with. Unknown fields are skipped: a row written by a newer release
 * still reads.
 */
public final class StoreJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private StoreJson() {}

  /** The document for {@code value}; {@code null} stays {@code null} (SQL NULL). */
  public static String write(Object value) {
    if (value == null) {
      return null;
    }
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  /** The value stored as {@code json}; {@code null} stays {@code null}. */
  public static <T> T read(String json, Class<T> type) {
    if (json == null) {
      return null;
    }
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored " + type.getSimpleName() + " cannot be read: " + e.getOriginalMessage(), e);
    }
  }
}
