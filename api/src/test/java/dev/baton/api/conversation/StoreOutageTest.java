package dev.baton.api.conversation;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
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
import dev.baton.conversation.Message;
import dev.baton.conversation.TurnResult;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Baton's database down (every store call fails as the pool reports it: no connection within
 * its timeout): a customer still starts and talks, and a call that needs the database is
 * answered 503 with Retry-After, whether it fails in a controller or in the security filter
 * chain (an account token, the conversation gate), never 500.
 */
@WebMvcTest(ConversationController.class)
@Import({
  SecurityConfiguration.class, ConversationGate.class, AccountTokens.class, CustomerTokens.class, IdentityClaims.class,
  ConversationReader.class, AgentNames.class, TemporalUiLinks.class, StoreOutageTest.Properties.class
})
@TestPropertySource(properties = "baton.security.customer-token-key=" + SecurityTest.BATON_KEY)
class StoreOutageTest {
  @EnableConfigurationProperties({SecurityProperties.class, ConversationProperties.class})
  static class Properties {}

  @Autowired MockMvc mvc;
  @Autowired CustomerTokens customerTokens;
  @MockitoBean ConversationService conversations;
  @MockitoBean dev.baton.api.limits.StartLimits starts;
  @MockitoBean ConversationStore store;
  @MockitoBean AgentStore agents;
  @MockitoBean AccountStore accounts;

  private static CannotGetJdbcConnectionException down() {
    return new CannotGetJdbcConnectionException(
        "Failed to obtain JDBC Connection",
        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 1000ms."));
  }

  @BeforeEach
  void databaseDown() {
    given(store.find(anyString())).willThrow(down());
    given(agents.find(anyString())).willThrow(down());
    given(accounts.find(anyString())).willThrow(down());
  }

  @Test
  void aCustomerStartsAndTalksAndAnAgentsLineComesWithoutItsName() throws Exception {
    given(conversations.start(any(), eq("web"), eq("hello"), eq("m-1")))
        .willReturn(new ConversationService.Opened("c-1", new TurnResult(ConversationStatus.BOT_ACTIVE, List.of(line(1, Author.BOT, null)))));
    mvc.perform(
            post("/api/v1/conversations")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"customer\":{\"id\":\"cust-1\"},\"channel\":\"web\",\"text\":\"hello\",\"clientMessageId\":\"m-1\"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.replies[0].text").value("line 1"));

    given(conversations.send(eq("c-1"), any()))
        .willReturn(new TurnResult(ConversationStatus.AGENT_ACTIVE, List.of(line(2, Author.AGENT, "ada"))));
    mvc.perform(
            post("/api/v1/conversations/c-1/messages")
                .header("Authorization", "Bearer " + customerTokens.issue("c-1", "cust-1").token())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"still there?\",\"clientMessageId\":\"m-2\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.replies[0].text").value("line 2"))
        .andExpect(jsonPath("$.replies[0].agentName").doesNotExist());
  }

  @Test
  void anAccountTokenThatCannotBeCheckedIs503NotASignOut() throws Exception {
    given(accounts.findByToken(anyString())).willThrow(down());

    mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer bt_ada"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("urn:baton:problem:service-unavailable"))
        .andExpect(header().string("Retry-After", "5"));
  }

  @Test
  void anAgentTheGateCannotJudgeIs503() throws Exception {
    given(accounts.findByToken(anyString()))
        .willReturn(Optional.of(new Account("ada", "Ada", Account.AGENT, List.of("orders"), false, Instant.EPOCH)));

    mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer bt_ada"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.type").value("urn:baton:problem:service-unavailable"))
        .andExpect(header().string("Retry-After", "5"));
  }

  @Test
  void aSupervisorsReadOfTheTranscriptIs503() throws Exception {
    given(accounts.findByToken(anyString()))
        .willReturn(Optional.of(new Account("sam", "Sam", Account.SUPERVISOR, List.of(), false, Instant.EPOCH)));

    mvc.perform(get("/api/v1/conversations/c-1/messages").header("Authorization", "Bearer bt_sam"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.type").value("urn:baton:problem:service-unavailable"))
        .andExpect(header().string("Retry-After", "5"));
  }

  private static Message line(long seq, Author author, String agentId) {
    return new Message(seq, author, agentId, "line " + seq, Instant.parse("2026-12-07T12:00:00Z"));
  }
}
