package dev.baton.api.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static dev.baton.api.security.TestIdentityProvider.AUDIENCE;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.api.security.AccountTokens;
import dev.baton.api.security.ConversationGate;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.IdentityClaims;
import dev.baton.api.security.SecurityConfiguration;
import dev.baton.api.security.SecurityProperties;
import dev.baton.api.security.TestIdentityProvider;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.Customer;
import dev.baton.conversation.TurnResult;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.autoconfigure.MultipartAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * The security filter chain as it runs in the api, with the stores and Temporal mocked: each token
 * kind, the answers without one or with the wrong one, and single sign-on with a key generated
 * here and served as a JWK set, as an identity provider would.
 */
@WebMvcTest(controllers = {ConversationController.class, AgentConversationController.class, EarlierConversationsController.class})
@Import({
  SecurityConfiguration.class, ConversationGate.class, AccountTokens.class, CustomerTokens.class, IdentityClaims.class,
  ConversationReader.class, AgentNames.class, TemporalUiLinks.class, SecurityTest.Properties.class
})
// The api's multipart resolver, which the MVC slice leaves out: it parses a multipart request first.
@ImportAutoConfiguration(MultipartAutoConfiguration.class)
@TestPropertySource(
    properties = {
      "baton.security.customer-token-key=" + SecurityTest.BATON_KEY,
      "baton.security.identity-key=" + SecurityTest.SITE_KEY,
      "baton.security.oidc.issuer-uri=" + TestIdentityProvider.ISSUER,
      "baton.security.oidc.audience=" + TestIdentityProvider.AUDIENCE,
      "baton.security.oidc.roles-claim=groups",
      "baton.security.oidc.role-prefix=baton-",
    })
class SecurityTest {
  @EnableConfigurationProperties({SecurityProperties.class, ConversationProperties.class})
  static class Properties {}

  static final String BATON_KEY = "the api's customer token key, 32 bytes or more";
  static final String SITE_KEY = "the site's identity key, 32 bytes or more, for tests";
  private static final TestIdentityProvider IDP = new TestIdentityProvider();

  @DynamicPropertySource
  static void sso(DynamicPropertyRegistry registry) {
    registry.add("baton.security.oidc.jwk-set-uri", IDP::jwkSetUri);
  }

  @AfterAll
  static void stop() {
    IDP.close();
  }

  @Autowired MockMvc mvc;
  @Autowired CustomerTokens customerTokens;
  @MockitoBean ConversationService conversations;
  /** Starts per address and per customer are StartLimitsTest's subject. */
  @MockitoBean dev.baton.api.limits.StartLimits starts;
  @MockitoBean ConversationStore store;
  @MockitoBean AgentStore agents;
  @MockitoBean AccountStore accounts;

  @Test
  void withoutATokenACustomerRouteAnswers401() throws Exception {
    mvc.perform(get("/api/v1/conversations/c-1/messages"))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("WWW-Authenticate", "Bearer"))
        .andExpect(jsonPath("$.type").value("urn:baton:problem:unauthenticated"));
    verifyNoInteractions(store);
  }

  @Test
  void aCustomerTokenOpensItsOwnConversationAndNoOther() throws Exception {
    String token = customerTokens.issue("c-2", "cust-2").token();
    given(store.find("c-2")).willReturn(Optional.of(view("c-2")));

    mvc.perform(get("/api/v1/conversations/c-2/messages").header("Authorization", "Bearer " + token))
        .andExpect(status().isOk());
    mvc.perform(get("/api/v1/conversations/c-1/messages").header("Authorization", "Bearer " + token))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("urn:baton:problem:conversation-not-found"));
    mvc.perform(get("/api/v1/tickets").header("Authorization", "Bearer " + token))
        .andExpect(status().isForbidden());
  }

  @Test
  void aCustomerTokenSignedWithAnotherKeyIsNotOne() throws Exception {
    String forged = hs256("another key, long enough for HMAC-SHA256 ....", "baton", Map.of("conv", "c-2", "aud", "baton-customer"));

    mvc.perform(get("/api/v1/conversations/c-2/messages").header("Authorization", "Bearer " + forged))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void anAgentTokenActsAsItsAgentOnItsQueuesAndABodyNamingAnotherIsRefused() throws Exception {
    given(accounts.findByToken(anyString()))
        .willReturn(Optional.of(new Account("ada", "Ada", Account.AGENT, List.of("orders"), false, Instant.EPOCH)));
    given(store.find("c-1")).willReturn(Optional.of(view("c-1")));
    given(store.find("c-3")).willReturn(Optional.of(inQueue("c-3", "billing")));
    given(conversations.state(any())).willAnswer(call -> view(call.getArgument(0)));

    mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer bt_ada")).andExpect(status().isOk());
    mvc.perform(get("/api/v1/conversations/c-3").header("Authorization", "Bearer bt_ada"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("urn:baton:problem:forbidden"));
    mvc.perform(
            post("/api/v1/conversations/c-1/takeover")
                .header("Authorization", "Bearer bt_ada")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"agentId\":\"mallory\"}"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.agentId").value("mallory"));
    mvc.perform(
            post("/api/v1/conversations/c-1/messages")
                .header("Authorization", "Bearer bt_ada")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"hi\",\"clientMessageId\":\"m-1\"}"))
        .andExpect(status().isForbidden()); // only the customer writes as the customer
    verifyNoInteractions(agents);
  }

  /**
   * A conversation Temporal runs but PostgreSQL has no row of yet (the first write is late, or the
   * database is down): there is no queue or holder to judge an agent by, so the gate fails closed,
   * as not found. A supervisor, who may read every conversation, gets the route's own answer.
   */
  @Test
  void aConversationWithoutARowIsNotFoundToAnAgentAndOpenToASupervisor() throws Exception {
    given(store.find("c-late")).willReturn(Optional.empty());
    given(conversations.state("c-late")).willReturn(view("c-late"));
    given(accounts.findByToken(anyString()))
        .willReturn(Optional.of(new Account("ada", "Ada", Account.AGENT, List.of("orders"), false, Instant.EPOCH)));

    mvc.perform(get("/api/v1/conversations/c-late").header("Authorization", "Bearer bt_ada"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("urn:baton:problem:conversation-not-found"));
    mvc.perform(get("/api/v1/conversations/c-late/earlier").header("Authorization", "Bearer bt_ada"))
        .andExpect(status().isNotFound());
    mvc.perform(
            post("/api/v1/conversations/c-late/takeover")
                .header("Authorization", "Bearer bt_ada")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.type").value("urn:baton:problem:conversation-not-found"));
    verifyNoInteractions(agents);

    given(accounts.findByToken(anyString()))
        .willReturn(Optional.of(new Account("sam", "Sam", Account.SUPERVISOR, List.of(), false, Instant.EPOCH)));
    mvc.perform(get("/api/v1/conversations/c-late").header("Authorization", "Bearer bt_sam")).andExpect(status().isOk());
  }

  /**
   * While the bot holds a conversation it has no queue, and no agent serves it: its earlier
   * conversations are not an agent's to read (reads never fall back to "the conversation will
   * refuse it", as actions do).
   */
  @Test
  void anAgentReadsNoEarlierConversationsOfAConversationTheBotHolds() throws Exception {
    given(store.find("c-bot")).willReturn(Optional.of(inQueue("c-bot", null)));
    given(accounts.findByToken(anyString()))
        .willReturn(Optional.of(new Account("ada", "Ada", Account.AGENT, List.of("orders"), false, Instant.EPOCH)));

    mvc.perform(get("/api/v1/conversations/c-bot/earlier").header("Authorization", "Bearer bt_ada"))
        .andExpect(status().isForbidden());
  }

  @Test
  void anUnknownAccountTokenIs401() throws Exception {
    given(accounts.findByToken(anyString())).willReturn(Optional.empty());

    mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer bt_nobody")).andExpect(status().isUnauthorized());
  }

  /**
   * A token shaped like an encrypted JWT (five parts, a JWE header) has no claims to read before it
   * is decrypted, and Baton decrypts none: it is a bad token like any other, not a server error.
   */
  @Test
  void anEncryptedJwtIs401() throws Exception {
    String jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.AA.AA.AA.AA";

    mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer " + jwe))
        .andExpect(status().isUnauthorized())
        .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
        .andExpect(jsonPath("$.type").value("urn:baton:problem:unauthenticated"));
  }

  /**
   * A multipart Content-Type without a boundary cannot be parsed; the api takes no uploads, so
   * such a request is a bad request on any route, answered as problem+json, never a 500.
   */
  @Test
  void aMultipartContentTypeWithoutABoundaryIs400() throws Exception {
    given(accounts.findByToken(anyString()))
        .willReturn(Optional.of(new Account("sam", "Sam", Account.SUPERVISOR, List.of(), false, Instant.EPOCH)));
    given(store.find("c-1")).willReturn(Optional.of(view("c-1")));
    given(conversations.state(any())).willAnswer(call -> view(call.getArgument(0)));

    mvc.perform(new WithoutBoundary("/api/v1/conversations/c-1").header("Authorization", "Bearer bt_sam"))
        .andExpect(status().isBadRequest())
        .andExpect(header().string("Content-Type", MediaType.APPLICATION_PROBLEM_JSON_VALUE))
        .andExpect(jsonPath("$.type").value("urn:baton:problem:invalid-request"));
  }

  @Test
  void aRouteWithoutARuleIsRefusedEvenToAnAdmin() throws Exception {
    given(accounts.findByToken(anyString()))
        .willReturn(Optional.of(new Account("root", "Root", Account.ADMIN, List.of(), false, Instant.EPOCH)));

    mvc.perform(get("/api/v1/no-such-route").header("Authorization", "Bearer bt_root")).andExpect(status().isForbidden());
  }

  @Test
  void singleSignOnTokensCarryTheirRoleAndQueuesFromClaims() throws Exception {
    given(store.find("c-1")).willReturn(Optional.of(view("c-1")));
    given(conversations.state(any())).willAnswer(call -> view(call.getArgument(0)));
    String supervisor = IDP.token(Map.of("sub", "u-sam", "aud", AUDIENCE, "groups", List.of("baton-supervisor")));
    String ordersAgent = IDP.ecToken(Map.of("sub", "u-ann", "aud", AUDIENCE, "groups", List.of("baton-agent"), "baton_queues", List.of("orders")));
    String billingAgent = IDP.token(Map.of("sub", "u-bo", "aud", AUDIENCE, "groups", "baton-agent", "baton_queues", List.of("billing")));
    String nobody = IDP.token(Map.of("sub", "u-nat", "aud", AUDIENCE, "groups", List.of("finance")));
    String forged = IDP.forged(Map.of("sub", "u-sam", "aud", AUDIENCE, "groups", List.of("baton-admin")));

    for (String allowed : List.of(supervisor, ordersAgent)) {
      mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer " + allowed)).andExpect(status().isOk());
    }
    mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer " + billingAgent)).andExpect(status().isForbidden());
    mvc.perform(post("/api/v1/conversations/c-1/requeue").header("Authorization", "Bearer " + ordersAgent)).andExpect(status().isForbidden());
    for (String refused : List.of(nobody, forged)) {
      mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer " + refused)).andExpect(status().isUnauthorized());
    }
  }

  /**
   * A provider signs tokens for many applications with one key; one issued to another of them
   * (another audience, or none) is not a token for Baton, whatever role it names. Baton's own is
   * named in {@code aud}, or is the authorized party {@code azp}.
   */
  @Test
  void aSingleSignOnTokenIsAcceptedOnlyForBatonsAudience() throws Exception {
    given(store.find("c-1")).willReturn(Optional.of(view("c-1")));
    given(conversations.state(any())).willAnswer(call -> view(call.getArgument(0)));
    Map<String, Object> supervisor = Map.of("sub", "u-sam", "groups", List.of("baton-supervisor"));

    for (Map<String, Object> audience : List.of(
        Map.<String, Object>of("aud", AUDIENCE),
        Map.<String, Object>of("aud", List.of("account", AUDIENCE)),
        Map.<String, Object>of("aud", "account", "azp", AUDIENCE))) {
      mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer " + IDP.token(with(supervisor, audience))))
          .andExpect(status().isOk());
    }
    for (Map<String, Object> audience : List.of(
        Map.<String, Object>of(),
        Map.<String, Object>of("aud", "wiki"),
        Map.<String, Object>of("aud", List.of("wiki", "account"), "azp", "wiki"),
        Map.<String, Object>of("aud", "baton-api-staging"))) {
      mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer " + IDP.token(with(supervisor, audience))))
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.type").value("urn:baton:problem:unauthenticated"));
    }
  }

  /**
   * The role is an exact value of the configured claim ({@code groups} here) with the configured
   * prefix: not another spelling of it, not another claim, not a group that merely ends in it.
   */
  @Test
  void theRoleIsAnExactValueOfTheConfiguredClaimWithThePrefix() throws Exception {
    given(store.find("c-1")).willReturn(Optional.of(view("c-1")));
    given(conversations.state(any())).willAnswer(call -> view(call.getArgument(0)));

    mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer " + supervisorWith(Map.of("groups", List.of("baton-supervisor")))))
        .andExpect(status().isOk());
    for (Map<String, Object> roles : List.of(
        Map.<String, Object>of("groups", List.of("Baton-Supervisor")),
        Map.<String, Object>of("groups", List.of("BATON-SUPERVISOR")),
        Map.<String, Object>of("groups", List.of("supervisor")),
        Map.<String, Object>of("groups", List.of("Supervisor")),
        Map.<String, Object>of("groups", List.of("baton_supervisor")),
        Map.<String, Object>of("groups", List.of("not-baton-supervisor")),
        Map.<String, Object>of("roles", List.of("baton-supervisor")))) {
      mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer " + supervisorWith(roles)))
          .andExpect(status().isUnauthorized());
    }
  }

  /**
   * Someone whose name at the provider is a local account's ({@code operator} here, with the
   * orders queue) is not that account: none of its queues, whatever their token says their name is.
   */
  @Test
  void aSingleSignOnNameEqualToALocalAccountsIsNotThatAccount() throws Exception {
    given(store.find("c-1")).willReturn(Optional.of(view("c-1")));
    given(conversations.state(any())).willAnswer(call -> view(call.getArgument(0)));
    given(accounts.find(anyString())).willReturn(Optional.empty());
    given(accounts.find("operator")).willReturn(Optional.of(new Account("operator", "Operator", Account.AGENT, List.of("orders"), false, Instant.EPOCH)));
    String namedOperator =
        IDP.token(Map.of("sub", "u-42", "aud", AUDIENCE, "preferred_username", "operator", "name", "operator", "groups", List.of("baton-agent")));

    mvc.perform(get("/api/v1/conversations/c-1").header("Authorization", "Bearer " + namedOperator)).andExpect(status().isForbidden());
  }

  private static String supervisorWith(Map<String, Object> roles) {
    return IDP.token(with(Map.of("sub", "u-sam", "aud", AUDIENCE), roles));
  }

  private static Map<String, Object> with(Map<String, Object> claims, Map<String, Object> more) {
    Map<String, Object> all = new java.util.HashMap<>(claims);
    all.putAll(more);
    return all;
  }

  @Test
  void theTierComesOnlyFromAClaimTheSiteSigned() throws Exception {
    given(conversations.start(any(), any(), any(), any()))
        .willReturn(new ConversationService.Opened("c-9", new TurnResult(ConversationStatus.BOT_ACTIVE, List.of())));
    String claim = hs256(SITE_KEY, null, Map.of("sub", "cust-7", "aud", "baton", "tier", "vip", "email", "ada@example.com"));

    start("{\"customer\":{\"id\":\"cust-7\",\"tier\":\"vip\"},\"channel\":\"web\"}").andExpect(status().isCreated())
        .andExpect(jsonPath("$.customerToken").isNotEmpty());
    start("{\"customer\":{\"id\":\"anyone\",\"tier\":\"vip\"},\"channel\":\"web\",\"identity\":\"" + claim + "\"}")
        .andExpect(status().isCreated());
    start("{\"customer\":{\"id\":\"x\"},\"channel\":\"web\",\"identity\":\"" + hs256("not the site's key but long enough, really", null, Map.of("sub", "x", "tier", "vip")) + "\"}")
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.type").value("urn:baton:problem:invalid-identity"));
    start("{\"customer\":{\"id\":\"x\",\"email\":\"not an address\"},\"channel\":\"web\"}")
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.errors[0].field").value("customer.email"));

    ArgumentCaptor<Customer> customers = ArgumentCaptor.forClass(Customer.class);
    verify(conversations, org.mockito.Mockito.times(2)).start(customers.capture(), eq("web"), any(), any());
    assertThat(customers.getAllValues()).extracting(Customer::tier).containsExactly("standard", "vip");
    assertThat(customers.getAllValues()).extracting(Customer::id).containsExactly("cust-7", "cust-7");
    assertThat(customers.getAllValues()).extracting(Customer::verified).containsExactly(false, true);
  }

  /**
   * The site's claim says it is for Baton and lives minutes, not days: one without Baton's audience
   * (something else the site signs with the same key) or valid for longer than {@code
   * baton.security.identity-claims.max-lifetime} (10 minutes) ahead, a claim that would pass as the
   * customer's for as long as it lasts wherever it leaks, is refused, saying which.
   */
  @Test
  void anIdentityClaimIsForBatonAndExpiresWithinMinutes() throws Exception {
    given(conversations.start(any(), any(), any(), any()))
        .willReturn(new ConversationService.Opened("c-9", new TurnResult(ConversationStatus.BOT_ACTIVE, List.of())));
    Date inFiveMinutes = new Date(System.currentTimeMillis() + 300_000);

    startWith(Map.of("sub", "cust-7", "tier", "vip", "aud", "baton", "exp", inFiveMinutes)).andExpect(status().isCreated());
    startWith(Map.of("sub", "cust-7", "tier", "vip", "aud", List.of("shop", "baton"), "exp", inFiveMinutes)).andExpect(status().isCreated());

    for (Map<String, Object> notForBaton : List.of(
        Map.<String, Object>of("sub", "cust-7", "tier", "vip", "exp", inFiveMinutes),
        Map.<String, Object>of("sub", "cust-7", "tier", "vip", "aud", "shop", "exp", inFiveMinutes))) {
      startWith(notForBaton)
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.type").value("urn:baton:problem:invalid-identity"))
          .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("aud")));
    }
    for (long ahead : List.of(3_600_000L, 30L * 24 * 3_600_000)) {
      startWith(Map.of("sub", "cust-7", "tier", "vip", "aud", "baton", "exp", new Date(System.currentTimeMillis() + ahead)))
          .andExpect(status().isUnauthorized())
          .andExpect(jsonPath("$.type").value("urn:baton:problem:invalid-identity"))
          .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("10 minutes")));
    }
    verify(conversations, org.mockito.Mockito.times(2)).start(any(), any(), any(), any());
  }

  private ResultActions startWith(Map<String, Object> claims) throws Exception {
    String claim = hs256(SITE_KEY, null, claims);
    return start("{\"customer\":{\"id\":\"cust-7\"},\"channel\":\"web\",\"identity\":\"" + claim + "\"}");
  }

  /**
   * A GET with {@code Content-Type: multipart/form-data} and no boundary, whose parts fail to
   * parse as Tomcat's do (the mock request would otherwise hand out an empty list of parts).
   */
  static final class WithoutBoundary extends AbstractMockHttpServletRequestBuilder<WithoutBoundary> {
    WithoutBoundary(String path) {
      super(HttpMethod.GET);
      uri(path);
      contentType("multipart/form-data");
    }

    @Override
    protected MockHttpServletRequest createServletRequest(ServletContext servletContext) {
      return new MockHttpServletRequest(servletContext) {
        @Override
        public Collection<Part> getParts() throws ServletException {
          throw new ServletException("the request was rejected because no multipart boundary was found");
        }
      };
    }
  }

  private ResultActions start(String json) throws Exception {
    return mvc.perform(post("/api/v1/conversations").contentType(MediaType.APPLICATION_JSON).content(json));
  }

  private static dev.baton.conversation.ConversationView view(String id) {
    return inQueue(id, "orders");
  }

  private static dev.baton.conversation.ConversationView inQueue(String id, String queue) {
    return new dev.baton.conversation.ConversationView(
        id, new Customer("cust-2", "Ada", null, "standard", "en"), "web", ConversationStatus.AWAITING_AGENT, null, 0, 0,
        queue, null, 2, 1, null, null, null);
  }

  static String hs256(String secret, String issuer, Map<String, Object> claims) throws Exception {
    JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().issuer(issuer).expirationTime(new Date(System.currentTimeMillis() + 600_000));
    claims.forEach(set::claim);
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set.build());
    jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }
}
