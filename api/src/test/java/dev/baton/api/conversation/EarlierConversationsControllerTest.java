package dev.baton.api.conversation;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.conversation.EarlierConversation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(EarlierConversationsController.class)
@WithMockUser(username = "alice", roles = "AGENT")
class EarlierConversationsControllerTest {
  @Autowired MockMvc mvc;
  @MockitoBean ConversationStore conversations;

  @Test
  void theCustomersOtherConversationsComeWithTheirIssueAndTicket() throws Exception {
    given(conversations.earlierOf(eq("c-now"), any(Instant.class)))
        .willReturn(
            List.of(
                new EarlierConversation(
                    "c-old", "CALLBACK_SCHEDULED", "refund_request", "Refund request", "#1042", Instant.parse("2026-11-20T09:00:00Z"))));

    mvc.perform(get("/api/v1/conversations/c-now/earlier"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.conversationId").value("c-now"))
        .andExpect(jsonPath("$.conversations[0].conversationId").value("c-old"))
        .andExpect(jsonPath("$.conversations[0].issue").value("Refund request"))
        .andExpect(jsonPath("$.conversations[0].ticketReference").value("#1042"));
  }
}
