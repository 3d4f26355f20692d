package dev.baton.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncryptionCodecTest {
  private static final String OLD = "k1:" + key(1);
  private static final String NEW = "k2:" + key(2);

  @Test
  void aPayloadIsUnreadableEncryptedAndComesBackWhole() {
    EncryptionCodec codec = new EncryptionCodec(CodecKeys.parse(OLD, null));
    Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload(Map.of("card", "4111 1111 1111 1111")).orElseThrow();

    Payload sealed = codec.encode(List.of(plain)).get(0);

    assertThat(sealed.toByteString().toString(StandardCharsets.ISO_8859_1)).doesNotContain("4111");
    assertThat(sealed.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo(EncryptionCodec.ENCODING);
    assertThat(sealed.getMetadataOrThrow(EncryptionCodec.KEY_ID).toStringUtf8()).isEqualTo("k1");
    assertThat(codec.decode(List.of(sealed))).containsExactly(plain);
  }

  @Test
  void afterARotationNewPayloadsUseTheNewKeyAndOldOnesStillDecrypt() {
    Payload plain = DefaultDataConverter.STANDARD_INSTANCE.toPayload("ada@example.com").orElseThrow();
    Payload underOld = new EncryptionCodec(CodecKeys.parse(OLD, null)).encode(List.of(plain)).get(0);

    EncryptionCodec rotated = new EncryptionCodec(CodecKeys.parse(NEW + "," + OLD, "k2"));
    Payload underNew = rotated.encode(List.of(plain)).get(0);

    assertThat(underNew.getMetadataOrThrow(EncryptionCodec.KEY_ID).toStringUtf8()).isEqualTo("k2");
    assertThat(rotated.decode(List.of(underOld, underNew))).containsExactly(plain, plain);
    assertThatThrownBy(() -> new EncryptionCodec(CodecKeys.parse(NEW, null)).decode(List.of(underOld)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("k1");
  }

  @Test
  void historyRecordedBeforeEncryptionPassesThroughUnchanged() {
    CodecDataConverter converter =
        new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(new EncryptionCodec(CodecKeys.parse(OLD, null))));
    Payload recordedPlain = DefaultDataConverter.STANDARD_INSTANCE.toPayload("hello").orElseThrow();

    assertThat(converter.fromPayload(recordedPlain, String.class, String.class)).isEqualTo("hello");
    assertThat(converter.fromPayload(converter.toPayload("hello").orElseThrow(), String.class, String.class)).isEqualTo("hello");
  }

  @Test
  void anAlteredPayloadIsRefusedNotMisread() {
    EncryptionCodec codec = new EncryptionCodec(CodecKeys.parse(OLD, null));
    Payload sealed = codec.encode(List.of(DefaultDataConverter.STANDARD_INSTANCE.toPayload("x").orElseThrow())).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload altered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();

    assertThatThrownBy(() -> codec.decode(List.of(altered))).isInstanceOf(PayloadCodecException.class);
  }

  @Test
  void keysThatCannotBeUsedAreRefusedWithoutShowingThem() {
    assertThatThrownBy(() -> CodecKeys.parse("", null)).hasMessageContaining("No payload key");
    assertThatThrownBy(() -> CodecKeys.parse("k1:" + Base64.getEncoder().encodeToString(new byte[16]), null))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> CodecKeys.parse(OLD, "k9")).hasMessageContaining("k9");
  }

  private static String key(int fill) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) fill);
    return Base64.getEncoder().encodeToString(bytes);
  }
}
