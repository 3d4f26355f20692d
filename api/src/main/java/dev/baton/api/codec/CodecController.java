package dev.baton.api.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.codec.EncryptionCodec;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec protocol, so that the Temporal UI (and {@code temporal} with
 * {@code --codec-endpoint}) can show the payloads Baton encrypts: {@code POST …/decode} and
 * {@code POST …/encode}, each with {@code {"payloads":[…]}} as protobuf JSON. Whoever may call it
 * reads every conversation: {@link #PATH} is the one path the security rules must keep to
 * signed-in operators (docs/security.md).
 */
@RestController
@RequestMapping(path = CodecController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Codec", description = "Temporal's remote codec, for the Temporal UI of operators")
class CodecController {
  /** The codec endpoint; the Temporal UI is started with {@code --ui-codec-endpoint <api>/api/v1/codec}. */
  static final String PATH = "/api/v1/codec";

  private final EncryptionCodec codec;

  CodecController(ObjectProvider<EncryptionCodec> codec) {
    // Without keys (baton.codec.plaintext) payloads are plain and both directions pass them on.
    this.codec = codec.getIfAvailable();
  }

  @PostMapping(path = "/decode", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The payloads (Temporal's JSON)",
      content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @io.swagger.v3.oas.annotations.media.Schema(types = "object")))
  @Operation(summary = "Decrypt payloads (Temporal's codec protocol)")
  String decode(@RequestBody String body) {
    return apply(body, codec == null ? UnaryOperator.identity() : codec::decode);
  }

  @PostMapping(path = "/encode", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The payloads (Temporal's JSON)",
      content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
          schema = @io.swagger.v3.oas.annotations.media.Schema(types = "object")))
  @Operation(summary = "Encrypt payloads (Temporal's codec protocol)")
  String encode(@RequestBody String body) {
    return apply(body, codec == null ? UnaryOperator.identity() : codec::encode);
  }

  private static String apply(String body, UnaryOperator<List<Payload>> transform) {
    Payloads.Builder payloads = Payloads.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(body, payloads);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw new ApiException(
          Problems.MALFORMED_JSON, HttpStatus.BAD_REQUEST, "The body must be {\"payloads\": [...]} as protobuf JSON.");
    }
    List<Payload> done;
    try {
      done = transform.apply(payloads.getPayloadsList());
    } catch (PayloadCodecException e) {
      throw new ApiException(Problems.INVALID_REQUEST, HttpStatus.BAD_REQUEST, e.getMessage());
    }
    try {
      return JsonFormat.printer().omittingInsignificantWhitespace().print(Payloads.newBuilder().addAllPayloads(done).build());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("Payloads cannot be printed as JSON", e);
    }
  }
}
