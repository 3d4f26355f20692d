package dev.baton.api.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.ConversationWorkflow;
import dev.baton.conversation.Customer;
import dev.baton.store.conversation.ConversationStore;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * A conversation's state while Baton's database does not answer: a running one is read from its
 * workflow, which is the record; a finished one, known only to the database, is a store failure
 * (503 to the caller), never "not found".
 */
class StateWithoutStoreTest {
  private final WorkflowClient client = mock(WorkflowClient.class);
  private final ConversationWorkflow conversation = mock(ConversationWorkflow.class);
  private final ConversationStore store = mock(ConversationStore.class);
  private final ConversationService service =
      new ConversationService(
          client, store, new ConversationProperties(4000, Duration.ofMinutes(15), 500, Duration.ofSeconds(5), 1000, 500));

  @BeforeEach
  void databaseDown() {
    given(client.newWorkflowStub(eq(ConversationWorkflow.class), anyString())).willReturn(conversation);
    given(store.find("c-1"))
        .willThrow(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", new SQLTransientConnectionException("timed out")));
  }

  @Test
  void aRunningConversationIsReadFromItsWorkflow() {
    ConversationView live =
        new ConversationView(
            "c-1", new Customer("cust-1", "Ada", null, "standard", "en"), "web", ConversationStatus.BOT_ACTIVE, null, 0, 0,
            null, null, 4, 2, null, null, null);
    given(conversation.state()).willReturn(live);

    assertThat(service.state("c-1")).isEqualTo(live);
  }

  @Test
  void aFinishedConversationWaitsForTheDatabase() {
    given(conversation.state())
        .willThrow(new WorkflowNotFoundException(WorkflowExecution.newBuilder().setWorkflowId("conversation-c-1").build(), "ConversationWorkflow", null));

    assertThat(catchThrowable(() -> service.state("c-1"))).isInstanceOf(DataAccessException.class);
  }
}
