package dev.baton.api.account;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mockingDetails;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.api.security.AccountTokens;
import dev.baton.api.security.ConversationGate;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.PasswordHashes;
import dev.baton.api.security.SecurityConfiguration;
import dev.baton.api.security.SecurityProperties;
import dev.baton.api.security.SignIns;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.conversation.ConversationStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Guessing passwords: sign-in through the api's real security chain (the account store mocked).
 * Failed sign-ins are throttled per username and per client address, with the same answer whether
 * or not the account exists; password hashes computed at once are bounded; every failure is
 * counted and logged, without the password.
 */
@WebMvcTest(controllers = AuthController.class)
@Import({
  SecurityConfiguration.class, ConversationGate.class, AccountTokens.class, CustomerTokens.class, SignIns.class,
  PasswordHashes.class, SignInTest.Config.class
})
@TestPropertySource(
    properties = {
      "baton.security.customer-token-key=the api's customer token key, 32 bytes or more",
      "baton.security.identity-key=the site's identity key, 32 bytes or more, for tests",
      // The shipped defaults, spelled out: what this test shows is what production gets.
      "baton.limits.sign-in.per-username=5/1m,20/1h",
      "baton.limits.sign-in.per-address=20/1m,100/1h",
      "baton.limits.sign-in.concurrent-hashes=4",
    })
@ExtendWith(OutputCaptureExtension.class)
class SignInTest {
  private static final String PASSWORD = "correct horse battery staple";
  private static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);

  @EnableConfigurationProperties(SecurityProperties.class)
  @TestConfiguration
  static class Config {
    @Bean
    MeterRegistry meters() {
      return new SimpleMeterRegistry();
    }
  }

  @Autowired MockMvc mvc;
  @Autowired MeterRegistry meters;
  @MockitoSpyBean PasswordEncoder passwords;
  @MockitoBean AccountStore accounts;
  @MockitoBean ConversationStore store;

  /** An account of this test's own: the limits are the api's, and outlive a test. */
  private final String known = "staff-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void anAccountExists() {
    given(accounts.passwordHash(anyString())).willReturn(Optional.empty());
    given(accounts.passwordHash(known)).willReturn(Optional.of(HASH));
    given(accounts.find(known)).willReturn(Optional.of(new Account(known, "Staff", Account.ADMIN, List.of(), false, Instant.EPOCH)));
  }

  @Test
  void wrongPasswordsForOneUsernameAreThrottledAndSoIsTheRightOneThen() throws Exception {
    for (int i = 0; i < 5; i++) {
      expectProblem(signIn(known, "guess-" + i, "10.0.0.1"), 401, "invalid-credentials");
    }
    // From another address too: the limit is the account's, not only the address's.
    long wait = retryAfter(expectProblem(signIn(known, "guess-5", "10.0.0.2"), 429, "too-many-requests"));
    assertThat(wait).as("five failures a minute: the next in about 12 s").isBetween(1L, 12L);
    expectProblem(signIn(known, PASSWORD, "10.0.0.3"), 429, "too-many-requests");
  }

  @Test
  void anUnknownUsernameGetsTheSameAnswersAsAKnownOne() throws Exception {
    List<String> account = new ArrayList<>();
    List<String> nobody = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      account.add(answer(signIn(known, "guess-" + i, "10.0.1.1")));
      nobody.add(answer(signIn("nobody-" + known, "guess-" + i, "10.0.1.2")));
    }

    assertThat(nobody).isEqualTo(account);
    assertThat(account.get(4)).startsWith("401 ");
    assertThat(account.get(5)).startsWith("429 ");
  }

  @Test
  void oneAddressTryingManyUsernamesIsThrottled() throws Exception {
    int failures = 0;
    while (statusOf(signIn(known + "-" + failures, "guess", "10.0.2.1")) == 401 && failures < 40) {
      failures++;
    }
    // Twenty a minute, refilled evenly: a few more get through while the first twenty are hashed.
    assertThat(failures).as("failures from one address before it is throttled").isBetween(20, 30);
    expectProblem(signIn(known + "-x", "guess", "10.0.2.1"), 429, "too-many-requests");
    expectProblem(signIn(known + "-x", "guess", "10.0.2.2"), 401, "invalid-credentials");
  }

  @Test
  void rightPasswordsAreNeverThrottled() throws Exception {
    for (int i = 0; i < 30; i++) {
      signIn(known, PASSWORD, "10.0.3.1").andExpect(status().isOk()).andExpect(jsonPath("$.token").isNotEmpty());
    }
  }

  @Test
  void aThrottledAttemptComputesNoHash() throws Exception {
    for (int i = 0; i < 5; i++) {
      signIn(known, "guess-" + i, "10.0.4.1").andExpect(status().isUnauthorized());
    }
    long hashed = matchesCalls();
    for (int i = 0; i < 20; i++) {
      signIn(known, "guess-" + i, "10.0.4.1").andExpect(status().isTooManyRequests());
    }

    assertThat(matchesCalls()).isEqualTo(hashed);
  }

  @Test
  void passwordHashesComputedAtOnceAreBoundedAndTheRestToldToComeBack() throws Exception {
    CountDownLatch hashing = new CountDownLatch(4);
    CountDownLatch release = new CountDownLatch(1);
    doAnswer(
            call -> {
              hashing.countDown();
              release.await(10, TimeUnit.SECONDS);
              return call.callRealMethod();
            })
        .when(passwords)
        .matches(any(), anyString());
    List<CompletableFuture<Integer>> slow = new ArrayList<>();
    ExecutorService browsers = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 4; i++) {
      String address = "10.0.5." + i;
      slow.add(CompletableFuture.supplyAsync(() -> statusOf(signIn(known, PASSWORD, address)), browsers));
    }
    assertThat(hashing.await(10, TimeUnit.SECONDS)).as("four sign-ins hashing").isTrue();
    // Without a bound this one would wait for the others (and the one after it too): let them go
    // after a while, so that the test fails rather than hangs.
    CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS).execute(release::countDown);

    expectProblem(signIn(known, PASSWORD, "10.0.5.9"), 503, "service-unavailable")
        .andExpect(header().string("Retry-After", "1"));

    release.countDown();
    for (CompletableFuture<Integer> call : slow) {
      assertThat(call.get(20, TimeUnit.SECONDS)).isEqualTo(200);
    }
    signIn(known, PASSWORD, "10.0.5.9").andExpect(status().isOk());
    browsers.shutdown();
  }

  @Test
  void failedSignInsAreCountedAndLoggedWithoutThePassword(CapturedOutput output) throws Exception {
    double before = failures("credentials");
    signIn(known, "hunter2-the-wrong-one", "10.0.6.1").andExpect(status().isUnauthorized());
    signIn("nobody-" + known, "hunter2-the-wrong-one", "10.0.6.1").andExpect(status().isUnauthorized());
    signIn(known, PASSWORD, "10.0.6.1").andExpect(status().isOk());

    assertThat(failures("credentials") - before).isEqualTo(2.0);
    assertThat(output.getAll())
        .contains("Failed sign-in for " + known + " from 10.0.6.1", "Failed sign-in for nobody-" + known + " from 10.0.6.1")
        .doesNotContain("hunter2")
        .doesNotContain(PASSWORD);
  }

  @Test
  void aThrottledSignInIsCountedToo() throws Exception {
    double before = failures("throttled");
    for (int i = 0; i < 7; i++) {
      signIn("nobody-" + known, "guess-" + i, "10.0.7.1");
    }
    assertThat(failures("throttled") - before).isEqualTo(2.0);
  }

  private ResultActions signIn(String username, String password, String address) {
    try {
      return mvc.perform(
          post("/api/v1/auth/token")
              .with(request -> {
                request.setRemoteAddr(address);
                return request;
              })
              .contentType(MediaType.APPLICATION_JSON)
              .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int statusOf(ResultActions result) {
    return result.andReturn().getResponse().getStatus();
  }

  /** Status, type, detail and whether to come back: what a client can tell answers apart by. */
  private static String answer(ResultActions result) throws Exception {
    MvcResult done = result.andReturn();
    var body = tools.jackson.databind.json.JsonMapper.builder().build().readTree(done.getResponse().getContentAsString());
    return done.getResponse().getStatus() + " " + body.path("type").asString() + " " + body.path("detail").asString()
        + (done.getResponse().getHeader("Retry-After") == null ? "" : " (Retry-After)");
  }

  private static long retryAfter(ResultActions result) {
    return Long.parseLong(result.andReturn().getResponse().getHeader("Retry-After"));
  }

  private long matchesCalls() {
    return mockingDetails(passwords).getInvocations().stream().filter(i -> i.getMethod().getName().equals("matches")).count();
  }

  private double failures(String reason) {
    var counter = meters.find("baton.signin.failures").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }
}
