package dev.baton.api.account;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static dev.baton.api.security.TestIdentityProvider.AUDIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.baton.api.security.AccountTokens;
import dev.baton.api.security.ConversationGate;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.FreshSignIn;
import dev.baton.api.security.PasswordHashes;
import dev.baton.api.security.SecurityConfiguration;
import dev.baton.api.security.SecurityProperties;
import dev.baton.api.security.SingleSignOn;
import dev.baton.api.security.SignIns;
import dev.baton.api.security.TestIdentityProvider;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.conversation.ConversationStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * People of the identity provider as Baton knows them, through the api's real security chain (the
 * store mocked, the provider's keys generated here): by their subject, never as a local account of
 * the same name, and with personal tokens only of their own, only when the deployment allows it.
 */
@WebMvcTest(controllers = {AccountController.class, AuthController.class})
@Import({
  SecurityConfiguration.class, ConversationGate.class, AccountTokens.class, CustomerTokens.class, PasswordHashes.class,
  FreshSignIn.class, SingleSignOn.class, SingleSignOnTest.Properties.class
})
@TestPropertySource(
    properties = {
      "baton.security.customer-token-key=the api's customer token key, 32 bytes or more",
      "baton.security.identity-key=the site's identity key, 32 bytes or more, for tests",
      "baton.security.oidc.issuer-uri=" + TestIdentityProvider.ISSUER,
      "baton.security.oidc.audience=" + AUDIENCE,
    })
class SingleSignOnTest {
  @EnableConfigurationProperties(SecurityProperties.class)
  static class Properties {}

  private static final TestIdentityProvider IDP = new TestIdentityProvider();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  /** The local admin every fresh install has, and an agent. */
  private static final Account OPERATOR = new Account("operator", "Operator", Account.ADMIN, List.of(), false, Instant.EPOCH);
  private static final Account ADA = new Account("ada", "Ada", Account.AGENT, List.of("orders"), false, Instant.EPOCH);

  @DynamicPropertySource
  static void sso(DynamicPropertyRegistry registry) {
    registry.add("baton.security.oidc.jwk-set-uri", IDP::jwkSetUri);
  }

  @AfterAll
  static void stop() {
    IDP.close();
  }

  @Autowired MockMvc mvc;
  @MockitoBean AccountStore accounts;
  @MockitoBean ConversationStore store;
  @MockitoBean SignIns signIns;

  @BeforeEach
  void localAccounts() {
    given(accounts.find(anyString())).willReturn(Optional.empty());
    given(accounts.find("operator")).willReturn(Optional.of(OPERATOR));
    given(accounts.find("ada")).willReturn(Optional.of(ADA));
  }

  /**
   * The agent id is the provider's subject, scoped by the provider: the same person under another
   * name is the same agent, another person under the same name another one, and nobody is the
   * local {@code operator} by calling themselves that.
   */
  @Test
  void aPersonIsTheirSubjectNeverALocalAccountOfTheirName() throws Exception {
    JsonNode asOperator = me(agent("u-42", "operator"));
    JsonNode renamed = me(agent("u-42", "someone-else"));
    JsonNode another = me(agent("u-43", "operator"));

    assertThat(asOperator.path("name").asText()).isNotEqualTo("operator").isEqualTo(renamed.path("name").asText());
    assertThat(another.path("name").asText()).isNotEqualTo(asOperator.path("name").asText()).isNotEqualTo("operator");
    assertThat(asOperator.path("role").asText()).isEqualTo(Account.AGENT);
  }

  /** The attack of issue 22: an agent at the provider named like the local admin mints the admin's token. */
  @Test
  void aPersonNamedLikeALocalAccountMintsNoTokenOfIt() throws Exception {
    expectProblem(mint(agent("u-42", "operator"), "operator"), 403, "forbidden");
    verify(accounts, never()).issueToken(anyString(), anyString(), anyString(), any(), any());
  }

  @Test
  void anAdminOfTheProviderMintsNoTokenOfALocalAccount() throws Exception {
    expectProblem(mint(admin("u-1"), "ada"), 403, "forbidden");
    verify(accounts, never()).issueToken(anyString(), anyString(), anyString(), any(), any());
  }

  @Test
  void personalTokensOfThePeopleOfTheProviderAreOffByDefault() throws Exception {
    String token = agent("u-42", "ann");
    expectProblem(mint(token, me(token).path("name").asText()), 403, "forbidden")
        .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("BATON_OIDC_PERSONAL_TOKENS")));
    verify(accounts, never()).issueToken(anyString(), anyString(), anyString(), any(), any());
  }

  /**
   * The name space of the provider's people is theirs: a local account cannot be made in it, nor
   * be given a password to sign in as one of them.
   */
  @Test
  void noLocalAccountIsMadeInTheNameSpaceOfThePeopleOfTheProvider() throws Exception {
    given(accounts.findByToken(anyString())).willReturn(Optional.of(OPERATOR));
    String someone = me(agent("u-42", "ann")).path("name").asText();
    given(accounts.find(someone)).willReturn(Optional.of(new Account(someone, "Ann", Account.AGENT, List.of(), false, Instant.EPOCH)));

    expectProblem(
            mvc.perform(post("/api/v1/accounts").header("Authorization", "Bearer bt_operator").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + someone + "\"}")),
            400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("username"));
    expectProblem(
            mvc.perform(patch("/api/v1/accounts/" + someone).header("Authorization", "Bearer bt_operator").contentType(MediaType.APPLICATION_JSON)
                .content("{\"password\":\"a password to sign in as ann\"}")),
            400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("password"));
    verify(accounts, never()).create(anyString(), any(), anyString(), any(), any());
    verify(accounts, never()).setPassword(anyString(), anyString());
  }

  /** With {@code BATON_OIDC_PERSONAL_TOKENS=true}: a token of one's own, with one's own role. */
  @Nested
  @TestPropertySource(properties = "baton.security.oidc.personal-tokens=true")
  class WhenAllowed {
    @Test
    void aPersonMintsATokenOfTheirOwnWithTheRoleAndQueuesTheProviderGivesThem() throws Exception {
      String token = IDP.ecToken(Map.of(
          "sub", "u-42", "aud", AUDIENCE, "name", "Ann", "roles", List.of("baton-agent"), "baton_queues", List.of("orders")));
      String own = me(token).path("name").asText();
      given(accounts.create(eq(own), any(), anyString(), any(), any()))
          .willReturn(Optional.of(new Account(own, "Ann", Account.AGENT, List.of("orders"), false, Instant.EPOCH)));

      mint(token, own).andExpect(status().isCreated()).andExpect(jsonPath("$.username").value(own));
      verify(accounts).create(eq(own), eq("Ann"), eq(Account.AGENT), isNull(), eq(List.of("orders")));
      verify(accounts).issueToken(anyString(), eq(own), eq(AccountTokens.PERSONAL), any(), any());
    }

    @Test
    void stillNeverOneOfAnotherAccount() throws Exception {
      expectProblem(mint(agent("u-42", "operator"), "operator"), 403, "forbidden");
      expectProblem(mint(admin("u-1"), "ada"), 403, "forbidden");
      String other = me(agent("u-43", "bo")).path("name").asText();
      expectProblem(mint(admin("u-1"), other), 403, "forbidden");
      verify(accounts, never()).issueToken(anyString(), anyString(), anyString(), any(), any());
    }
  }

  private static String agent(String subject, String username) {
    return IDP.token(Map.of("sub", subject, "aud", AUDIENCE, "preferred_username", username, "roles", List.of("baton-agent")));
  }

  private static String admin(String subject) {
    return IDP.token(Map.of("sub", subject, "aud", AUDIENCE, "preferred_username", "root", "roles", List.of("baton-admin")));
  }

  private JsonNode me(String token) throws Exception {
    String body =
        mvc.perform(get("/api/v1/auth/me").header("Authorization", "Bearer " + token))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getContentAsString();
    return JSON.readTree(body);
  }

  private ResultActions mint(String token, String username) throws Exception {
    return mvc.perform(
        post("/api/v1/accounts/" + username + "/tokens").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content("{}"));
  }
}
