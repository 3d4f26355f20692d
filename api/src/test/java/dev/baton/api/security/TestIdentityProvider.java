package dev.baton.api.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An identity provider for tests: an RSA and an EC key generated here, their public halves served
 * as a JWK set from 127.0.0.1, and tokens of {@link #ISSUER} signed with either (or with a key of
 * nobody's, for forgeries). Tests give every other claim themselves, so what is checked is in view.
 */
public final class TestIdentityProvider implements AutoCloseable {
  public static final String ISSUER = "https://sso.example.test";
  /** The audience the tests configure Baton with ({@code baton.security.oidc.audience}). */
  public static final String AUDIENCE = "baton-api";

  private final RSAKey rsa = rsa();
  private final ECKey ec = ec();
  private final HttpServer server;

  public TestIdentityProvider() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    byte[] body = new JWKSet(List.<JWK>of(rsa.toPublicJWK(), ec.toPublicJWK())).toString().getBytes(StandardCharsets.UTF_8);
    server.createContext("/jwks", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
  }

  public String jwkSetUri() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
  }

  /** A token of the issuer, RS256, valid ten minutes from a sign-in just now, with {@code claims}. */
  public String token(Map<String, Object> claims) {
    return sign(rsa, claims);
  }

  /** The same, ES256 with the EC key. */
  public String ecToken(Map<String, Object> claims) {
    return sign(ec, claims);
  }

  /** A token that names the issuer but is signed with a key the issuer never published. */
  public String forged(Map<String, Object> claims) {
    return sign(rsa(), claims);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static String sign(JWK key, Map<String, Object> claims) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder set =
        new JWTClaimsSet.Builder().issuer(ISSUER).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    claims.forEach(set::claim);
    try {
      JWSAlgorithm algorithm = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
      JWSSigner signer = key instanceof ECKey e ? new ECDSASigner(e) : new RSASSASigner((RSAKey) key);
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(), set.build());
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey rsa() {
    try {
      return new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ECKey ec() {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID("ec-" + UUID.randomUUID()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
