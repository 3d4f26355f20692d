package dev.baton.api.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Opaque bearer tokens of accounts: a console sign-in or a personal API token. 256 random bits,
 * prefixed {@code bt_} so they are told apart from JWTs (and found by secret scanners); only their
 * SHA-256 is stored, so disabling an account or signing out ends them at once.
 *
 * <p>A token found live is remembered for {@code baton.security.token-check-cache} (5 s), so a
 * console's burst of calls costs one query, not one each. On this instance a sign-out, a password
 * change and any change to the account forget it at once; another api instance may accept it for
 * at most that long after. Tokens not found are never remembered, so a new one works at once.
 */
@Component
public class AccountTokens {
  static final String PREFIX = "bt_";
  public static final String CONSOLE = "CONSOLE";
  public static final String PERSONAL = "PERSONAL";
  /** A codec session: accepted only as the {@link CodecCookie} on the codec endpoint. */
  public static final String CODEC = "CODEC";

  private final SecureRandom random = new SecureRandom();
  private final AccountStore accounts;
  /** Live tokens' callers by token hash, briefly. */
  private final Cache<String, Caller> live;

  @Autowired
  AccountTokens(AccountStore accounts, @Value("${baton.security.token-check-cache:5s}") Duration remembered) {
    this(accounts, remembered, Ticker.systemTicker());
  }

  AccountTokens(AccountStore accounts, Duration remembered, Ticker ticker) {
    this.accounts = accounts;
    this.live = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(remembered).ticker(ticker).build();
  }

  /** A new token for {@code username}; {@code lifetime} null for one that does not expire. */
  public CustomerTokens.Issued issue(String username, String kind, String label, Duration lifetime) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expires = lifetime == null ? null : Instant.now().plus(lifetime);
    accounts.issueToken(hash(token), username, kind, label, expires);
    return new CustomerTokens.Issued(token, expires);
  }

  public boolean revoke(String token) {
    String hash = hash(token);
    live.invalidate(hash);
    return accounts.revokeToken(hash);
  }

  /** Forgets every remembered token of {@code username}: its password, role, queues or state changed. */
  public void forget(String username) {
    live.asMap().values().removeIf(caller -> caller.name().equals(username));
  }

  Optional<Caller> caller(String token) {
    String hash = hash(token);
    Caller remembered = live.getIfPresent(hash);
    if (remembered != null) {
      return Optional.of(remembered);
    }
    Optional<Caller> found = accounts.findByToken(hash).map(AccountTokens::caller);
    found.ifPresent(caller -> live.put(hash, caller));
    return found;
  }

  /** The caller of a codec session cookie; bearer tokens are not codec sessions. */
  Optional<Caller> codecCaller(String token) {
    return accounts.findByCodecToken(hash(token)).map(AccountTokens::caller);
  }

  static Caller caller(Account account) {
    return new Caller(account.username(), account.role(), account.queues(), null);
  }

  static boolean looksLikeOne(String token) {
    return token.startsWith(PREFIX);
  }

  static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
