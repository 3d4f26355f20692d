package dev.baton.codec;

import io.temporal.payload.codec.PayloadCodecException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payload keys: every key that may still have to decrypt something, by id, and the one new
 * payloads are encrypted with. Read from configuration as {@code id:base64,id:base64}; each key
 * is 32 random bytes (AES-256), for example {@code openssl rand -base64 32}.
 */
public final class CodecKeys {
  private final Map<String, SecretKey> keys;
  private final String currentId;

  private CodecKeys(Map<String, SecretKey> keys, String currentId) {
    this.keys = Map.copyOf(keys);
    this.currentId = currentId;
  }

  /**
   * @param keys {@code id:base64} pairs, comma separated
   * @param current the id new payloads are encrypted with; blank for the first key listed
   * @throws IllegalArgumentException naming what is wrong (never the key itself)
   */
  public static CodecKeys parse(String keys, String current) {
    Map<String, SecretKey> parsed = new LinkedHashMap<>();
    for (String entry : keys == null ? new String[0] : keys.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      int colon = entry.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("A payload key must be written id:base64; one has no id");
      }
      String id = entry.substring(0, colon).trim();
      if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new IllegalArgumentException("Payload key id '" + id + "' must be 1-64 letters, digits or ._-");
      }
      byte[] bytes;
      try {
        bytes = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("Payload key " + id + " is not base64");
      }
      if (bytes.length != 32) {
        throw new IllegalArgumentException("Payload key " + id + " must be 32 bytes (AES-256), not " + bytes.length);
      }
      if (parsed.put(id, new SecretKeySpec(bytes, "AES")) != null) {
        throw new IllegalArgumentException("Payload key id " + id + " is listed twice");
      }
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException("No payload key is configured");
    }
    String currentId = current == null || current.isBlank() ? parsed.keySet().iterator().next() : current.trim();
    if (!parsed.containsKey(currentId)) {
      throw new IllegalArgumentException("The current payload key " + currentId + " is not among the keys");
    }
    return new CodecKeys(parsed, currentId);
  }

  public String currentId() {
    return currentId;
  }

  SecretKey current() {
    return keys.get(currentId);
  }

  SecretKey byId(String id) {
    SecretKey key = keys.get(id);
    if (key == null) {
      throw new PayloadCodecException("No payload key " + id + " is configured; was it removed too early?");
    }
    return key;
  }
}
