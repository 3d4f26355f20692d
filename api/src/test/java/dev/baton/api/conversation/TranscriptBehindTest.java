package dev.baton.api.conversation;

import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.api.security.AccountTokens;
import dev.baton.api.security.ConversationGate;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.IdentityClaims;
import dev.baton.api.security.SecurityConfiguration;
import dev.baton.api.security.SecurityProperties;
import dev.baton.conversation.Author;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Customer;
import dev.baton.conversation.Message;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * PostgreSQL behind the conversation (writes that failed during an outage wait for the
 * conversation's catch-up): a read of the conversation shows every line the conversation said,
 * the ones the store has and, after them, the ones it does not have yet, each once.
 */
@WebMvcTest(ConversationController.class)
@Import({
  SecurityConfiguration.class, ConversationGate.class, AccountTokens.class, CustomerTokens.class, IdentityClaims.class,
  ConversationReader.class, AgentNames.class, TemporalUiLinks.class, TranscriptBehindTest.Properties.class
})
@TestPropertySource(properties = "baton.security.customer-token-key=" + SecurityTest.BATON_KEY)
class TranscriptBehindTest {
  @EnableConfigurationProperties({SecurityProperties.class, ConversationProperties.class})
  static class Properties {}

  @Autowired MockMvc mvc;
  @Autowired CustomerTokens customerTokens;
  @MockitoBean ConversationService conversations;
  @MockitoBean dev.baton.api.limits.StartLimits starts;
  @MockitoBean ConversationStore store;
  @MockitoBean AgentStore agents;
  @MockitoBean AccountStore accounts;

  @Test
  void theCustomerReadsTheLinesTheStoreHasNotCaughtUpWith() throws Exception {
    given(conversations.state("c-1"))
        .willReturn(
            new ConversationView(
                "c-1", new Customer("cust-1", "Ada", null, "standard", "en"), "web", ConversationStatus.BOT_ACTIVE, null, 0, 0,
                null, null, 4, 2, null, null, null));
    given(store.messagesBefore(eq("c-1"), anyLong(), anyInt())).willReturn(List.of(line(1, Author.CUSTOMER), line(2, Author.BOT)));
    given(conversations.unwritten("c-1")).willReturn(List.of(line(2, Author.BOT), line(3, Author.CUSTOMER), line(4, Author.BOT)));

    mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer " + customerTokens.issue("c-1", "cust-1").token()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.messages[*].seq").value(org.hamcrest.Matchers.contains(1, 2, 3, 4)));
  }

  private static Message line(long seq, Author author) {
    return new Message(seq, author, null, "line " + seq, Instant.parse("2026-12-07T12:00:00Z"));
  }
}
