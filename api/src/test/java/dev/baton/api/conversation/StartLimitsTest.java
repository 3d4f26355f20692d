package dev.baton.api.conversation;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.times;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.api.limits.StartLimits;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.IdentityClaims;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.TurnResult;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Conversations started per client address and per customer id: each start is a workflow, so an
 * anonymous caller gets a small share of them, and a retry of one start is not a second one.
 * (Small limits here, refilled once an hour, so a test reaches them and nothing refills meanwhile.)
 */
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(
    controllers = ConversationController.class,
    properties = {
      "baton.limits.starts.per-address.burst=3",
      "baton.limits.starts.per-address.refill=1/1h",
      "baton.limits.starts.per-customer.burst=2",
      "baton.limits.starts.per-customer.refill=1/1h",
    })
@Import({StartLimitsTest.Properties.class, StartLimits.class, ConversationReader.class, AgentNames.class, TemporalUiLinks.class})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class StartLimitsTest {
  @TestConfiguration
  @EnableConfigurationProperties(ConversationProperties.class)
  static class Properties {}

  @Autowired MockMvc mvc;
  @MockitoBean ConversationService conversations;
  @MockitoBean ConversationStore store;
  @MockitoBean AgentStore agents;
  @MockitoBean dev.baton.store.accounts.AccountStore accounts;
  @MockitoBean IdentityClaims identities;
  @MockitoBean CustomerTokens tokens;

  @BeforeEach
  void started() {
    given(conversations.start(any(), any(), any(), any()))
        .willReturn(new ConversationService.Opened("c-1", new TurnResult(ConversationStatus.BOT_ACTIVE, List.of())));
    given(tokens.issue(any(), any())).willReturn(new CustomerTokens.Issued("customer-token", Instant.parse("2026-11-24T10:00:00Z")));
  }

  @Test
  void oneAddressStartsItsBurstThenIsToldToWait() throws Exception {
    for (int i = 0; i < 3; i++) {
      start("10.0.0.1", "customer-" + i, null).andExpect(status().isCreated());
    }

    var refused = expectProblem(start("10.0.0.1", "customer-3", null), 429, "too-many-starts")
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("client address")))
        .andReturn();
    // One start an hour refills the bucket: the wait is most of an hour, not a second.
    assertThat(Long.parseLong(refused.getResponse().getHeader("Retry-After"))).isBetween(3000L, 3600L);
    then(conversations).should(times(3)).start(any(), any(), any(), any());

    // Another address is not held up by it.
    start("10.0.0.2", "customer-3", null).andExpect(status().isCreated());
  }

  @Test
  void oneCustomerStartsItsBurstFromAnyAddressThenIsToldToWait() throws Exception {
    start("10.0.1.1", "ada", null).andExpect(status().isCreated());
    start("10.0.1.2", "ada", null).andExpect(status().isCreated());

    expectProblem(start("10.0.1.3", "ada", null), 429, "too-many-starts")
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("customer")));
    then(conversations).should(times(2)).start(any(), any(), any(), any());

    // The refused start took nothing from its address: 10.0.1.3 still has its whole burst.
    for (int i = 0; i < 3; i++) {
      start("10.0.1.3", "grace-" + i, null).andExpect(status().isCreated());
    }
  }

  @Test
  void aRetriedStartIsCountedOnce() throws Exception {
    // The same customer and clientMessageId land on one conversation: retries start nothing new.
    for (int i = 0; i < 6; i++) {
      start("10.0.2.1", "linus", "m-1").andExpect(status().isCreated());
    }
    start("10.0.2.1", "linus", "m-2").andExpect(status().isCreated());
    expectProblem(start("10.0.2.1", "linus", "m-3"), 429, "too-many-starts");
  }

  private ResultActions start(String address, String customerId, String clientMessageId) throws Exception {
    String body =
        "{\"customer\":{\"id\":\"" + customerId + "\"},\"channel\":\"web\""
            + (clientMessageId == null ? "" : ",\"text\":\"hello\",\"clientMessageId\":\"" + clientMessageId + "\"")
            + "}";
    return mvc.perform(
        post("/api/v1/conversations")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body)
            .with(request -> {
              request.setRemoteAddr(address);
              return request;
            }));
  }
}
