package dev.baton.store.accounts;

import static dev.baton.store.StoreDatabase.JDBC;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.StoreDatabase;
import dev.baton.store.agents.AgentStore;
import java.time.Instant;
import java.util.List;
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
}
