package dev.baton.api.security;

import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/**
 * Customer tokens: HS256 JWTs Baton signs, each for one conversation ({@code conv}) and with an
 * expiry. Signed rather than stored, so any api instance checks one without a database read, and
 * a retried start simply gets a fresh one for the same conversation.
 */
@Component
public class CustomerTokens {
  static final String ISSUER = "baton";
  static final String AUDIENCE = "baton-customer";
  static final String CONVERSATION = "conv";

  private final JwtEncoder encoder;
  private final JwtDecoder decoder;
  private final SecurityProperties properties;

  CustomerTokens(SecurityProperties properties) {
    this.properties = properties;
    this.encoder = Hmac.encoder(properties.customerTokenKey());
    this.decoder =
        Hmac.decoder(
            properties.customerTokenKey(),
            ISSUER,
            jwt -> jwt.getAudience() != null && jwt.getAudience().contains(AUDIENCE) && jwt.hasClaim(CONVERSATION)
                ? OAuth2TokenValidatorResult.success()
                : OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "not a customer token", null)));
  }

  /** A token and when it stops working. */
  public record Issued(String token, Instant expiresAt) {}

  public Issued issue(String conversationId, String customerId) {
    Instant now = Instant.now();
    Instant expires = now.plus(properties.customerTokenLifetime());
    JwtClaimsSet claims =
        JwtClaimsSet.builder()
            .issuer(ISSUER)
            .audience(java.util.List.of(AUDIENCE))
            .subject(customerId)
            .claim(CONVERSATION, conversationId)
            .issuedAt(now)
            .expiresAt(expires)
            .build();
    String token =
        encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    return new Issued(token, expires);
  }

  /** The customer a valid token stands for; a {@code JwtException} otherwise. */
  Caller caller(String token) {
    Jwt jwt = decoder.decode(token);
    return new Caller(jwt.getSubject(), Caller.CUSTOMER, java.util.List.of(), jwt.getClaimAsString(CONVERSATION));
  }
}
