package dev.baton.api.security;

import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * The customer's identity as the site that embeds the widget vouches for it: a JWT (HS256, with
 * the key configured as {@code baton.security.identity-key}; {@code aud} naming Baton; an expiry
 * at most {@code baton.security.identity-claims.max-lifetime} ahead) whose {@code sub} is the
 * customer id, with optional {@code tier}, {@code name}, {@code email} and {@code language}. What an
 * anonymous client declares buys no privilege: without a valid claim the tier is standard.
 */
@Component
public class IdentityClaims {
  public static final String STANDARD_TIER = "standard";
  /** A customer id, a tier or a language as the rest of the API accepts them. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
  private static final Pattern TIER = Pattern.compile("[a-z0-9_-]{1,40}");
  /**
   * An address a helpdesk can write to: one @, a dotted domain, no spaces, quotes or control
   * characters; at most 254 characters (RFC 5321).
   */
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  /** The clock difference between the site and Baton that an expiry may carry beyond the maximum. */
  private static final Duration SKEW = Duration.ofMinutes(1);

  private final JwtDecoder decoder;
  private final String audience;
  private final Duration maxLifetime;

  IdentityClaims(SecurityProperties properties) {
    this.decoder = Hmac.decoder(properties.identityKey(), null);
    this.audience = properties.identityClaims().audience();
    this.maxLifetime = properties.identityClaims().maxLifetime();
  }

  /** A customer as the site signed them. */
  public record Verified(String id, String name, String email, String tier, String language) {}

  /** Checks a signed claim; a 401 problem when it does not verify or names an unusable value. */
  public Verified verify(String claim) {
    Jwt jwt;
    try {
      jwt = decoder.decode(claim);
    } catch (JwtException e) {
      throw invalid("The identity claim does not verify: " + e.getMessage());
    }
    if (jwt.getAudience() == null || !jwt.getAudience().contains(audience)) {
      throw invalid("The identity claim's aud must contain \"" + audience + "\" (baton.security.identity-claims.audience): a claim"
          + " the site signed for anything else is not one for Baton.");
    }
    if (jwt.getExpiresAt().isAfter(Instant.now().plus(maxLifetime).plus(SKEW))) {
      throw invalid("The identity claim's exp is more than " + describe(maxLifetime) + " ahead"
          + " (baton.security.identity-claims.max-lifetime): sign a fresh claim for each page, valid for minutes.");
    }
    String id = jwt.getSubject();
    if (id == null || !ID.matcher(id).matches()) {
      throw invalid("The identity claim's sub must be a customer id of 1-128 letters, digits or ._:@-.");
    }
    String tier = Optional.ofNullable(jwt.getClaimAsString("tier")).orElse(STANDARD_TIER);
    if (!TIER.matcher(tier).matches()) {
      throw invalid("The identity claim's tier must be 1-40 of a-z, 0-9, _ and -.");
    }
    String email = jwt.getClaimAsString("email");
    if (email != null && !validEmail(email)) {
      throw invalid("The identity claim's email is not an address a helpdesk can write to.");
    }
    String name = jwt.getClaimAsString("name");
    return new Verified(id, name == null ? null : name.strip(), email, tier, jwt.getClaimAsString("language"));
  }

  /** Whether an email can become a helpdesk requester. */
  public static boolean validEmail(String email) {
    return email.length() <= 254 && EMAIL.matcher(email).matches();
  }

  /** 400 naming the field, for an email a client declared. */
  public static ApiException invalidEmail(String field) {
    return new ApiException(
        Problems.INVALID_REQUEST,
        HttpStatus.BAD_REQUEST,
        field + " must be an email address.",
        Map.of("errors", List.of(Map.of("field", field, "message", "must be an email address"))),
        null);
  }

  private static String describe(Duration duration) {
    return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " minutes" : duration.toSeconds() + " seconds";
  }

  private static ApiException invalid(String detail) {
    return new ApiException(Problems.INVALID_IDENTITY, HttpStatus.UNAUTHORIZED, detail);
  }
}
