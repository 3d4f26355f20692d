package dev.baton.api.security;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.stereotype.Component;

/**
 * Who a person of the identity provider is in Baton. Their agent id comes from the provider's
 * immutable subject ({@code sub}), scoped by the issuer, in a name space of its own ({@value
 * #PREFIX}…) that no local account may take: a name the provider lets people choose or change
 * ({@code preferred_username}) never makes anyone a local account. Their role is an exact value of
 * the configured claim, and they hold a personal token only when the deployment allows it, only
 * their own.
 */
@Component
public class SingleSignOn {
  /** Every agent id of a person of the provider starts with this; no local account's does. */
  public static final String PREFIX = "sso:";

  private final SecurityProperties.Oidc oidc;
  private final AccountStore accounts;

  SingleSignOn(SecurityProperties properties, AccountStore accounts) {
    this.oidc = properties.oidc();
    this.accounts = accounts;
  }

  /** Whether {@code username} is in the name space of the provider's people. */
  public static boolean isPerson(String username) {
    return username != null && username.startsWith(PREFIX);
  }

  /**
   * The agent id of the provider's subject: 128 bits of SHA-256 over the issuer and the subject,
   * so any subject (Auth0's {@code auth0|…}, a long URL) fits the agent id's characters, and the
   * same subject of another issuer is another person.
   */
  static String agentId(String issuer, String subject) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((issuer + "\n" + subject).getBytes(StandardCharsets.UTF_8));
      return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A token is for Baton when it names the configured audience in {@code aud} or as {@code azp}. */
  static OAuth2TokenValidator<Jwt> audience(String audience) {
    return jwt -> {
      List<String> aud = jwt.getAudience() == null ? List.of() : jwt.getAudience();
      if (aud.contains(audience) || audience.equals(jwt.getClaimAsString("azp"))) {
        return OAuth2TokenValidatorResult.success();
      }
      return OAuth2TokenValidatorResult.failure(
          new OAuth2Error("invalid_token", "the token is not issued for Baton (neither aud nor azp is " + audience + ")", null));
    };
  }

  /**
   * The caller of a verified token of the provider: the role the highest of {@code agent}, {@code
   * supervisor}, {@code admin} found as prefix + role in the roles claim (none is 401); the queues
   * from the queues claim, else those of the person's own account (see {@link
   * #ownAccount}). Their own account, if an admin disabled it, refuses them.
   */
  Caller caller(Jwt jwt) {
    String subject = jwt.getSubject();
    if (subject == null || subject.isBlank()) {
      throw new InvalidBearerTokenException("the token has no sub");
    }
    String id = agentId(oidc.issuerUri(), subject);
    List<String> values = strings(claim(jwt.getClaims(), oidc.rolesClaim()));
    String role = null;
    for (String wanted : List.of(Account.ADMIN, Account.SUPERVISOR, Account.AGENT)) {
      if (role == null && values.contains(oidc.rolePrefix() + wanted.toLowerCase(java.util.Locale.ROOT))) {
        role = wanted;
      }
    }
    if (role == null) {
      throw new InvalidBearerTokenException("the " + oidc.rolesClaim() + " claim names no Baton role (" + oidc.rolePrefix() + "agent, …)");
    }
    Optional<Account> own = accounts.find(id);
    if (own.isPresent() && own.get().disabled()) {
      throw new InvalidBearerTokenException("the account is disabled");
    }
    List<String> queues = strings(jwt.getClaim(oidc.queuesClaim()));
    if (queues.isEmpty() && own.isPresent()) {
      queues = own.get().queues();
    }
    return new Caller(id, role, queues, null);
  }

  /**
   * Refuses, with 403, a personal token of {@code username} that the caller may not have: a person
   * of the provider has one only of their own and only when {@code
   * baton.security.oidc.personal-tokens} allows it; nobody else has one of theirs.
   */
  public void mayHavePersonalToken(Caller caller, String username) {
    if (!caller.sso()) {
      throw forbidden("A personal token of a person of the identity provider is theirs to issue, with their provider's token.");
    }
    if (!caller.name().equals(username)) {
      throw forbidden("With single sign-on you issue personal tokens of your own only (" + caller.name() + "), never of another account.");
    }
    if (!oidc.personalTokens()) {
      throw forbidden(
          "Personal tokens are not issued to people of the identity provider here (BATON_OIDC_PERSONAL_TOKENS is off): call the"
              + " API with your provider's token.");
    }
  }

  /**
   * The caller's own account, made or brought up to date with the role and queues of the token
   * they call with, so a personal token of theirs carries what the provider gives them now and
   * nothing of any other account. It has no password: nobody signs in to it.
   */
  public Account ownAccount(Caller caller) {
    String name = displayName().orElse(null);
    Optional<Account> own = accounts.find(caller.name());
    if (own.isEmpty()) {
      own = accounts.create(caller.name(), name, caller.role(), null, caller.queues()).or(() -> accounts.find(caller.name()));
    } else if (!own.get().role().equals(caller.role()) || !own.get().queues().equals(caller.queues())) {
      own = accounts.update(caller.name(), null, caller.role(), caller.queues(), null);
    }
    return own.orElseThrow(() -> new IllegalStateException("the account " + caller.name() + " was neither found nor made"));
  }

  /** The person's name as the provider gives it ({@code name}, else {@code preferred_username}), for their account. */
  private static Optional<String> displayName() {
    if (!(SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication auth)
        || !(auth.getCredentials() instanceof String token)) {
      return Optional.empty();
    }
    try {
      JWTClaimsSet claims = JWTParser.parse(token).getJWTClaimsSet();
      return Optional.ofNullable(claims.getStringClaim("name"))
          .or(() -> Optional.ofNullable(stringClaim(claims, "preferred_username")))
          .map(String::strip)
          .filter(name -> !name.isEmpty() && name.length() <= 100);
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  private static String stringClaim(JWTClaimsSet claims, String name) {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      return null;
    }
  }

  /** The claim of that name, else the dotted path into objects ({@code realm_access.roles}). */
  private static Object claim(Map<String, Object> claims, String name) {
    if (claims.containsKey(name)) {
      return claims.get(name);
    }
    Object value = claims;
    for (String part : name.split("\\.")) {
      if (!(value instanceof Map<?, ?> object)) {
        return null;
      }
      value = object.get(part);
    }
    return value;
  }

  private static List<String> strings(Object claim) {
    if (claim instanceof Collection<?> values) {
      return values.stream().filter(Objects::nonNull).map(String::valueOf).toList();
    }
    if (claim instanceof String value) {
      return List.of(value.split("[ ,]+"));
    }
    return List.of();
  }

  private static ApiException forbidden(String detail) {
    return new ApiException(Problems.FORBIDDEN, HttpStatus.FORBIDDEN, detail);
  }
}
