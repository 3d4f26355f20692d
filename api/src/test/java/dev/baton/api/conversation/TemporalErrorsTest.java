package dev.baton.api.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import dev.baton.conversation.ConversationWorkflow;
import dev.baton.store.conversation.ConversationStore;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Temporal's errors become what they mean for the client: its mistake (400, 413), slow down
 * (429), or try again (503); never "retry" for a call that can never succeed.
 */
class TemporalErrorsTest {
  @ParameterizedTest(name = "{0} ({1}) answers {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          INVALID_ARGUMENT   | workflow id is invalid                                  | 400 | invalid-request     |
          INVALID_ARGUMENT   | Blob data size exceeds limit.                           | 413 | payload-too-large   |
          RESOURCE_EXHAUSTED | namespace rate limit exceeded                           | 429 | too-many-requests   | 2
          RESOURCE_EXHAUSTED | grpc: received message larger than max (5000000 vs. 4194304) | 413 | payload-too-large |
          DEADLINE_EXCEEDED  | deadline exceeded after 29.9s                           | 503 | service-unavailable | 2
          UNAVAILABLE        | connection refused                                      | 503 | service-unavailable | 2
          NOT_FOUND          | workflow not found                                      | 404 | conversation-not-found |
          """)
  void aTemporalErrorAnswersWhatItMeans(String code, String description, int status, String type, String retryAfter) {
    WorkflowClient client = mock(WorkflowClient.class);
    ConversationWorkflow conversation = mock(ConversationWorkflow.class);
    given(client.newWorkflowStub(eq(ConversationWorkflow.class), anyString())).willReturn(conversation);
    given(conversation.state()).willThrow(new StatusRuntimeException(Status.fromCode(Status.Code.valueOf(code)).withDescription(description)));
    ConversationStore store = mock(ConversationStore.class);
    given(store.find("c-1")).willReturn(Optional.empty());
    var properties = new ConversationProperties(4000, Duration.ofMinutes(15), 500, Duration.ofSeconds(5), 1000, 500);

    ConversationException thrown =
        catchThrowableOfType(ConversationException.class, () -> new ConversationService(client, store, properties).state("c-1"));

    assertThat(thrown.problem().getStatus()).isEqualTo(status);
    assertThat(thrown.problem().getType()).hasToString("urn:baton:problem:" + type);
    assertThat(thrown.headers().getFirst("Retry-After")).isEqualTo(retryAfter);
  }
}
