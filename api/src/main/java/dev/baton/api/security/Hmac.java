package dev.baton.api.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** HS256 JWTs with a shared key: the customer tokens Baton signs, the identity claims sites sign. */
final class Hmac {
  private Hmac() {}

  static SecretKey key(String secret) {
    return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  static JwtEncoder encoder(String secret) {
    return new NimbusJwtEncoder(new ImmutableSecret<>(key(secret)));
  }

  /** A decoder that wants the issuer (when given), an expiry, and what {@code more} checks. */
  @SafeVarargs
  static JwtDecoder decoder(String secret, String issuer, OAuth2TokenValidator<Jwt>... more) {
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(key(secret)).macAlgorithm(MacAlgorithm.HS256).build();
    List<OAuth2TokenValidator<Jwt>> validators = new java.util.ArrayList<>(List.of(more));
    validators.add(JwtValidators.createDefault());
    validators.add(jwt -> jwt.getExpiresAt() != null ? OAuth2TokenValidatorResult.success()
        : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "exp is required", null)));
    if (issuer != null) {
      validators.add(new JwtIssuerValidator(issuer));
    }
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
    return decoder;
  }
}
