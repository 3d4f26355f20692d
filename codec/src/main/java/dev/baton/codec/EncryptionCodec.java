package dev.baton.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts each Temporal payload whole (its metadata and data) with AES-256-GCM under the
 * current key, and names the key in the new payload's metadata so that older keys keep
 * decrypting after a rotation. A payload without this codec's encoding (history recorded before
 * encryption, or another client's) is passed through as it is.
 */
public final class EncryptionCodec implements PayloadCodec {
  /** The {@code encoding} of an encrypted payload. */
  public static final String ENCODING = "binary/encrypted";
  /** Metadata naming the key that encrypted the payload. */
  public static final String KEY_ID = "encryption-key-id";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ByteString ENCODING_BYTES = ByteString.copyFrom(ENCODING, StandardCharsets.UTF_8);

  private final CodecKeys keys;
  private final SecureRandom random = new SecureRandom();

  public EncryptionCodec(CodecKeys keys) {
    this.keys = keys;
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  /** Whether {@code payload} was encrypted by this codec. */
  public static boolean encrypted(Payload payload) {
    return ENCODING_BYTES.equals(payload.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY, ByteString.EMPTY));
  }

  private Payload encrypt(Payload payload) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    String keyId = keys.currentId();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(TAG_BITS, nonce));
      // The key id is authenticated too: a payload cannot be passed off as another key's.
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      return Payload.newBuilder()
          .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ENCODING_BYTES)
          .putMetadata(KEY_ID, ByteString.copyFrom(keyId, StandardCharsets.UTF_8))
          .setData(ByteString.copyFrom(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).flip()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("Cannot encrypt a payload with key " + keyId, e);
    }
  }

  private Payload decrypt(Payload payload) {
    if (!encrypted(payload)) {
      return payload;
    }
    String keyId = payload.getMetadataOrDefault(KEY_ID, ByteString.EMPTY).toString(StandardCharsets.UTF_8);
    byte[] data = payload.getData().toByteArray();
    if (data.length <= NONCE_BYTES) {
      throw new PayloadCodecException("An encrypted payload is too short to hold anything");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, keys.byId(keyId), new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException("Cannot decrypt a payload with key " + keyId + " (wrong key, or altered)", e);
    }
  }
}
