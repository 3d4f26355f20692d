package dev.baton.api.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.baton.conversation.ConversationWorkflow;
import dev.baton.conversation.Customer;
import dev.baton.store.conversation.ConversationStore;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * Which conversation a start with a clientMessageId lands on. A customer the embedding site
 * vouched for and an anonymous caller live in separate id spaces: whatever customer id the
 * anonymous caller makes up (the verified one, or the verified one behind any prefix), a retried
 * start never lands on, or gets a token for, a verified customer's conversation.
 */
class ConversationIdsTest {
  private final WorkflowClient client = mock(WorkflowClient.class);
  private final ConversationService service =
      new ConversationService(client, mock(ConversationStore.class), mock(ConversationProperties.class));

  @Test
  void anAnonymousCallerNeverLandsOnAVerifiedCustomersConversation() {
    String verified = workflowIdOf(new Customer("cust-42", null, null, "vip", null, null, true), "m-1");

    for (String madeUp : new String[] {"cust-42", "verified:cust-42", "verified\ncust-42"}) {
      assertThat(workflowIdOf(new Customer(madeUp, null, null, "standard", null), "m-1"))
          .as("an anonymous start naming %s", madeUp)
          .isNotEqualTo(verified);
    }
  }

  /** Anonymous starts retried across the upgrade that separated the id spaces land where they did. */
  @Test
  void anAnonymousStartLandsWhereItAlwaysDid() {
    assertThat(workflowIdOf(new Customer("cust-1", null, null, "standard", null), "m-1"))
        .isEqualTo("conversation-" + java.util.UUID.nameUUIDFromBytes("cust-1\nm-1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void aRetriedStartLandsOnTheSameConversation() {
    Customer ada = new Customer("cust-7", null, null, "standard", null);
    Customer verifiedAda = new Customer("cust-7", null, null, "standard", null, null, true);
    assertThat(workflowIdOf(ada, "m-1")).isEqualTo(workflowIdOf(ada, "m-1"));
    assertThat(workflowIdOf(verifiedAda, "m-1")).isEqualTo(workflowIdOf(verifiedAda, "m-1"));
    assertThat(workflowIdOf(ada, "m-1")).isNotEqualTo(workflowIdOf(ada, "m-2"));
  }

  /** The workflow a start addresses; Temporal itself is a mock, so the start goes no further. */
  private String workflowIdOf(Customer customer, String clientMessageId) {
    org.mockito.Mockito.clearInvocations(client);
    catchThrowable(() -> service.start(customer, "web", "hello", clientMessageId));
    ArgumentCaptor<WorkflowOptions> options = ArgumentCaptor.forClass(WorkflowOptions.class);
    verify(client).newWorkflowStub(eq(ConversationWorkflow.class), options.capture());
    return options.getValue().getWorkflowId();
  }
}
