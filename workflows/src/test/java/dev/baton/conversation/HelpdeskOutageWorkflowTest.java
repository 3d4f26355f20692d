package dev.baton.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.agents.AgentRequests;
import dev.baton.agents.AgentSnapshot;
import dev.baton.helpdesk.TicketStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The helpdesk never holds up a conversation: while it is down, the customer and the agent are
 * answered at once, and when it is back the ticket gets everything once, in order, with the
 * messages written meanwhile gathered into as few comments as can safely be.
 */
class HelpdeskOutageWorkflowTest {
  private static final Customer ADA = new Customer("cust-1", "Ada", "ada@example.com", null, "en");

  @RegisterExtension
  static final TestWorkflowExtension temporal = Conversations.extension();

  private FakeHelpdesk helpdesk;
  private FakeAgents agents;
  private TestWorkflowEnvironment env;
  private Fakes fakes;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    fakes = new Fakes(env, worker, client);
    helpdesk = fakes.helpdesk;
    agents = fakes.agents;
    this.env = env;
  }

  @Test
  void duringAnOutageEveryCallAnswersAtOnceAndTheTicketGetsEveryMessageOnceInOrder() {
    agents.agentsFree = 0;
    ConversationWorkflow conversation = fakes.start("outage", ADA);
    conversation.sendMessage(new CustomerMessage("m0", "I want a human"));
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.CALLBACK_SCHEDULED);
    assertThat(helpdesk.tickets).hasSize(1);

    helpdesk.down = true;
    List<String> written = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String text = "message " + i + " while the helpdesk is down";
      long before = env.currentTimeMillis();
      TurnResult answered = conversation.sendMessage(new CustomerMessage("m" + i, text));
      assertThat(env.currentTimeMillis() - before)
          .as("workflow time spent answering message %d (a helpdesk retry alone waits a second)", i)
          .isLessThan(1_000);
      assertThat(answered.replies()).singleElement().satisfies(r -> assertThat(r.text()).isEqualTo("Added to ticket #101."));
      written.add(text);
    }
    long before = env.currentTimeMillis();
    ConversationView taken =
        conversation.takeover(
            new AgentRequests.Takeover(new AgentSnapshot("alice", "Alice", "ONLINE", List.of("orders", "general"), 0, 3)));
    assertThat(env.currentTimeMillis() - before).isLessThan(1_000);
    assertThat(taken.status()).isEqualTo(ConversationStatus.AGENT_ACTIVE);
    assertThat(helpdesk.applied).as("nothing reached the helpdesk while it was down").isEmpty();

    env.sleep(Duration.ofSeconds(60));
    helpdesk.down = false;
    env.sleep(Duration.ofMinutes(3));

    assertThat(helpdesk.tickets).as("tickets").hasSize(1);
    String comments = String.join("\n\n", helpdesk.comments.stream().map(c -> c.body()).toList());
    int at = -1;
    for (String text : written) {
      assertThat(comments).contains(text);
      assertThat(comments.indexOf(text)).as("the order of the messages").isGreaterThan(at);
      assertThat(comments.indexOf(text)).isEqualTo(comments.lastIndexOf(text));
      at = comments.indexOf(text);
    }
    assertThat(helpdesk.comments.size())
        .as("the first message's call was already out; the four after it became one comment")
        .isEqualTo(2);
    assertThat(helpdesk.applied).last().satisfies(a -> assertThat(a).startsWith("update " + TicketStatus.OPEN + " Taken over by Alice"));
  }

  @Test
  void aCallbackPromisedWhileTheHelpdeskIsDownAnswersInASecondAndKeepsItsTicketWhenItComes() {
    agents.agentsFree = 0;
    helpdesk.down = true;
    ConversationWorkflow conversation = fakes.start("late-ticket", ADA);
    long before = env.currentTimeMillis();

    TurnResult answered = conversation.sendMessage(new CustomerMessage("m0", "I want a human"));

    assertThat(env.currentTimeMillis() - before).as("workflow time spent answering").isLessThan(1_500);
    assertThat(answered.status()).isEqualTo(ConversationStatus.CALLBACK_SCHEDULED);
    assertThat(answered.replies()).last().satisfies(r -> assertThat(r.text()).startsWith("Nobody from").contains("A ticket is on its way"));
    assertThat(helpdesk.tickets).isEmpty();

    env.sleep(Duration.ofSeconds(30));
    helpdesk.down = false;
    env.sleep(Duration.ofMinutes(1));
    TurnResult next = conversation.sendMessage(new CustomerMessage("m1", "my order number is 12345678"));

    assertThat(helpdesk.tickets).as("one ticket, filed once the helpdesk was back").hasSize(1);
    assertThat(next.replies()).singleElement().satisfies(r -> assertThat(r.text()).isEqualTo("Added to ticket #101."));
  }

  @Test
  void aCallbackTicketRefusedAfterThePromiseIsNotedForStaff() {
    agents.agentsFree = 0;
    helpdesk.down = true;
    ConversationWorkflow conversation = fakes.start("late-refusal", ADA);
    conversation.sendMessage(new CustomerMessage("m0", "I want a human"));

    helpdesk.reject = true;
    helpdesk.down = false;
    env.sleep(Duration.ofMinutes(1));

    ConversationView view = conversation.state();
    assertThat(helpdesk.tickets).isEmpty();
    assertThat(view.callback().ticketId()).isNull();
    assertThat(view.summary().agentNotes()).singleElement().satisfies(n -> assertThat(n).contains("the callback ticket could not be filed"));
  }

  @Test
  void aLongOutageWithATalkativeCustomerKeepsTheQueuedCommentSmall() {
    agents.agentsFree = 0;
    ConversationWorkflow conversation = fakes.start("outage-long", ADA);
    conversation.sendMessage(new CustomerMessage("m0", "I want a human"));
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.CALLBACK_SCHEDULED);

    helpdesk.down = true;
    for (int i = 1; i <= 40; i++) {
      conversation.sendMessage(new CustomerMessage("m" + i, "message " + i + " " + "x".repeat(3900)));
    }
    env.sleep(Duration.ofSeconds(60));
    helpdesk.down = false;
    env.sleep(Duration.ofMinutes(3));

    assertThat(helpdesk.comments).isNotEmpty();
    assertThat(helpdesk.comments).allSatisfy(c -> assertThat(c.body().length()).isLessThanOrEqualTo(TicketSync.MAX_MERGED_COMMENT + 100));
    assertThat(helpdesk.comments.get(helpdesk.comments.size() - 1).body()).endsWith(TicketSync.MORE_IN_TRANSCRIPT);
  }
}
