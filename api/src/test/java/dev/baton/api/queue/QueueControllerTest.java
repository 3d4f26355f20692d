package dev.baton.api.queue;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.bot.Fact;
import dev.baton.escalation.EscalationReason;
import dev.baton.escalation.HandoffSummary;
import dev.baton.hours.QueueHours;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.conversation.WaitingConversation;
import dev.baton.store.hours.HoursStore;
import dev.baton.store.queues.QueueStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The queue overview and waiting lists over HTTP, read from (mocked) stores. */
// Security is tested on its own (SecurityTest); here only what the controller does.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(QueueController.class)
@Import(QueueOverview.class)
class QueueControllerTest {
  private static final Instant ESCALATED = Instant.parse("2026-11-23T10:15:30Z");

  @Autowired MockMvc mvc;
  @MockitoBean QueueStore queues;
  @MockitoBean ConversationStore conversations;
  @MockitoBean AgentStore agents;
  @MockitoBean HoursStore hours;

  @Test
  void everyQueueShowsWhoWaitsWhoIsThereAndWhetherItIsOpen() throws Exception {
    given(queues.names()).willReturn(List.of("night", "orders"));
    given(conversations.waitingCount("orders")).willReturn(4);
    given(agents.online("orders")).willReturn(2);
    given(agents.free("orders")).willReturn(1);
    // A queue with hours that never open is closed, and has no next opening.
    given(hours.hours("night")).willReturn(Optional.of(QueueHours.of("night", "UTC", Map.of(), null)));
    given(hours.hours("orders")).willReturn(Optional.empty());

    mvc.perform(get("/api/v1/queues"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.queues.length()").value(2))
        .andExpect(jsonPath("$.queues[0].queue").value("night"))
        .andExpect(jsonPath("$.queues[0].openNow").value(false))
        .andExpect(jsonPath("$.queues[0].nextOpening").isEmpty())
        .andExpect(jsonPath("$.queues[1].queue").value("orders"))
        .andExpect(jsonPath("$.queues[1].waiting").value(4))
        .andExpect(jsonPath("$.queues[1].agentsOnline").value(2))
        .andExpect(jsonPath("$.queues[1].agentsFree").value(1))
        .andExpect(jsonPath("$.queues[1].openNow").value(true));
  }

  @Test
  void aClosedQueueSaysWhenItOpensNext() throws Exception {
    given(queues.names()).willReturn(List.of("weekend"));
    QueueHours oneDay = QueueHours.of("weekend", "UTC", Map.of("sunday", List.of("00:00-00:01")), null);
    given(hours.hours("weekend")).willReturn(Optional.of(oneDay));

    mvc.perform(get("/api/v1/queues"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.queues[0].openNow").value(false))
        .andExpect(jsonPath("$.queues[0].nextOpening").isNotEmpty());
  }

  @Test
  void theWaitingListCarriesTheIssueAndTheSummary() throws Exception {
    HandoffSummary summary =
        new HandoffSummary(
            "Refund for order 12345678", "Get the money back", List.of(new Fact(Fact.Kind.ORDER_NUMBER, "12345678")),
            List.of(), EscalationReason.HIGH_VALUE, "over the limit", -0.3, "WORSENING", 0.9, "refund", "orders", 4, "vip",
            "en", 1, "/api/v1/conversations/c-1/messages", List.of());
    given(conversations.waitingIn("orders"))
        .willReturn(List.of(
            new WaitingConversation("c-1", 4, "HIGH_VALUE", "vip", ESCALATED, summary),
            new WaitingConversation("c-2", 1, "CUSTOMER_REQUEST", "standard", ESCALATED, null)));

    mvc.perform(get("/api/v1/queues/orders/waiting"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.queue").value("orders"))
        .andExpect(jsonPath("$.waiting[0].conversationId").value("c-1"))
        .andExpect(jsonPath("$.waiting[0].priority").value(4))
        .andExpect(jsonPath("$.waiting[0].reason").value("HIGH_VALUE"))
        .andExpect(jsonPath("$.waiting[0].issue").value("Refund for order 12345678"))
        .andExpect(jsonPath("$.waiting[0].customerTier").value("vip"))
        .andExpect(jsonPath("$.waiting[0].waitingSince").value("2026-11-23T10:15:30Z"))
        .andExpect(jsonPath("$.waiting[0].waitSeconds").value(greaterThanOrEqualTo(0)))
        .andExpect(jsonPath("$.waiting[0].summary.keyFacts[0].value").value("12345678"))
        .andExpect(jsonPath("$.waiting[1].issue").isEmpty())
        .andExpect(jsonPath("$.waiting[1].summary").isEmpty());
  }

  @Test
  void aQueueNameWithCapitalsIsABadRequest() throws Exception {
    expectProblem(mvc.perform(get("/api/v1/queues/Orders/waiting")), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("queue"))
        .andExpect(jsonPath("$.errors[0].message").value("must be a queue name: a-z, 0-9, _"));
    verifyNoInteractions(conversations);
  }
}
