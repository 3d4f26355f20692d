package dev.baton.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The data converter of every Temporal client and worker in Baton: Temporal's default, with
 * every payload encrypted by {@link EncryptionCodec}. The Temporal Spring Boot starter uses the
 * bean named {@code mainDataConverter}. Without keys the app refuses to start, unless
 * {@code baton.codec.plaintext} says otherwise, which the {@code prod} profile refuses.
 */
@AutoConfiguration
@EnableConfigurationProperties(CodecProperties.class)
public class CodecConfiguration {
  private static final Logger log = LoggerFactory.getLogger(CodecConfiguration.class);

  @Bean
  EncryptionCodec encryptionCodec(CodecProperties properties, Environment environment) {
    if (properties.plaintext() && environment.acceptsProfiles(Profiles.of("prod"))) {
      throw new IllegalStateException(
          "The prod profile refuses to start: BATON_CODEC_PLAINTEXT=true would store customers' messages in"
              + " Temporal's history unencrypted. Set BATON_CODEC_KEYS instead (docs/security.md).");
    }
    if (properties.plaintext() && (properties.keys() == null || properties.keys().isBlank())) {
      return null;
    }
    if (properties.keys() == null || properties.keys().isBlank()) {
      throw new IllegalStateException(
          "No payload encryption key: set BATON_CODEC_KEYS (id:base64 of 32 random bytes, see docs/security.md),"
              + " or BATON_CODEC_PLAINTEXT=true for a throwaway local setup");
    }
    CodecKeys keys = CodecKeys.parse(properties.keys(), properties.current());
    log.info("Temporal payloads are encrypted with key {}", keys.currentId());
    return new EncryptionCodec(keys);
  }

  @Bean
  DataConverter mainDataConverter(CodecProperties properties, org.springframework.beans.factory.ObjectProvider<EncryptionCodec> codec) {
    EncryptionCodec encryption = codec.getIfAvailable();
    if (encryption == null) {
      log.warn("UNSAFE: Temporal payloads are stored in plain text (baton.codec.plaintext=true)");
      return DefaultDataConverter.newDefaultInstance();
    }
    // Summaries and current details stay readable in the Temporal UI without the codec endpoint.
    return new OperatorReadableConverter(
        new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(encryption)),
        DefaultDataConverter.newDefaultInstance());
  }
}
