package dev.baton.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.internal.common.WorkflowExecutionUtils;
import io.temporal.payload.context.WorkflowSerializationContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Temporal UI shows summaries and current details without the codec endpoint, while
 * everything a conversation carries stays encrypted.
 */
class OperatorReadableConverterTest {
  private static final String KEY = "k1:" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
  private final DataConverter converter =
      new OperatorReadableConverter(
              new CodecDataConverter(
                  DefaultDataConverter.newDefaultInstance(), List.of(new EncryptionCodec(CodecKeys.parse(KEY, null)))),
              DefaultDataConverter.newDefaultInstance())
          .withContext(new WorkflowSerializationContext("default", "conversation-1"));

  @Test
  void userMetadataAsTheSdkWritesItIsReadableWithoutDecoding() {
    var metadata = WorkflowExecutionUtils.makeUserMetaData("pickup SLA 2 minutes (billing)", "details", converter);

    assertThat(metadata.getSummary().getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("json/plain");
    assertThat(metadata.getSummary().getData().toStringUtf8()).isEqualTo("\"pickup SLA 2 minutes (billing)\"");
  }

  @Test
  void theCurrentDetailsQueryAnswerIsReadableAndOtherQueryAnswersAreNot() {
    // The SDK answers the workflow metadata query with toPayload.
    var answer = converter.toPayload(WorkflowMetadata.newBuilder().setCurrentDetails("**AWAITING_AGENT**").build());
    assertThat(answer.orElseThrow().getData().toStringUtf8()).contains("AWAITING_AGENT");
    var asList = converter.toPayloads(WorkflowMetadata.newBuilder().setCurrentDetails("**AWAITING_AGENT**").build());
    assertThat(asList.orElseThrow().getPayloads(0).getData().toStringUtf8()).contains("AWAITING_AGENT");

    Payload view = converter.toPayloads(Map.of("text", "my card is 4111 1111 1111 1111")).orElseThrow().getPayloads(0);
    assertThat(EncryptionCodec.encrypted(view)).isTrue();
    assertThat(view.getData().toString(StandardCharsets.UTF_8)).doesNotContain("4111");
  }

  @Test
  void argumentsAndResultsStayEncryptedEvenWhenTheyAreStrings() {
    Payload argument = converter.toPayloads("where is my order, I am Ada Lovelace").orElseThrow().getPayloads(0);

    assertThat(EncryptionCodec.encrypted(argument)).isTrue();
    assertThat(converter.fromPayloads(0, converter.toPayloads("hello"), String.class, String.class)).isEqualTo("hello");
  }
}
