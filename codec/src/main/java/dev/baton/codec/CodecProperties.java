package dev.baton.codec;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payload encryption ({@code baton.codec.*}); docs/security.md says how to make and rotate keys.
 *
 * @param keys every key that may still have to decrypt something, as {@code id:base64,…}
 * @param current the id new payloads are encrypted with (blank: the first key)
 * @param plaintext run without encryption: only for a throwaway local setup, and loudly logged
 * @param corsOrigins the Temporal UI origins allowed to call the api's codec endpoint
 */
@ConfigurationProperties("baton.codec")
public record CodecProperties(
    String keys,
    String current,
    @DefaultValue("false") boolean plaintext,
    @DefaultValue({"http://127.0.0.1:8233", "http://localhost:8233"}) List<String> corsOrigins) {}
