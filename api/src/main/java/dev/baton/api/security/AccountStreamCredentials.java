package dev.baton.api.security;

import dev.baton.api.live.StreamCredentials;
import dev.baton.store.accounts.AccountStore;
import java.util.HashSet;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The account tokens ({@code bt_…}) streams are opened with, checked against PostgreSQL at each
 * heartbeat: a token signed out, ended by a password change or a disabled account, or expired,
 * ends its streams. Customer and SSO tokens are not revoked before they expire, and a stream ends
 * within {@code baton.live.stream-timeout} anyway.
 */
@Component
class AccountStreamCredentials implements StreamCredentials {
  private final AccountStore accounts;

  AccountStreamCredentials(AccountStore accounts) {
    this.accounts = accounts;
  }

  @Override
  public String current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication instanceof CallerAuthentication caller
        && caller.getCredentials() instanceof String token
        && AccountTokens.looksLikeOne(token)) {
      return AccountTokens.hash(token);
    }
    return null;
  }

  @Override
  public Set<String> ended(Set<String> keys) {
    Set<String> ended = new HashSet<>(keys);
    ended.removeAll(accounts.live(keys));
    return ended;
  }
}
