package dev.baton.api.agent;

import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.ParameterizedTest;
import dev.baton.api.limits.RefusedCharacters;
import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.store.agents.Agent;
import dev.baton.store.agents.AgentStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import org.junit.jupiter.api.Test;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Agents' presence over HTTP: what is stored, what is refused and how. */
// Security is tested on its own (SecurityTest); here only what the controller does.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(AgentController.class)
@WithMockUser(username = "sam", roles = "SUPERVISOR")
class AgentControllerTest {
  private static final Agent ADA =
      new Agent("ada", "Ada", "ONLINE", List.of("orders", "general"), 3, 1, Instant.parse("2026-11-23T10:15:30Z"));

  @Autowired MockMvc mvc;
  @MockitoBean AgentStore agents;
  @MockitoBean AccountStore accounts;

  @Test
  void goingOnlineStoresThePresenceAndAnswersWithTheAgent() throws Exception {
    given(accounts.find("ada"))
        .willReturn(Optional.of(new Account("ada", "Ada", Account.AGENT, List.of("orders", "general"), false, Instant.EPOCH)));
    given(agents.setPresence("ada", "Ada", "ONLINE", List.of("orders", "general"), 3)).willReturn(ADA);

    putPresence("ada", "{\"status\":\"ONLINE\",\"queues\":[\"orders\",\"general\"],\"maxConcurrent\":3,\"name\":\"Ada\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.agentId").value("ada"))
        .andExpect(jsonPath("$.status").value("ONLINE"))
        .andExpect(jsonPath("$.queues[1]").value("general"))
        .andExpect(jsonPath("$.maxConcurrent").value(3))
        .andExpect(jsonPath("$.activeConversations").value(1))
        .andExpect(jsonPath("$.lastSeen").value("2026-11-23T10:15:30Z"));
  }

  @ParameterizedTest(name = "a name with {0}")
  @FieldSource("dev.baton.api.limits.RefusedCharacters#JSON_ESCAPES")
  void aNameWithACharacterNoStoreAcceptsIsRefusedNamingIt(String escape) throws Exception {
    // Stored as it came, this answered 500: PostgreSQL refuses NUL.
    expectProblem(
            putPresence("ada", "{\"status\":\"ONLINE\",\"queues\":[\"orders\"],\"maxConcurrent\":3,\"name\":"
                + RefusedCharacters.jsonString(escape) + "}"),
            400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("name"));
    verifyNoInteractions(agents);
  }

  @Test
  void moreQueuesThanTheLimitAndOverLongNamesAreRefused() throws Exception {
    String queues = String.join(",", java.util.Collections.nCopies(21, "\"general\""));
    expectProblem(putPresence("ada", "{\"status\":\"ONLINE\",\"queues\":[" + queues + "],\"maxConcurrent\":1}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("queues"));
    expectProblem(putPresence("ada", "{\"status\":\"ONLINE\",\"queues\":[\"orders\"],\"maxConcurrent\":1,\"name\":\"" + "x".repeat(101) + "\"}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("name"));
    verifyNoInteractions(agents);
  }

  @Test
  @WithMockUser(username = "ada", roles = "AGENT")
  void anAgentGoesOnlineOnlyForTheQueuesTheyAreAssignedTo() throws Exception {
    given(accounts.find("ada"))
        .willReturn(Optional.of(new Account("ada", "Ada", Account.AGENT, List.of("orders"), false, Instant.EPOCH)));

    expectProblem(putPresence("ada", "{\"status\":\"ONLINE\",\"queues\":[\"orders\",\"billing\"],\"maxConcurrent\":3}"), 403, "forbidden")
        .andExpect(jsonPath("$.queues[0]").value("billing"));
    verifyNoInteractions(agents);
  }

  @Test
  @WithMockUser(username = "ada", roles = "AGENT")
  void aLapsedPresenceIsNotRenewedByAHeartbeat() throws Exception {
    given(agents.heartbeat("ada")).willReturn(false);
    given(agents.presenceTimeout()).willReturn(java.time.Duration.ofSeconds(60));

    expectProblem(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/agents/ada/heartbeat")), 409, "presence-expired");
  }

  @Test
  void aQueueThatIsNotAQueueNameIsNamed() throws Exception {
    expectProblem(putPresence("ada", "{\"status\":\"ONLINE\",\"queues\":[\"Orders!\"],\"maxConcurrent\":3}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("queues[0]"))
        .andExpect(jsonPath("$.errors[0].message").value("must be a queue name"));
    verifyNoInteractions(agents);
  }

  @Test
  void noQueuesAndNoCapacityAreBothNamed() throws Exception {
    expectProblem(putPresence("ada", "{\"status\":\"AWAY\",\"queues\":[],\"maxConcurrent\":0}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("maxConcurrent"))
        .andExpect(jsonPath("$.errors[1].field").value("queues"));
  }

  @Test
  void anUnknownPresenceIsMalformed() throws Exception {
    expectProblem(putPresence("ada", "{\"status\":\"BUSY\",\"queues\":[\"orders\"],\"maxConcurrent\":1}"), 400, "malformed-json");
    verifyNoInteractions(agents);
  }

  @Test
  void anAgentIdWithSpacesIsRefused() throws Exception {
    expectProblem(putPresence("a b", "{\"status\":\"ONLINE\",\"queues\":[\"orders\"],\"maxConcurrent\":1}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("agentId"));
    then(agents).should(org.mockito.Mockito.never()).setPresence(anyString(), any(), anyString(), anyList(), anyInt());
  }

  @Test
  void anAgentIsReadBackAndAnUnknownOneIsNotFound() throws Exception {
    given(agents.find("ada")).willReturn(Optional.of(ADA));
    given(agents.find("bob")).willReturn(Optional.empty());

    mvc.perform(get("/api/v1/agents/ada")).andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Ada"));
    expectProblem(mvc.perform(get("/api/v1/agents/bob")), 404, "not-found")
        .andExpect(jsonPath("$.detail").value("There is no agent bob."));
  }

  private ResultActions putPresence(String agentId, String json) throws Exception {
    return mvc.perform(put("/api/v1/agents/{id}/presence", agentId).contentType(MediaType.APPLICATION_JSON).content(json));
  }
}
