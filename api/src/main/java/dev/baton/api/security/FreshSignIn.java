package dev.baton.api.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.accounts.StoredToken;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * What outlives a sign-in (a personal token, a password) is made only by someone who typed their
 * password a moment ago: the call's credential must be a console token younger than {@code
 * baton.security.fresh-sign-in} (10 minutes), or a single sign-on token whose {@code auth_time}
 * (else {@code iat}) is that recent. A personal token is never one, so a token that leaked, from a
 * log or a laptop, cannot turn itself into a credential that lives longer.
 */
@Component
public class FreshSignIn {
  private final AccountStore accounts;
  private final Duration window;
  private final SecurityProperties.Oidc oidc;

  FreshSignIn(AccountStore accounts, SecurityProperties properties) {
    this.accounts = accounts;
    this.window = properties.freshSignIn();
    this.oidc = properties.oidc();
  }

  /** Refuses, with 403 {@code fresh-sign-in-required}, a caller whose sign-in is not recent enough to {@code what}. */
  public void require(String what) {
    Instant signedIn = signedInAt(SecurityContextHolder.getContext().getAuthentication());
    if (signedIn == null || signedIn.isBefore(Instant.now().minus(window))) {
      throw new ApiException(
          Problems.FRESH_SIGN_IN_REQUIRED,
          HttpStatus.FORBIDDEN,
          "To " + what + ", sign in with your password (POST /api/v1/auth/token) and use that token within "
              + window.toMinutes() + " minutes; a personal token or an older sign-in cannot.");
    }
  }

  /**
   * When the caller of this request last gave their password: the issue of their console token,
   * or an SSO token's {@code auth_time} (else {@code iat}); empty for any other credential.
   */
  public Optional<Instant> signedIn() {
    return Optional.ofNullable(signedInAt(SecurityContextHolder.getContext().getAuthentication()));
  }

  /** When the person behind this credential last gave their password; null when it cannot tell. */
  private Instant signedInAt(Authentication authentication) {
    if (!(authentication instanceof CallerAuthentication caller) || !(caller.getCredentials() instanceof String token)) {
      return null;
    }
    if (AccountTokens.looksLikeOne(token)) {
      return accounts
          .token(AccountTokens.hash(token))
          .filter(t -> AccountTokens.CONSOLE.equals(t.kind()))
          .map(StoredToken::issuedAt)
          .orElse(null);
    }
    try {
      JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
      if (!oidc.enabled() || !oidc.issuerUri().equals(claims.getIssuer())) {
        return null;
      }
      Date authenticated = claims.getDateClaim("auth_time") != null ? claims.getDateClaim("auth_time") : claims.getIssueTime();
      return authenticated == null ? null : authenticated.toInstant();
    } catch (ParseException e) {
      return null;
    }
  }
}
