package dev.baton.api.agent;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.conversation.HeldConversation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The worklist over HTTP; who may read it is in AccessRules (AccessRulesTest, AccessMatrixIT). */
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(WorklistController.class)
@WithMockUser(username = "ada", roles = "AGENT")
class WorklistControllerTest {
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

  @Autowired MockMvc mvc;
  @MockitoBean ConversationStore conversations;

  @Test
  void theWorklistShowsEachHeldConversationWithTheCustomersLastMessageAndTheirWait() throws Exception {
    given(conversations.heldBy("ada"))
        .willReturn(
            List.of(
                new HeldConversation("c-1", "AGENT_ACTIVE", "orders", 3, null, "any news?", AT, AT),
                new HeldConversation("c-2", "AGENT_ACTIVE", "general", 1, null, null, null, null)));

    mvc.perform(get("/api/v1/agents/ada/conversations"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.agentId").value("ada"))
        .andExpect(jsonPath("$.conversations[0].conversationId").value("c-1"))
        .andExpect(jsonPath("$.conversations[0].lastCustomerMessage.text").value("any news?"))
        .andExpect(jsonPath("$.conversations[0].waitingForReplySince").value("2026-12-01T10:00:00Z"))
        .andExpect(jsonPath("$.conversations[1].lastCustomerMessage").isEmpty())
        .andExpect(jsonPath("$.conversations[1].waitingForReplySince").isEmpty());
  }

  @Test
  void anIdThatCannotBeAnAgentsIsRefusedBeforeTheStore() throws Exception {
    expectProblem(mvc.perform(get("/api/v1/agents/" + "x".repeat(200) + "/conversations")), 400, "invalid-request");
    verifyNoInteractions(conversations);
  }
}
