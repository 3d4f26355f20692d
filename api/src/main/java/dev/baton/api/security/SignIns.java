package dev.baton.api.security;

import dev.baton.api.limits.AttemptLimits;
import dev.baton.api.limits.LimitsProperties;
import dev.baton.api.limits.TooManyRequests;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Checks a username and password, as a sign-in: failed attempts are limited per username and per
 * client address ({@code baton.limits.sign-in}), with the same answers whether or not the account
 * exists (an unknown username is checked against a decoy hash, so it costs as long as a wrong
 * password); the hash is computed within {@link PasswordHashes}' bound; each failure is counted
 * ({@code baton.signin.failures}) and logged with the username and address, never the password.
 */
@Component
public class SignIns {
  private static final Logger log = LoggerFactory.getLogger(SignIns.class);
  static final String METER = "baton.signin.failures";

  private final AccountStore accounts;
  private final PasswordHashes hashes;
  private final AttemptLimits usernames;
  private final AttemptLimits addresses;
  private final String decoy;
  private final Counter wrong;
  private final Counter throttled;
  private final Counter busy;

  SignIns(AccountStore accounts, PasswordHashes hashes, LimitsProperties limits, ObjectProvider<MeterRegistry> meters) {
    this.accounts = accounts;
    this.hashes = hashes;
    this.usernames = new AttemptLimits(limits.signIn().perUsername());
    this.addresses = new AttemptLimits(limits.signIn().perAddress());
    this.decoy = hashes.encode("decoy-" + System.nanoTime());
    MeterRegistry registry = meters.getIfAvailable(SimpleMeterRegistry::new);
    this.wrong = failures(registry, "credentials");
    this.throttled = failures(registry, "throttled");
    this.busy = failures(registry, "busy");
  }

  /**
   * The account whose password this is. Otherwise 401 {@code invalid-credentials}; 429 with
   * Retry-After once the username or the address has failed too often (checked before any hash
   * is computed); 503 with Retry-After when the instance is computing as many hashes as it may.
   */
  public Account signIn(String username, String password, String address) {
    Duration wait = usernames.take(username);
    if (wait == null) {
      wait = addresses.take(address);
      if (wait != null) {
        usernames.giveBack(username);
      }
    }
    if (wait != null) {
      throttled.increment();
      log.debug("Sign-in for {} from {} refused: too many failures", printable(username), address);
      throw new TooManyRequests(
          Problems.TOO_MANY_REQUESTS,
          "Too many failed sign-ins for this username or from this address; wait before trying again.",
          wait);
    }
    Optional<String> hash;
    boolean right;
    try {
      hash = accounts.passwordHash(username);
      right = hashes.matches(password, hash.orElse(decoy)) && hash.isPresent();
    } catch (RuntimeException notChecked) {
      // Busy, or the store failed: no attempt was made, so none is counted against anyone.
      usernames.giveBack(username);
      addresses.giveBack(address);
      if (notChecked instanceof PasswordHashes.Busy) {
        busy.increment();
      }
      throw notChecked;
    }
    if (!right) {
      wrong.increment();
      log.warn("Failed sign-in for {} from {}", printable(username), address);
      throw new ApiException(Problems.INVALID_CREDENTIALS, HttpStatus.UNAUTHORIZED, "The username or password is wrong.");
    }
    usernames.giveBack(username);
    addresses.giveBack(address);
    return accounts
        .find(username)
        .orElseThrow(() -> new ApiException(Problems.INVALID_CREDENTIALS, HttpStatus.UNAUTHORIZED, "The username or password is wrong."));
  }

  private static Counter failures(MeterRegistry registry, String reason) {
    return Counter.builder(METER)
        .description("Failed sign-ins, by reason: credentials (wrong username or password), throttled (too many failures"
            + " for the username or from the address), busy (too many password hashes at once)")
        .tag("reason", reason)
        .register(registry);
  }

  /** A username as typed, safe for one log line: control and line-separating characters shown as '?'. */
  private static String printable(String username) {
    return username.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}]", "?");
  }
}
