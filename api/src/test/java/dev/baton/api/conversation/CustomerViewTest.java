package dev.baton.api.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import dev.baton.agents.Availability;
import dev.baton.api.security.AccountTokens;
import dev.baton.api.security.ConversationGate;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.IdentityClaims;
import dev.baton.api.security.SecurityConfiguration;
import dev.baton.api.security.SecurityProperties;
import dev.baton.bot.Fact;
import dev.baton.conversation.Author;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.conversation.TurnResult;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.EscalationReason;
import dev.baton.escalation.HandoffSummary;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.agents.Agent;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a customer token reads, field by field, on every route that answers a customer with their
 * conversation or its messages: the customer view (status, place in line, expected wait, the
 * agent's display name, the callback promised, messages), and never a field of the staff view.
 * The staff view of the same conversation keeps everything. This is the unit form of the access
 * matrix's visibility rows (AccessMatrixIT checks the same on the real stack).
 */
@WebMvcTest(controllers = ConversationController.class)
@Import({
  SecurityConfiguration.class, ConversationGate.class, AccountTokens.class, CustomerTokens.class, IdentityClaims.class,
  ConversationReader.class, AgentNames.class, TemporalUiLinks.class, CustomerViewTest.Properties.class
})
@TestPropertySource(
    properties = {
      "baton.security.customer-token-key=" + SecurityTest.BATON_KEY,
      "baton.security.identity-key=" + SecurityTest.SITE_KEY,
    })
class CustomerViewTest {
  @EnableConfigurationProperties({SecurityProperties.class, ConversationProperties.class})
  static class Properties {}

  /** Every field a customer's answer may have, at the top level and in each message. */
  static final Set<String> CUSTOMER_FIELDS =
      Set.of("conversationId", "status", "waiting", "agentName", "callback", "lastSeq", "messages", "earlierCursor");
  static final Set<String> CUSTOMER_MESSAGE_FIELDS = Set.of("seq", "author", "agentName", "text", "at");

  /** Fields of the staff view a customer must never see, at any depth. */
  static final Set<String> STAFF_ONLY =
      Set.of(
          "summary", "agentNotes", "escalation", "intent", "confidence", "sentiment", "sentimentTrend", "priority",
          "reason", "reasonDetail", "detail", "priorContacts", "recommendedQueue", "botAttempts", "keyFacts", "queue",
          "assignedAgent", "agentId", "customer", "customerTier", "temporalUi", "ticketId", "turns");

  private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
  private static final String LOGIN = "alice.w@corp";
  private static final String NOTE = "bob.k: customer looks like a fraud case";

  @Autowired MockMvc mvc;
  @Autowired CustomerTokens customerTokens;
  @MockitoBean ConversationService conversations;
  /** Starts per address and per customer are StartLimitsTest's subject. */
  @MockitoBean dev.baton.api.limits.StartLimits starts;
  @MockitoBean ConversationStore store;
  @MockitoBean AgentStore agents;
  @MockitoBean AccountStore accounts;

  private final JsonMapper json = JsonMapper.builder().build();
  private String customer;

  @BeforeEach
  void anAgentHoldsAConversationAnotherAgentFlaggedAsFraud() {
    Escalation escalation =
        new Escalation(EscalationReason.HIGH_VALUE, "Amount 4,200 EUR over the limit", "billing", 4, "en", AT);
    HandoffSummary summary =
        new HandoffSummary(
            "Disputed charge", "Get the money back", List.of(new Fact(Fact.Kind.AMOUNT, "4200 EUR")),
            List.of("Asked: which order?"), EscalationReason.HIGH_VALUE, escalation.detail(), -0.6, "WORSENING",
            0.42, "dispute_charge", "billing", 4, "vip", "en", 3, "/api/v1/conversations/c-1/messages", List.of(NOTE));
    ConversationView held =
        new ConversationView(
            "c-1", new Customer("cust-1", "Ada", "ada@example.com", "vip", "en"), "web", ConversationStatus.AGENT_ACTIVE,
            "dispute_charge", 0.42, -0.6, "billing", LOGIN, 4, 3, escalation, summary, null);
    given(conversations.state("c-1")).willReturn(held);
    given(conversations.handoff(eq("c-1"), any())).willReturn(held);
    given(conversations.close(eq("c-1"), any())).willReturn(held);
    given(conversations.send(eq("c-1"), any()))
        .willReturn(new TurnResult(ConversationStatus.AGENT_ACTIVE, List.of(agentLine(5))));
    given(store.find("c-1")).willReturn(Optional.of(held));
    List<Message> transcript =
        List.of(
            new Message(1, Author.CUSTOMER, null, "I was charged twice", AT),
            new Message(2, Author.BOT, null, "I'm bringing in a person from our billing team.", AT),
            new Message(3, Author.SYSTEM, null, "Alice has joined the conversation.", AT),
            agentLine(4));
    given(store.messages(eq("c-1"), anyLong(), anyInt())).willReturn(transcript);
    given(store.messagesBefore(eq("c-1"), anyLong(), anyInt())).willReturn(transcript);
    given(agents.find(LOGIN))
        .willReturn(Optional.of(new Agent(LOGIN, "Alice", "ONLINE", List.of("billing"), 3, 1, AT)));
    given(agents.availability(anyString(), anyInt(), anyString())).willReturn(Availability.of(1, 2, 60.0));
    given(accounts.find(LOGIN))
        .willReturn(Optional.of(new Account(LOGIN, "Alice W.", Account.AGENT, List.of("billing"), false, AT)));
    given(accounts.findByToken(anyString()))
        .willReturn(Optional.of(new Account("sam", "Sam", Account.SUPERVISOR, List.of(), false, AT)));
    customer = customerTokens.issue("c-1", "cust-1").token();
  }

  private static Message agentLine(long seq) {
    return new Message(seq, Author.AGENT, LOGIN, "Hi, I'm looking into the charge.", AT);
  }

  @Test
  void theCustomerReadsTheirConversationWithoutAnyStaffField() throws Exception {
    JsonNode read = customerReads(get("/api/v1/conversations/c-1"));

    assertThat(new TreeSet<>(read.propertyNames())).isEqualTo(new TreeSet<>(CUSTOMER_FIELDS));
    assertThat(read.path("status").asString()).isEqualTo("AGENT_ACTIVE");
    assertThat(read.path("agentName").asString()).as("the agent's display name").isEqualTo("Alice");
    assertThat(read.path("messages")).hasSize(4);
    for (JsonNode message : read.path("messages")) {
      assertThat(new TreeSet<>(message.propertyNames())).isEqualTo(new TreeSet<>(CUSTOMER_MESSAGE_FIELDS));
    }
    assertThat(read.path("messages").get(3).path("agentName").asString()).isEqualTo("Alice");
  }

  @Test
  void everyAnswerToTheCustomerLeavesOutNotesTheBotsReadingAndTheAgentsLogin() throws Exception {
    Map<String, RequestBuilder> calls =
        Map.of(
            "GET conversation", get("/api/v1/conversations/c-1"),
            "GET messages", get("/api/v1/conversations/c-1/messages"),
            "POST handoff", post("/api/v1/conversations/c-1/handoff"),
            "POST close", post("/api/v1/conversations/c-1/close"),
            "POST message",
            post("/api/v1/conversations/c-1/messages")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"thanks\",\"clientMessageId\":\"m-9\"}"));

    for (var call : calls.entrySet()) {
      String raw = raw(withToken(call.getValue(), customer));
      assertThat(staffFieldsIn(json.readTree(raw))).as(call.getKey() + " answers a staff field").isEmpty();
      assertThat(raw).as(call.getKey()).doesNotContain("fraud").doesNotContain(LOGIN).doesNotContain("dispute_charge");
    }
  }

  @Test
  void theStaffViewOfTheSameConversationKeepsEverything() throws Exception {
    JsonNode read = json.readTree(raw(withToken(get("/api/v1/conversations/c-1"), "bt_sam")));

    assertThat(read.path("summary").path("agentNotes").get(0).asString()).isEqualTo(NOTE);
    assertThat(read.path("summary").path("priorContacts").asInt()).isEqualTo(3);
    assertThat(read.path("intent").asString()).isEqualTo("dispute_charge");
    assertThat(read.path("confidence").asDouble()).isEqualTo(0.42);
    assertThat(read.path("escalation").path("priority").asInt()).isEqualTo(4);
    assertThat(read.path("assignedAgent").asString()).isEqualTo(LOGIN);
    assertThat(read.path("messages").get(3).path("agentId").asString()).isEqualTo(LOGIN);
    assertThat(read.path("customer").path("email").asString()).isEqualTo("ada@example.com");
  }

  private JsonNode customerReads(RequestBuilder request) throws Exception {
    return json.readTree(raw(withToken(request, customer)));
  }

  private String raw(RequestBuilder request) throws Exception {
    var response = mvc.perform(request).andReturn().getResponse();
    assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
    return response.getContentAsString();
  }

  private static RequestBuilder withToken(RequestBuilder request, String token) {
    return servletContext -> {
      var built = request.buildRequest(servletContext);
      built.addHeader("Authorization", "Bearer " + token);
      return built;
    };
  }

  /** Paths of every staff-only field in {@code node}, at any depth. */
  static List<String> staffFieldsIn(JsonNode node) {
    List<String> found = new ArrayList<>();
    collect(node, "$", found);
    return found;
  }

  private static void collect(JsonNode node, String path, List<String> found) {
    if (node.isObject()) {
      for (var field : node.properties()) {
        if (STAFF_ONLY.contains(field.getKey())) {
          found.add(path + "." + field.getKey());
        }
        collect(field.getValue(), path + "." + field.getKey(), found);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collect(node.get(i), path + "[" + i + "]", found);
      }
    }
  }
}
