package dev.baton.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Payloads in plain text are for a throwaway laptop setup, never for production. */
class CodecConfigurationTest {
  private static final CodecProperties PLAINTEXT = new CodecProperties(null, null, true, List.of());

  @Test
  void aLaptopMayRunWithoutEncryption() {
    assertThat(new CodecConfiguration().encryptionCodec(PLAINTEXT, new MockEnvironment())).isNull();
  }

  @Test
  void theProdProfileRefusesPlaintextPayloads() {
    MockEnvironment prod = new MockEnvironment();
    prod.setActiveProfiles("prod");

    assertThatThrownBy(() -> new CodecConfiguration().encryptionCodec(PLAINTEXT, prod))
        .hasMessageContaining("prod profile refuses")
        .hasMessageContaining("BATON_CODEC_PLAINTEXT");
  }
}
