package dev.baton.api.security;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.baton.store.accounts.AccountStore;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.text.ParseException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.util.function.SingletonSupplier;

/**
 * Where a bearer token is found, and which of the three kinds checks it: an opaque account token
 * ({@code bt_…}, looked up hashed in PostgreSQL), a customer token (a JWT Baton issued), or a
 * single sign-on JWT of the configured issuer. Each kind has its own {@link AuthenticationManager};
 * this resolver picks one by the token's shape and issuer, before any signature is trusted.
 */
final class BearerTokens implements AuthenticationManagerResolver<HttpServletRequest> {
  /** The Authorization header only: never the query string (proxies and access logs keep URLs). */
  private final DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
  private final AuthenticationManager accounts;
  private final AuthenticationManager codecSessions;
  private final AuthenticationManager customers;
  private final AuthenticationManager sso;
  private final SecurityProperties.Oidc oidc;

  BearerTokens(AccountTokens accountTokens, CustomerTokens customerTokens, AccountStore accountStore, SecurityProperties properties) {
    this.oidc = properties.oidc();
    this.accounts = manager(token -> accountTokens.caller(token).orElseThrow(() -> new InvalidBearerTokenException("unknown or expired token")));
    this.codecSessions =
        manager(token -> accountTokens.codecCaller(token).orElseThrow(() -> new InvalidBearerTokenException("unknown or expired codec session")));
    this.customers = manager(customerTokens::caller);
    SingleSignOn people = new SingleSignOn(properties, accountStore);
    SingletonSupplier<JwtDecoder> decoder = SingletonSupplier.of(() -> ssoDecoder(oidc));
    this.sso = manager(token -> people.caller(decoder.obtain().decode(token)));
  }

  /**
   * The Authorization header, everywhere, live streams included (the pages read them with fetch,
   * which sends headers); on the codec endpoint also the codec session cookie, which the Temporal
   * UI's decode calls carry. A token in the URL or in any other cookie is not read.
   */
  String token(HttpServletRequest request) {
    String codec = codecCookie(request);
    return codec != null ? codec : header.resolve(request);
  }

  /**
   * The codec session cookie, when this request is to the codec endpoint and has no Authorization
   * header (a header always wins, so the CLI's {@code --codec-auth} works as before).
   */
  private String codecCookie(HttpServletRequest request) {
    String path = request.getRequestURI();
    if (!(path.equals(CodecCookie.PATH) || path.startsWith(CodecCookie.PATH + "/")) || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
      return null;
    }
    return cookie(request, CodecCookie.NAME);
  }

  private static String cookie(HttpServletRequest request, String name) {
    if (request.getCookies() == null) {
      return null;
    }
    for (Cookie cookie : request.getCookies()) {
      if (name.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
        return cookie.getValue();
      }
    }
    return null;
  }

  @Override
  public AuthenticationManager resolve(HttpServletRequest request) {
    String token = token(request);
    if (token == null) {
      return reject("no token");
    }
    if (codecCookie(request) != null) {
      return AccountTokens.looksLikeOne(token) ? codecSessions : reject("not a codec session");
    }
    if (AccountTokens.looksLikeOne(token)) {
      return accounts;
    }
    String issuer;
    try {
      // Only a signed JWT has claims to read here: an encrypted one has none before decryption
      // (Baton decrypts none), and an unsecured one is never trusted.
      if (!(JWTParser.parse(token) instanceof SignedJWT signed)) {
        return reject("not a signed token");
      }
      issuer = signed.getJWTClaimsSet().getIssuer();
    } catch (ParseException e) {
      return reject("not a token Baton knows");
    }
    if (CustomerTokens.ISSUER.equals(issuer)) {
      return customers;
    }
    if (oidc.enabled() && oidc.issuerUri().equals(issuer)) {
      return sso;
    }
    return reject("a token of an issuer Baton does not trust");
  }

  /** Where the filter finds the token: {@link #token}. */
  BearerTokenResolver location() {
    return this::token;
  }

  private static AuthenticationManager reject(String why) {
    return authentication -> {
      throw new InvalidBearerTokenException(why);
    };
  }

  /** Checks a token with {@code check}; any failure to check is an invalid token (401). */
  private static AuthenticationManager manager(Check check) {
    return authentication -> {
      String token = ((BearerTokenAuthenticationToken) authentication).getToken();
      try {
        return new CallerAuthentication(check.caller(token), token);
      } catch (JwtException e) {
        throw new InvalidBearerTokenException(e.getMessage(), e);
      }
    };
  }

  @FunctionalInterface
  private interface Check {
    Caller caller(String token);
  }

  /**
   * The provider's keys by OpenID discovery at the issuer, or from the JWK set URI, with whatever
   * algorithms its keys are for (RSA or EC); then {@code iss}, the timestamps, and the audience.
   */
  private static JwtDecoder ssoDecoder(SecurityProperties.Oidc oidc) {
    NimbusJwtDecoder decoder =
        (oidc.jwkSetUri() == null ? NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri()) : NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()))
            .discoverJwsAlgorithms()
            .build();
    decoder.setJwtValidator(
        new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(oidc.issuerUri()), SingleSignOn.audience(oidc.audience())));
    return decoder;
  }
}
