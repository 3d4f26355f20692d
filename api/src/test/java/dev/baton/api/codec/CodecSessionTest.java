package dev.baton.api.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.api.security.AccountTokens;
import dev.baton.api.security.ConversationGate;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.FreshSignIn;
import dev.baton.api.security.SecurityConfiguration;
import dev.baton.api.security.SecurityProperties;
import dev.baton.api.security.TestIdentityProvider;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.accounts.StoredToken;
import dev.baton.store.conversation.ConversationStore;
import jakarta.servlet.http.Cookie;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
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

/**
 * The codec session through the api's real security chain (stores mocked): a supervisor's browser
 * gets an HttpOnly cookie scoped to the codec path, the Temporal UI's origin may send it
 * cross-origin, and the cookie opens the codec endpoint and nothing else.
 */
@WebMvcTest(controllers = {CodecController.class, CodecSessionController.class})
@Import({
  SecurityConfiguration.class, ConversationGate.class, AccountTokens.class, CustomerTokens.class, FreshSignIn.class,
  CodecSessionTest.Properties.class
})
@TestPropertySource(
    properties = {
      "baton.security.customer-token-key=the api's customer token key, 32 bytes or more",
      "baton.security.identity-key=the site's identity key, 32 bytes or more, for tests",
      "baton.codec.cors-origins=http://ui.example.test:8233",
      "baton.security.oidc.issuer-uri=" + TestIdentityProvider.ISSUER,
      "baton.security.oidc.audience=" + TestIdentityProvider.AUDIENCE,
    })
class CodecSessionTest {
  @EnableConfigurationProperties(SecurityProperties.class)
  static class Properties {}

  private static final String UI = "http://ui.example.test:8233";
  private static final String PAYLOADS = "{\"payloads\":[{\"metadata\":{\"encoding\":\"anNvbi9wbGFpbg==\"},\"data\":\"IkFkYSI=\"}]}";
  private static final Account SUE = new Account("sue", "Sue", Account.SUPERVISOR, List.of(), false, Instant.EPOCH);
  private static final Account ADA = new Account("ada", "Ada", Account.AGENT, List.of("orders"), false, Instant.EPOCH);

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
  @MockitoBean AccountStore accounts;
  @MockitoBean ConversationStore store;

  @Test
  void aSupervisorGetsAnHttpOnlyCookieForTheCodecPathOnly() throws Exception {
    given(accounts.findByToken(hashOf("bt_sue"))).willReturn(Optional.of(SUE));
    given(accounts.find("sue")).willReturn(Optional.of(SUE));

    String cookie =
        mvc.perform(post("/api/v1/codec/session").header("Authorization", "Bearer bt_sue"))
            .andExpect(status().isOk())
            .andExpect(jsonPath("$.username").value("sue"))
            .andReturn()
            .getResponse()
            .getHeader("Set-Cookie");

    assertThat(cookie).startsWith("baton_codec=bt_").contains("Path=/api/v1/codec", "HttpOnly", "SameSite=Strict", "Max-Age=28800");
    assertThat(cookie).as("plain HTTP: not Secure, or the browser would not send it back").doesNotContain("Secure");
    ArgumentCaptor<String> kind = ArgumentCaptor.forClass(String.class);
    verify(accounts).issueToken(anyString(), eq("sue"), kind.capture(), anyString(), any());
    assertThat(kind.getValue()).isEqualTo(AccountTokens.CODEC);
  }

  /**
   * A session ends at most its lifetime (8 h) after the sign-in that started it: a supervisor who
   * signed in 7 hours ago gets one more hour, not 8, and one whose sign-in is older than that must
   * sign in again.
   */
  @Test
  void aSessionEndsItsLifetimeAfterTheSignInThatStartedIt() throws Exception {
    given(accounts.findByToken(anyString())).willReturn(Optional.of(SUE));
    given(accounts.find("sue")).willReturn(Optional.of(SUE));
    Instant signedIn = Instant.now().minus(Duration.ofHours(7));
    given(accounts.token(hashOf("bt_sue")))
        .willReturn(Optional.of(new StoredToken("sue", AccountTokens.CONSOLE, signedIn, signedIn.plus(Duration.ofHours(12)))));

    String cookie =
        mvc.perform(post("/api/v1/codec/session").header("Authorization", "Bearer bt_sue"))
            .andExpect(status().isOk())
            .andReturn()
            .getResponse()
            .getHeader("Set-Cookie");

    long maxAge = Long.parseLong(cookie.replaceFirst(".*Max-Age=(\\d+).*", "$1"));
    assertThat(maxAge).isBetween(3600L - 60, 3600L);
    ArgumentCaptor<Instant> expires = ArgumentCaptor.forClass(Instant.class);
    verify(accounts).issueToken(anyString(), eq("sue"), eq(AccountTokens.CODEC), anyString(), expires.capture());
    assertThat(Duration.between(signedIn.plus(Duration.ofHours(8)), expires.getValue()).abs()).isLessThan(Duration.ofMinutes(1));

    Instant longAgo = Instant.now().minus(Duration.ofHours(9));
    given(accounts.token(hashOf("bt_sue")))
        .willReturn(Optional.of(new StoredToken("sue", AccountTokens.CONSOLE, longAgo, longAgo.plus(Duration.ofHours(12)))));
    mvc.perform(post("/api/v1/codec/session").header("Authorization", "Bearer bt_sue"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("urn:baton:problem:fresh-sign-in-required"));
  }

  /** The session's own cookie starts no new one: a session never renews itself past its 8 hours. */
  @Test
  void aSessionDoesNotRenewItself() throws Exception {
    given(accounts.findByCodecToken(anyString())).willReturn(Optional.of(SUE));
    given(accounts.find("sue")).willReturn(Optional.of(SUE));

    var answer = mvc.perform(post("/api/v1/codec/session").cookie(new Cookie("baton_codec", "bt_cookie"))).andReturn().getResponse();

    assertThat(answer.getStatus()).isIn(401, 403);
    assertThat(answer.getHeader("Set-Cookie")).isNull();
    verify(accounts, never()).issueToken(anyString(), anyString(), anyString(), any(), any());
    verify(accounts, never()).revokeToken(anyString());
  }

  /**
   * A supervisor of the identity provider who calls themselves {@code sue} there gets no codec
   * session of the local supervisor sue; codec sessions are for local accounts, and people of the
   * provider let the Temporal UI pass their own token.
   */
  @Test
  void aPersonOfTheProviderNamedLikeALocalSupervisorGetsNoCodecSession() throws Exception {
    given(accounts.find("sue")).willReturn(Optional.of(SUE));
    String namedSue = IDP.token(Map.of(
        "sub", "u-7", "aud", TestIdentityProvider.AUDIENCE, "preferred_username", "sue", "roles", List.of("baton-supervisor")));

    mvc.perform(post("/api/v1/codec/session").header("Authorization", "Bearer " + namedSue))
        .andExpect(status().isForbidden())
        .andExpect(header().doesNotExist("Set-Cookie"));
    verify(accounts, never()).issueToken(anyString(), anyString(), anyString(), any(), any());
  }

  @Test
  void anAgentGetsNoCodecSession() throws Exception {
    given(accounts.findByToken(hashOf("bt_ada"))).willReturn(Optional.of(ADA));

    mvc.perform(post("/api/v1/codec/session").header("Authorization", "Bearer bt_ada"))
        .andExpect(status().isForbidden())
        .andExpect(jsonPath("$.type").value("urn:baton:problem:forbidden"));
  }

  @Test
  void theCookieDecodesForTheTemporalUiAndOpensNothingElse() throws Exception {
    given(accounts.findByCodecToken(anyString())).willReturn(Optional.empty());
    given(accounts.findByCodecToken(hashOf("bt_cookie"))).willReturn(Optional.of(SUE));
    given(accounts.findByToken(anyString())).willReturn(Optional.empty());

    mvc.perform(decode().header("Origin", UI).cookie(new Cookie("baton_codec", "bt_cookie")))
        .andExpect(status().isOk())
        .andExpect(header().string("Access-Control-Allow-Origin", UI))
        .andExpect(header().string("Access-Control-Allow-Credentials", "true"))
        .andExpect(jsonPath("$.payloads[0].data").value("IkFkYSI="));
    mvc.perform(decode().header("Origin", UI))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.type").value("urn:baton:problem:unauthenticated"));
    mvc.perform(decode().cookie(new Cookie("baton_codec", "bt_ended"))).andExpect(status().isUnauthorized());
    // The same token as a bearer token is nothing (it is no console or personal token).
    mvc.perform(decode().header("Authorization", "Bearer bt_cookie")).andExpect(status().isUnauthorized());
    // Elsewhere the cookie is not even read.
    mvc.perform(post("/api/v1/conversations/c-1/close").cookie(new Cookie("baton_codec", "bt_cookie")))
        .andExpect(status().isUnauthorized());
  }

  @Test
  void anAgentsCodecSessionDecodesNothing() throws Exception {
    given(accounts.findByCodecToken(anyString())).willReturn(Optional.of(ADA));

    mvc.perform(decode().cookie(new Cookie("baton_codec", "bt_ada_cookie"))).andExpect(status().isForbidden());
  }

  @Test
  void onlyTheTemporalUiOriginMayAskToSendCredentials() throws Exception {
    mvc.perform(preflight(UI))
        .andExpect(status().isOk())
        .andExpect(header().string("Access-Control-Allow-Origin", UI))
        .andExpect(header().string("Access-Control-Allow-Credentials", "true"));
    mvc.perform(preflight("https://evil.example.test")).andExpect(status().isForbidden());
  }

  @Test
  void signingOutEndsTheSessionAndClearsTheCookie() throws Exception {
    given(accounts.findByCodecToken(anyString())).willReturn(Optional.of(SUE));

    String cookie =
        mvc.perform(delete("/api/v1/codec/session").cookie(new Cookie("baton_codec", "bt_cookie")))
            .andExpect(status().isNoContent())
            .andReturn()
            .getResponse()
            .getHeader("Set-Cookie");

    assertThat(cookie).startsWith("baton_codec=;").contains("Max-Age=0", "Path=/api/v1/codec");
    verify(accounts).revokeToken(hashOf("bt_cookie"));
  }

  private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder decode() {
    return post("/api/v1/codec/decode").contentType(MediaType.APPLICATION_JSON).content(PAYLOADS);
  }

  private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder preflight(String origin) {
    return options("/api/v1/codec/decode")
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-namespace");
  }

  private static String hashOf(String token) throws Exception {
    return java.util.HexFormat.of()
        .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }
}
