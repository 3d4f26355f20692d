package dev.baton.api.security;

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
import org.springframework.stereotype.Component;

/**
 * Opaque bearer tokens of accounts: a console sign-in or a personal API token. 256 random bits,
 * prefixed {@code bt_} so they are told apart from JWTs (and found by secret scanners); only their
 * SHA-256 is stored, so disabling an account or signing out ends them at once.
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

  AccountTokens(AccountStore accounts) {
    this.accounts = accounts;
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
    return accounts.revokeToken(hash(token));
  }

  Optional<Caller> caller(String token) {
    return accounts.findByToken(hash(token)).map(AccountTokens::caller);
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
