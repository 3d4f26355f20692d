package dev.baton.api.conversation;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.api.limits.StreamSlots;
import dev.baton.api.security.AccountTokens;
import dev.baton.api.security.ConversationGate;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.SecurityConfiguration;
import dev.baton.api.security.SecurityProperties;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Customer;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.conversation.ConversationStore;
import jakarta.servlet.http.Cookie;
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
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A token is read from the Authorization header only, streams included: never from the URL, whose
 * query string proxies and access logs keep, nor from a {@code baton_token} cookie Baton never sets.
 */
@WebMvcTest(controllers = ConversationStreamController.class)
@Import({
  SecurityConfiguration.class, ConversationGate.class, AccountTokens.class, CustomerTokens.class, StreamSlots.class,
  StreamTokensTest.Properties.class
})
@TestPropertySource(
    properties = {
      "baton.security.customer-token-key=" + SecurityTest.BATON_KEY,
      "baton.security.identity-key=" + SecurityTest.SITE_KEY,
    })
class StreamTokensTest {
  @EnableConfigurationProperties(SecurityProperties.class)
  static class Properties {}

  private static final ConversationView WAITING =
      new ConversationView("c-1", new Customer("cust-1", null, null, "standard", null), "web", ConversationStatus.AWAITING_AGENT,
          null, 0, 0, "orders", null, 4, 2, null, null, null);

  @Autowired MockMvc mvc;
  @Autowired CustomerTokens customerTokens;
  @MockitoBean ConversationStore store;
  @MockitoBean ConversationStreams streams;
  @MockitoBean AccountStore accounts;

  @BeforeEach
  void aConversationAndAnAgent() {
    given(store.find("c-1")).willReturn(Optional.of(WAITING));
    given(streams.follow(anyString(), any(), anyLong(), any())).willAnswer(call -> new SseEmitter());
    given(accounts.findByToken(anyString()))
        .willReturn(Optional.of(new Account("ada", "Ada", Account.AGENT, List.of("orders"), false, Instant.EPOCH)));
  }

  @Test
  void aStreamTakesItsTokenFromTheAuthorizationHeader() throws Exception {
    for (String token : List.of("bt_ada", customerTokens.issue("c-1", "cust-1").token())) {
      mvc.perform(get("/api/v1/conversations/c-1/stream").header("Authorization", "Bearer " + token).accept(MediaType.TEXT_EVENT_STREAM))
          .andExpect(status().isOk())
          .andExpect(request().asyncStarted());
    }
  }

  @Test
  void aTokenInTheQueryStringIsNotRead() throws Exception {
    for (String token : List.of("bt_ada", customerTokens.issue("c-1", "cust-1").token())) {
      expectProblem(
          mvc.perform(get("/api/v1/conversations/c-1/stream").param("access_token", token).accept(MediaType.TEXT_EVENT_STREAM)),
          401,
          "unauthenticated");
    }
  }

  @Test
  void aTokenInABatonTokenCookieIsNotRead() throws Exception {
    for (String token : List.of("bt_ada", customerTokens.issue("c-1", "cust-1").token())) {
      expectProblem(
          mvc.perform(get("/api/v1/conversations/c-1/stream").cookie(new Cookie("baton_token", token)).accept(MediaType.TEXT_EVENT_STREAM)),
          401,
          "unauthenticated");
    }
  }
}
