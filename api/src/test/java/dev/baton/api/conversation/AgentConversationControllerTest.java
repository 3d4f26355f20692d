package dev.baton.api.conversation;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.agents.AgentRequests;
import dev.baton.conversation.Author;
import dev.baton.conversation.ConversationFailures;
import dev.baton.conversation.ConversationFailures.Rejection;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.conversation.TurnResult;
import dev.baton.escalation.EscalationReason;
import dev.baton.escalation.HandoffSummary;
import dev.baton.store.agents.Agent;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** What agents do with a conversation over HTTP, and every refusal a console must show. */
// Security is tested on its own (SecurityTest); here only what the controller does.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(AgentConversationController.class)
@Import({AgentConversationControllerTest.Properties.class, ConversationReader.class, AgentNames.class, TemporalUiLinks.class})
@WithMockUser(username = "bob", roles = "AGENT")
class AgentConversationControllerTest {
  @TestConfiguration
  @EnableConfigurationProperties(ConversationProperties.class)
  static class Properties {}

  private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
  private static final Customer ADA = new Customer("cust-1", "Ada", null, "vip", "en");
  private static final Agent BOB = new Agent("bob", "Bob", "ONLINE", List.of("orders"), 2, 0, AT);
  private static final HandoffSummary SUMMARY =
      new HandoffSummary(
          "Refund for order 12345678", "Get the money back", List.of(), List.of(), EscalationReason.CUSTOMER_REQUEST,
          "asked", 0, "STABLE", 0.9, "refund", "orders", 2, "vip", "en", 0, "/api/v1/conversations/c-1/messages", List.of());

  @Autowired MockMvc mvc;
  @MockitoBean ConversationService conversations;
  @MockitoBean ConversationStore store;
  @MockitoBean AgentStore agents;
  @MockitoBean dev.baton.store.accounts.AccountStore accounts;

  @BeforeEach
  void roomForEveryTakeover() {
    given(agents.reserve(any(), any())).willReturn(true);
  }

  @Test
  void takingOverAnswersWithTheSummaryFirstThenTheTranscript() throws Exception {
    given(agents.find("bob")).willReturn(Optional.of(BOB));
    given(conversations.takeover("c-1", BOB.snapshot())).willReturn(view(ConversationStatus.AGENT_ACTIVE, "bob"));
    given(conversations.state("c-1")).willReturn(view(ConversationStatus.AGENT_ACTIVE, "bob"));
    Message hello = new Message(1, Author.CUSTOMER, null, "I want my money back", AT);
    given(store.messagesBefore("c-1", Long.MAX_VALUE, 101)).willReturn(List.of(hello));

    postJson("/api/v1/conversations/c-1/takeover", "{\"agentId\":\"bob\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.summary.primaryIssue").value("Refund for order 12345678"))
        .andExpect(jsonPath("$.transcript[0].text").value("I want my money back"))
        .andExpect(jsonPath("$.conversation.status").value("AGENT_ACTIVE"))
        .andExpect(jsonPath("$.conversation.assignedAgent").value("bob"));
  }

  /**
   * The conversation tells the customer who joined by the name the agent gave, else their
   * account's; an agent known only by their login joins as "An agent", never under the login.
   */
  @Test
  void theCustomerIsToldTheAgentsDisplayNameNeverTheirLogin() throws Exception {
    Agent loginOnly = new Agent("bob", "bob", "ONLINE", List.of("orders"), 2, 0, AT);
    given(agents.find("bob")).willReturn(Optional.of(loginOnly));
    given(conversations.takeover(org.mockito.ArgumentMatchers.eq("c-1"), any())).willReturn(view(ConversationStatus.AGENT_ACTIVE, "bob"));
    given(conversations.state("c-1")).willReturn(view(ConversationStatus.AGENT_ACTIVE, "bob"));

    postJson("/api/v1/conversations/c-1/takeover", "{}").andExpect(status().isOk());
    given(accounts.find("bob"))
        .willReturn(Optional.of(new dev.baton.store.accounts.Account("bob", "Robert B.", "AGENT", List.of("orders"), false, AT)));
    postJson("/api/v1/conversations/c-1/takeover", "{}").andExpect(status().isOk());

    org.mockito.ArgumentCaptor<dev.baton.agents.AgentSnapshot> joined = org.mockito.ArgumentCaptor.forClass(dev.baton.agents.AgentSnapshot.class);
    org.mockito.BDDMockito.then(conversations).should(org.mockito.Mockito.times(2)).takeover(org.mockito.ArgumentMatchers.eq("c-1"), joined.capture());
    assertThat(joined.getAllValues()).extracting(dev.baton.agents.AgentSnapshot::name).containsExactly("An agent", "Robert B.");
    assertThat(joined.getAllValues()).extracting(dev.baton.agents.AgentSnapshot::agentId).containsOnly("bob");
  }

  @Test
  @WithMockUser(username = "eve", roles = "AGENT")
  void anAgentWithoutAPresenceCannotTakeOver() throws Exception {
    given(agents.find("eve")).willReturn(Optional.empty());

    expectProblem(postJson("/api/v1/conversations/c-1/takeover", "{\"agentId\":\"eve\"}"), 409, "agent-unavailable")
        .andExpect(jsonPath("$.agentId").value("eve"));
    verifyNoInteractions(conversations);
  }

  @Test
  void aConversationAnotherAgentHoldsIsAConflictNamingThem() throws Exception {
    given(agents.find("bob")).willReturn(Optional.of(BOB));
    given(conversations.takeover(eq("c-1"), any()))
        .willThrow(new ConversationException.Rejected(new Rejection(ConversationFailures.NOT_WAITING, "ada", "Agent ada holds the conversation.")));

    expectProblem(postJson("/api/v1/conversations/c-1/takeover", "{\"agentId\":\"bob\"}"), 409, "conversation-taken")
        .andExpect(jsonPath("$.heldBy").value("ada"));
  }

  @Test
  void onlyTheHoldingAgentMayWrite() throws Exception {
    given(conversations.agentMessage(eq("c-1"), any()))
        .willThrow(new ConversationException.Rejected(new Rejection(ConversationFailures.NOT_HOLDER, "ada", "Only ada may write here.")));

    expectProblem(postJson("/api/v1/conversations/c-1/agent-messages", "{\"agentId\":\"bob\",\"text\":\"hi\",\"clientMessageId\":\"a-1\"}"), 403, "not-holder")
        .andExpect(jsonPath("$.heldBy").value("ada"));
  }

  @Test
  void theHoldingAgentsMessageIsSentWithItsClientMessageId() throws Exception {
    Message sent = new Message(5, Author.AGENT, "bob", "Refunded.", AT);
    given(conversations.agentMessage("c-1", new AgentRequests.AgentMessage("bob", "a-2", "Refunded.")))
        .willReturn(new TurnResult(ConversationStatus.AGENT_ACTIVE, List.of(sent)));

    postJson("/api/v1/conversations/c-1/agent-messages", "{\"agentId\":\"bob\",\"text\":\"Refunded.\",\"clientMessageId\":\"a-2\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("AGENT_ACTIVE"))
        .andExpect(jsonPath("$.replies[0].agentId").value("bob"));
  }

  @Test
  void transferringNeedsAQueueName() throws Exception {
    expectProblem(postJson("/api/v1/conversations/c-1/transfer", "{\"agentId\":\"bob\",\"queue\":\"Billing Team\"}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("queue"))
        .andExpect(jsonPath("$.errors[0].message").value("must be a queue name"));
    verifyNoInteractions(conversations);
  }

  @Test
  void releasingAnswersWithTheConversationBackWithTheBot() throws Exception {
    given(conversations.state("c-1")).willReturn(view(ConversationStatus.BOT_ACTIVE, null));

    postJson("/api/v1/conversations/c-1/release", "{\"agentId\":\"bob\",\"note\":\"sorted\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("BOT_ACTIVE"));
    then(conversations).should().release("c-1", new AgentRequests.AgentNote("bob", "sorted"));
  }

  @Test
  void aStaffNoteGoesToTheConversationAsTheCallersAndAnswersWithTheStaffView() throws Exception {
    given(conversations.state("c-1")).willReturn(view(ConversationStatus.AGENT_ACTIVE, "bob"));

    postJson("/api/v1/conversations/c-1/notes", "{\"note\":\"called the courier\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("AGENT_ACTIVE"));
    then(conversations).should().change(eq("c-1"), any(), eq(new AgentRequests.AgentNote("bob", "called the courier")));
    // A body naming someone else is refused, never believed.
    postJson("/api/v1/conversations/c-1/notes", "{\"agentId\":\"alice\",\"note\":\"x\"}").andExpect(status().isForbidden());
  }

  @Test
  void aResolvedConversationIsRatedAndRatingAnOpenOneIsAConflict() throws Exception {
    given(store.find("c-1")).willReturn(Optional.of(view(ConversationStatus.RESOLVED, null)));
    given(store.find("c-2")).willReturn(Optional.of(view(ConversationStatus.AGENT_ACTIVE, "bob")));
    given(store.find("c-3")).willReturn(Optional.of(view(ConversationStatus.CLOSED, null)));

    postJson("/api/v1/conversations/c-1/csat", "{\"score\":5,\"comment\":\"quick\"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.score").value(5));
    then(store).should().rate("c-1", 5, "quick");
    // A customer who ended the chat themselves is asked too.
    postJson("/api/v1/conversations/c-3/csat", "{\"score\":2}").andExpect(status().isCreated());
    then(store).should().rate("c-3", 2, null);

    expectProblem(postJson("/api/v1/conversations/c-2/csat", "{\"score\":4}"), 409, "not-resolved")
        .andExpect(jsonPath("$.conversationStatus").value("AGENT_ACTIVE"));
    then(store).should(never()).rate(eq("c-2"), anyInt(), any());
  }

  @Test
  void ratingAnUnknownConversationIsNotFoundAndAScoreOfSixIsABadRequest() throws Exception {
    given(store.find("nope")).willReturn(Optional.empty());

    expectProblem(postJson("/api/v1/conversations/nope/csat", "{\"score\":3}"), 404, "conversation-not-found");
    expectProblem(postJson("/api/v1/conversations/c-1/csat", "{\"score\":6}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("score"));
    then(store).should(never()).rate(anyString(), anyInt(), any());
    then(store).should(never()).messages(anyString(), anyLong(), anyInt());
  }

  private static ConversationView view(ConversationStatus status, String agent) {
    return new ConversationView("c-1", ADA, "web", status, "refund", 0.9, 0, "orders", agent, 4, 2, null, SUMMARY, null);
  }

  private ResultActions postJson(String path, String json) throws Exception {
    return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(json));
  }
}
