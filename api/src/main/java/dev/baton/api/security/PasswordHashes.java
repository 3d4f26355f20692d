package dev.baton.api.security;

import dev.baton.api.limits.LimitsProperties;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Every password hash the api computes (bcrypt: about a tenth of a second of a core each), at most
 * {@code baton.limits.sign-in.concurrent-hashes} at once. One more is not queued behind them: it
 * is answered at once with 503 and Retry-After, so a flood of sign-ins cannot hold every request
 * thread, or every core, of an instance.
 */
@Component
public class PasswordHashes {
  /** bcrypt reads at most 72 bytes of a password; Spring Security refuses longer ones. */
  public static final int MAX_BYTES = 72;
  /** The shortest password an account may be given, in characters. */
  public static final int MIN_CHARACTERS = 12;

  private final PasswordEncoder encoder;
  private final Semaphore permits;

  PasswordHashes(PasswordEncoder encoder, LimitsProperties limits) {
    this.encoder = encoder;
    this.permits = new Semaphore(limits.signIn().concurrentHashes());
  }

  /** Whether bcrypt can take this password: at most {@link #MAX_BYTES} bytes in UTF-8. */
  public static boolean fits(String password) {
    return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }

  /** The stored form of a new password; it must {@link #fits fit}. */
  public String encode(String password) {
    acquire();
    try {
      return encoder.encode(password);
    } finally {
      permits.release();
    }
  }

  /** Whether {@code password} is the one {@code hash} was made from. */
  public boolean matches(String password, String hash) {
    acquire();
    try {
      return encoder.matches(password, hash);
    } finally {
      permits.release();
    }
  }

  private void acquire() {
    if (!permits.tryAcquire()) {
      throw new Busy();
    }
  }

  /** More password hashes asked for than are computed at once: 503, come back in a second. */
  static final class Busy extends ApiException {
    private static final long serialVersionUID = 1L;

    Busy() {
      super(
          Problems.SERVICE_UNAVAILABLE,
          HttpStatus.SERVICE_UNAVAILABLE,
          "Too many sign-ins are being checked at this moment; repeat the call in a second.",
          Map.of("retryAfterSeconds", 1),
          null);
    }

    @Override
    public HttpHeaders headers() {
      HttpHeaders headers = new HttpHeaders();
      headers.set(HttpHeaders.RETRY_AFTER, "1");
      return headers;
    }
  }
}
