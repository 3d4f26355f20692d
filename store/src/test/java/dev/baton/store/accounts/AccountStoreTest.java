package dev.baton.store.accounts;

import static dev.baton.store.StoreDatabase.JDBC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.StoreDatabase;
import dev.baton.store.agents.AgentStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accounts and their tokens: what signs someone in, and what stops doing so. */
class AccountStoreTest {
  private final AccountStore accounts = new AccountStore(JDBC);

  @BeforeEach
  void empty() {
    StoreDatabase.clear();
  }

  @Test
  void anAccountIsCreatedOnceAndReadBack() {
    Account ada = accounts.create("ada", "Ada", Account.AGENT, "{noop}x", List.of("orders")).orElseThrow();

    assertThat(ada.queues()).containsExactly("orders");
    assertThat(accounts.create("ada", "Other", Account.ADMIN, null, List.of())).as("username taken").isEmpty();
    assertThat(accounts.passwordHash("ada")).contains("{noop}x");
    assertThat(accounts.hasAdmin()).isFalse();
  }

  @Test
  void aTokenSignsInUntilItExpiresOrIsRevoked() {
    accounts.create("ada", "Ada", Account.AGENT, null, List.of("orders"));
    accounts.issueToken("live", "ada", "PERSONAL", "tests", null);
    accounts.issueToken("old", "ada", "CONSOLE", null, Instant.now().minusSeconds(1));

    assertThat(accounts.findByToken("live")).get().extracting(Account::username).isEqualTo("ada");
    assertThat(accounts.findByToken("old")).isEmpty();
    assertThat(accounts.findByToken("unknown")).isEmpty();
    assertThat(accounts.revokeToken("live")).isTrue();
    assertThat(accounts.findByToken("live")).isEmpty();
  }

  @Test
  void aCodecSessionIsNoBearerTokenAndABearerTokenNoCodecSession() {
    accounts.create("sue", "Sue", Account.SUPERVISOR, null, List.of());
    accounts.issueToken("cookie", "sue", "CODEC", null, Instant.now().plusSeconds(60));
    accounts.issueToken("bearer", "sue", "CONSOLE", null, null);

    assertThat(accounts.findByCodecToken("cookie")).get().extracting(Account::username).isEqualTo("sue");
    assertThat(accounts.findByToken("cookie")).isEmpty();
    assertThat(accounts.findByCodecToken("bearer")).isEmpty();
    assertThat(accounts.revokeToken("cookie")).isTrue();
    assertThat(accounts.findByCodecToken("cookie")).isEmpty();
  }

  @Test
  void aDisabledAccountLosesItsTokensItsPasswordAndItsPresence() {
    accounts.create("ada", "Ada", Account.AGENT, "{noop}x", List.of("orders"));
    accounts.issueToken("t", "ada", "PERSONAL", null, null);
    AgentStore agents = new AgentStore(JDBC);
    agents.setPresence("ada", "Ada", "ONLINE", List.of("orders"), 2);

    Account disabled = accounts.update("ada", null, null, List.of("billing"), true).orElseThrow();

    assertThat(disabled.disabled()).isTrue();
    assertThat(disabled.queues()).containsExactly("billing");
    assertThat(accounts.findByToken("t")).isEmpty();
    assertThat(accounts.passwordHash("ada")).isEmpty();
    assertThat(agents.online("orders")).isZero();
    assertThat(accounts.update("nobody", "N", null, null, null)).isEmpty();
  }

  @Test
  void aPasswordChangeEndsEveryTokenOfTheAccountAndNoOther() {
    accounts.create("ada", "Ada", Account.AGENT, "{noop}old", List.of("orders"));
    accounts.create("bo", "Bo", Account.AGENT, "{noop}x", List.of("orders"));
    accounts.issueToken("console", "ada", "CONSOLE", null, Instant.now().plusSeconds(600));
    accounts.issueToken("personal", "ada", "PERSONAL", null, Instant.now().plusSeconds(600));
    accounts.issueToken("codec", "ada", "CODEC", null, Instant.now().plusSeconds(600));
    accounts.issueToken("other", "bo", "PERSONAL", null, null);

    assertThat(accounts.setPassword("ada", "{noop}new")).isTrue();

    assertThat(accounts.findByToken("console")).isEmpty();
    assertThat(accounts.findByToken("personal")).isEmpty();
    assertThat(accounts.findByCodecToken("codec")).isEmpty();
    assertThat(accounts.findByToken("other")).as("another account's token").isPresent();
    assertThat(accounts.passwordHash("ada")).contains("{noop}new");
  }

  @Test
  void aTokenSaysWhatKindItIsAndWhenItWasIssued() {
    accounts.create("ada", "Ada", Account.AGENT, null, List.of("orders"));
    accounts.issueToken("console", "ada", "CONSOLE", null, Instant.now().plusSeconds(600));
    accounts.issueToken("old", "ada", "CONSOLE", null, Instant.now().minusSeconds(1));

    StoredToken console = accounts.token("console").orElseThrow();
    assertThat(console.username()).isEqualTo("ada");
    assertThat(console.kind()).isEqualTo("CONSOLE");
    assertThat(console.issuedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    assertThat(accounts.token("old")).as("expired").isEmpty();
    assertThat(accounts.token("unknown")).isEmpty();
  }

  @Test
  void ofSomeTokensTheOnesThatStillSignInAreKnownInOneQuery() {
    accounts.create("ada", "Ada", Account.AGENT, null, List.of("orders"));
    accounts.create("cy", "Cy", Account.AGENT, null, List.of("orders"));
    accounts.issueToken("live", "ada", "CONSOLE", null, Instant.now().plusSeconds(600));
    accounts.issueToken("expired", "ada", "CONSOLE", null, Instant.now().minusSeconds(1));
    accounts.issueToken("disabled", "cy", "PERSONAL", null, null);
    JDBC.update("update accounts set disabled = true where username = 'cy'");

    assertThat(accounts.live(Set.of("live", "expired", "disabled", "gone"))).containsExactly("live");
    assertThat(accounts.live(Set.of())).isEmpty();
  }

  @Test
  void personalTokensLongerThanTheCapAreShortenedToIt() {
    accounts.create("ada", "Ada", Account.AGENT, null, List.of("orders"));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    accounts.issueToken("ten-years", "ada", "PERSONAL", null, now.plus(Duration.ofDays(3650)));
    accounts.issueToken("forever", "ada", "PERSONAL", null, null);
    accounts.issueToken("short", "ada", "PERSONAL", null, now.plus(Duration.ofDays(30)));
    accounts.issueToken("console", "ada", "CONSOLE", null, null);

    assertThat(accounts.capLifetimes("PERSONAL", Duration.ofDays(90))).isEqualTo(2);

    for (String capped : List.of("ten-years", "forever")) {
      assertThat(accounts.token(capped).orElseThrow().expiresAt())
          .isBetween(now.plus(Duration.ofDays(90)).minusSeconds(60), now.plus(Duration.ofDays(90)).plusSeconds(60));
    }
    assertThat(accounts.token("short").orElseThrow().expiresAt()).isEqualTo(now.plus(Duration.ofDays(30)));
    assertThat(accounts.token("console").orElseThrow().expiresAt()).as("another kind").isNull();
    assertThat(accounts.capLifetimes("PERSONAL", Duration.ofDays(90))).as("once is enough").isZero();
  }
}
