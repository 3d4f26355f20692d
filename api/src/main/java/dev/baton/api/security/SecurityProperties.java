package dev.baton.api.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the api, and with what (docs/security.md). Every secret has a dev default so that
 * {@code java -jar} and the two-command start work; {@link DevDefaults} names each one in use at
 * start, and the {@code prod} profile refuses to start with any of them.
 *
 * @param customerTokenKey HMAC key (32+ bytes) the api signs customer tokens with
 * @param customerTokenLifetime how long a customer token is valid
 * @param identityKey HMAC key (32+ bytes) shared with the site that embeds the widget, which signs
 *     the customer's identity and tier with it
 * @param consoleTokenLifetime how long a console sign-in lasts
 * @param corsOrigins the origins whose pages may call the customer API (the widget's embedders)
 * @param codecSession the cookie that lets a supervisor's Temporal UI decode payloads
 * @param personalTokenMaxLifetime the longest a personal API token may live (and its default);
 *     tokens issued for longer before are shortened to it at start
 * @param freshSignIn how recent a password sign-in must be to create a lasting credential (a
 *     personal token, a password): a console token younger than this, or an SSO token whose
 *     {@code auth_time} (else {@code iat}) is
 * @param identityClaims what an identity claim of the embedding site must say of itself
 */
@ConfigurationProperties("baton.security")
public record SecurityProperties(
    String customerTokenKey,
    Duration customerTokenLifetime,
    String identityKey,
    Duration consoleTokenLifetime,
    FirstOperator firstOperator,
    List<String> corsOrigins,
    Oidc oidc,
    CodecSession codecSession,
    Duration personalTokenMaxLifetime,
    Duration freshSignIn,
    Identity identityClaims) {

  public SecurityProperties {
    customerTokenLifetime = customerTokenLifetime == null ? Duration.ofHours(24) : customerTokenLifetime;
    consoleTokenLifetime = consoleTokenLifetime == null ? Duration.ofHours(12) : consoleTokenLifetime;
    firstOperator = firstOperator == null ? new FirstOperator(null, null) : firstOperator;
    corsOrigins = corsOrigins == null ? List.of() : corsOrigins.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    oidc = oidc == null ? new Oidc(null, null, null, null, null, null, false) : oidc;
    codecSession = codecSession == null ? new CodecSession(null, null, null) : codecSession;
    personalTokenMaxLifetime = personalTokenMaxLifetime == null ? Duration.ofDays(90) : personalTokenMaxLifetime;
    freshSignIn = freshSignIn == null ? Duration.ofMinutes(10) : freshSignIn;
    identityClaims = identityClaims == null ? new Identity(null, null) : identityClaims;
    if (personalTokenMaxLifetime.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException(
          "baton.security.personal-token-max-lifetime must be at least a day (tokens are issued in days), not " + personalTokenMaxLifetime);
    }
  }

  /**
   * The codec session cookie (docs/security.md, "The codec endpoint and the Temporal UI").
   *
   * @param lifetime how long a codec session lasts (8 h)
   * @param sameSite the cookie's SameSite: Strict (the UI and the api on one site, ports aside),
   *     or None when they are on different sites (then the cookie is always Secure)
   * @param secure whether the cookie is Secure; unset: when the request came over HTTPS (behind a
   *     proxy, with {@code server.forward-headers-strategy})
   */
  public record CodecSession(Duration lifetime, String sameSite, Boolean secure) {
    public CodecSession {
      lifetime = lifetime == null ? Duration.ofHours(8) : lifetime;
      sameSite = sameSite == null || sameSite.isBlank() ? "Strict" : sameSite.strip();
      if (!List.of("Strict", "Lax", "None").contains(sameSite)) {
        throw new IllegalArgumentException("baton.security.codec-session.same-site must be Strict, Lax or None, not " + sameSite);
      }
    }
  }

  /**
   * An identity claim (docs/security.md, "Identity claims"): for Baton, and short-lived.
   *
   * @param audience what the claim's {@code aud} must contain ({@code baton})
   * @param maxLifetime how far ahead its {@code exp} may be (10 minutes): a claim is signed for
   *     one page view, and a leaked one passes as the customer only that long
   */
  public record Identity(String audience, Duration maxLifetime) {
    public Identity {
      audience = audience == null || audience.isBlank() ? "baton" : audience.strip();
      maxLifetime = maxLifetime == null ? Duration.ofMinutes(10) : maxLifetime;
      if (maxLifetime.isNegative() || maxLifetime.isZero()) {
        throw new IllegalArgumentException("baton.security.identity-claims.max-lifetime must be positive, not " + maxLifetime);
      }
    }
  }

  /** The admin account created at start when there is none. */
  public record FirstOperator(String username, String password) {
    public FirstOperator {
      username = username == null || username.isBlank() ? "operator" : username;
    }
  }

  /**
   * Single sign-on: JWTs of this issuer, issued for Baton, are accepted as agents, supervisors and
   * admins (docs/security.md, "Single sign-on").
   *
   * @param issuerUri the issuer ({@code iss}); unset turns SSO off
   * @param jwkSetUri where its signing keys are, when not found by OpenID discovery at the issuer
   * @param audience the audience or client id Baton's tokens are issued for: a token must name it
   *     in {@code aud} or as its authorized party {@code azp}; required with an issuer
   * @param rolesClaim the claim listing roles (a dotted path such as {@code realm_access.roles}
   *     reaches into an object when no claim has the whole name)
   * @param rolePrefix what a role value starts with: exactly the prefix and {@code agent}, {@code
   *     supervisor} or {@code admin} counts ({@code baton-agent}, …); never empty, so the
   *     provider's generic {@code admin} is not Baton's
   * @param queuesClaim a claim listing the queues an agent serves
   * @param personalTokens whether people of the provider may issue themselves personal API tokens
   *     (off: a token of theirs would outlive what the provider says of them)
   */
  public record Oidc(
      String issuerUri, String jwkSetUri, String audience, String rolesClaim, String rolePrefix, String queuesClaim, boolean personalTokens) {
    public Oidc {
      issuerUri = blankToNull(issuerUri);
      jwkSetUri = blankToNull(jwkSetUri);
      audience = blankToNull(audience);
      rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim.strip();
      rolePrefix = rolePrefix == null || rolePrefix.isBlank() ? "baton-" : rolePrefix.strip();
      queuesClaim = queuesClaim == null || queuesClaim.isBlank() ? "baton_queues" : queuesClaim.strip();
      if (issuerUri != null && audience == null) {
        throw new IllegalArgumentException(
            "Single sign-on (BATON_OIDC_ISSUER) needs BATON_OIDC_AUDIENCE (baton.security.oidc.audience): the audience or"
                + " client id your provider issues Baton's tokens for. Without it, a token the provider issued to any other"
                + " application would open Baton.");
      }
    }

    public boolean enabled() {
      return issuerUri != null;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
