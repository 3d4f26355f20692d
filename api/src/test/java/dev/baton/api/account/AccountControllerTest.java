package dev.baton.api.account;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.api.security.AccountTokens;
import dev.baton.api.security.ConversationGate;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.FreshSignIn;
import dev.baton.api.security.PasswordHashes;
import dev.baton.api.security.SecurityConfiguration;
import dev.baton.api.security.SecurityProperties;
import dev.baton.api.security.SingleSignOn;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.accounts.StoredToken;
import dev.baton.store.conversation.ConversationStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Accounts through the api's real security chain (the store mocked): passwords bcrypt can take,
 * and lasting credentials (a personal token, a password) only from someone who signed in with
 * their password a moment ago, never from a token alone; personal tokens live 90 days at most.
 */
@WebMvcTest(controllers = AccountController.class)
@Import({
  SecurityConfiguration.class, ConversationGate.class, AccountTokens.class, CustomerTokens.class, PasswordHashes.class,
  FreshSignIn.class, SingleSignOn.class, AccountControllerTest.Properties.class
})
@TestPropertySource(
    properties = {
      "baton.security.customer-token-key=the api's customer token key, 32 bytes or more",
      "baton.security.identity-key=the site's identity key, 32 bytes or more, for tests",
    })
class AccountControllerTest {
  @EnableConfigurationProperties(SecurityProperties.class)
  static class Properties {}

  private static final Account ROOT = new Account("root", "Root", Account.ADMIN, List.of(), false, Instant.EPOCH);
  private static final Account ADA = new Account("ada", "Ada", Account.AGENT, List.of("orders"), false, Instant.EPOCH);
  /** 72 bytes: 36 letters of two bytes each in UTF-8. */
  private static final String LONGEST = "é".repeat(36);

  @Autowired MockMvc mvc;
  @MockitoBean AccountStore accounts;
  @MockitoBean ConversationStore store;

  @BeforeEach
  void accounts() {
    given(accounts.findByToken(anyString())).willReturn(Optional.of(ROOT));
    given(accounts.find("root")).willReturn(Optional.of(ROOT));
    given(accounts.find("ada")).willReturn(Optional.of(ADA));
    given(accounts.create(anyString(), any(), anyString(), any(), any())).willReturn(Optional.of(ADA));
    given(accounts.update(anyString(), any(), any(), any(), any())).willReturn(Optional.of(ADA));
    signedIn("bt_fresh", AccountTokens.CONSOLE, Duration.ofMinutes(1));
  }

  // ---- passwords bcrypt can take ---------------------------------------------------------------

  @Test
  void aPasswordOver72BytesIsA400NamingTheLimitOnCreate() throws Exception {
    for (String tooLong : List.of("x".repeat(100), "x".repeat(73), "€".repeat(25), LONGEST + "x")) {
      expectProblem(create("{\"username\":\"bo\",\"password\":\"" + tooLong + "\"}"), 400, "invalid-request")
          .andExpect(jsonPath("$.errors[0].field").value("password"))
          .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("72 bytes")));
    }
    verify(accounts, never()).create(anyString(), any(), anyString(), any(), any());
    create("{\"username\":\"bo\",\"password\":\"" + LONGEST + "\"}").andExpect(status().isCreated());
  }

  @Test
  void aPasswordOver72BytesIsA400NamingTheLimitOnChange() throws Exception {
    expectProblem(change("ada", "{\"password\":\"" + "x".repeat(100) + "\"}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("password"))
        .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("72 bytes")));
    verify(accounts, never()).setPassword(anyString(), anyString());
    change("ada", "{\"password\":\"" + LONGEST + "\"}").andExpect(status().isOk());
    verify(accounts).setPassword(eq("ada"), anyString());
  }

  @Test
  void aPasswordShorterThan12CharactersIsStillRefused() throws Exception {
    expectProblem(create("{\"username\":\"bo\",\"password\":\"short\"}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("password"));
  }

  // ---- personal tokens --------------------------------------------------------------------------

  @Test
  void aPersonalTokenLivesNinetyDaysByDefaultAndNoLonger() throws Exception {
    expectProblem(mint("bt_fresh", "{\"expiresInDays\":3650}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("expiresInDays"))
        .andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("90")));
    expectProblem(mint("bt_fresh", "{\"expiresInDays\":91}"), 400, "invalid-request");

    mint("bt_fresh", "{}").andExpect(status().isCreated());
    mint("bt_fresh", "{\"expiresInDays\":90}").andExpect(status().isCreated());
    ArgumentCaptor<Instant> expires = ArgumentCaptor.forClass(Instant.class);
    verify(accounts, org.mockito.Mockito.times(2))
        .issueToken(anyString(), eq("ada"), eq(AccountTokens.PERSONAL), any(), expires.capture());
    for (Instant at : expires.getAllValues()) {
      assertThat(Duration.between(Instant.now(), at)).isBetween(Duration.ofDays(90).minusMinutes(1), Duration.ofDays(90));
    }
  }

  @Test
  void aPersonalTokenIsMintedOnlyAfterAFreshSignIn() throws Exception {
    signedIn("bt_personal", AccountTokens.PERSONAL, Duration.ofMinutes(1));
    signedIn("bt_stale", AccountTokens.CONSOLE, Duration.ofMinutes(11));

    for (String token : List.of("bt_personal", "bt_stale")) {
      expectProblem(mint(token, "{}"), 403, "fresh-sign-in-required");
    }
    verify(accounts, never()).issueToken(anyString(), anyString(), eq(AccountTokens.PERSONAL), any(), any());
    mint("bt_fresh", "{}").andExpect(status().isCreated()).andExpect(jsonPath("$.token").isNotEmpty());
  }

  @Test
  void aPasswordIsSetOnlyAfterAFreshSignIn() throws Exception {
    signedIn("bt_stale", AccountTokens.CONSOLE, Duration.ofMinutes(11));

    expectProblem(change("bt_stale", "ada", "{\"password\":\"a new password for ada\"}"), 403, "fresh-sign-in-required");
    expectProblem(create("bt_stale", "{\"username\":\"bo\",\"password\":\"a password for bo\"}"), 403, "fresh-sign-in-required");
    verify(accounts, never()).setPassword(anyString(), anyString());
    verify(accounts, never()).create(anyString(), any(), anyString(), any(), any());

    // What is not a lasting credential needs no fresh sign-in.
    change("bt_stale", "ada", "{\"name\":\"Ada L.\"}").andExpect(status().isOk());
    create("bt_stale", "{\"username\":\"bo\"}").andExpect(status().isCreated());
    verify(accounts).create(eq("bo"), isNull(), eq(Account.AGENT), isNull(), eq(List.of()));
  }

  private void signedIn(String token, String kind, Duration ago) {
    given(accounts.token(hashOf(token)))
        .willReturn(Optional.of(new StoredToken("root", kind, Instant.now().minus(ago), Instant.now().plus(Duration.ofHours(1)))));
  }

  private ResultActions create(String json) throws Exception {
    return create("bt_fresh", json);
  }

  private ResultActions create(String token, String json) throws Exception {
    return mvc.perform(
        post("/api/v1/accounts").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content(json));
  }

  private ResultActions change(String username, String json) throws Exception {
    return change("bt_fresh", username, json);
  }

  private ResultActions change(String token, String username, String json) throws Exception {
    return mvc.perform(
        patch("/api/v1/accounts/" + username).header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content(json));
  }

  private ResultActions mint(String token, String json) throws Exception {
    return mvc.perform(
        post("/api/v1/accounts/ada/tokens").header("Authorization", "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content(json));
  }

  static String hashOf(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
