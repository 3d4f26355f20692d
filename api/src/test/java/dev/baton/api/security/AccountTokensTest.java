package dev.baton.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A live token is remembered a few seconds, so a console's burst of calls costs one query; what
 * ends a token on this instance ends it at once, and elsewhere within those seconds.
 */
class AccountTokensTest {
  private static final Account ADA = new Account("ada", "Ada", Account.AGENT, List.of("general"), false, Instant.EPOCH);

  private final AccountStore store = mock(AccountStore.class);
  private final AtomicLong nanos = new AtomicLong();
  private final AccountTokens tokens = new AccountTokens(store, Duration.ofSeconds(5), nanos::get);

  @Test
  void aBurstOfCallsWithOneTokenCostsOneLookup() {
    when(store.findByToken(anyString())).thenReturn(Optional.of(ADA));

    for (int i = 0; i < 20; i++) {
      assertThat(tokens.caller("bt_one")).map(Caller::name).contains("ada");
    }

    verify(store, times(1)).findByToken(AccountTokens.hash("bt_one"));
  }

  @Test
  void aTokenEndedElsewhereIsRefusedWithinTheRememberedTime() {
    when(store.findByToken(anyString())).thenReturn(Optional.of(ADA));
    tokens.caller("bt_one");
    // Another api instance signs it out.
    when(store.findByToken(anyString())).thenReturn(Optional.empty());

    nanos.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(tokens.caller("bt_one")).isPresent();
    nanos.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(tokens.caller("bt_one")).isEmpty();
  }

  @Test
  void signingOutOrChangingTheAccountHereEndsItAtOnce() {
    when(store.findByToken(anyString())).thenReturn(Optional.of(ADA));
    tokens.caller("bt_one");
    tokens.caller("bt_two");
    when(store.findByToken(anyString())).thenReturn(Optional.empty());

    tokens.revoke("bt_one");
    assertThat(tokens.caller("bt_one")).isEmpty();
    assertThat(tokens.caller("bt_two")).as("remembered until the account changes").isPresent();
    tokens.forget("ada");
    assertThat(tokens.caller("bt_two")).isEmpty();
  }

  @Test
  void aTokenNotFoundIsNotRemembered() {
    when(store.findByToken(anyString())).thenReturn(Optional.empty());
    assertThat(tokens.caller("bt_new")).isEmpty();

    when(store.findByToken(anyString())).thenReturn(Optional.of(ADA));
    assertThat(tokens.caller("bt_new")).isPresent();
  }
}
