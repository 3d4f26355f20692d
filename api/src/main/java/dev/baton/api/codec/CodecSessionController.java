package dev.baton.api.codec;

import org.springframework.web.bind.annotation.ResponseStatus;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.api.security.AccountTokens;
import dev.baton.api.security.CodecCookie;
import dev.baton.api.security.FreshSignIn;
import dev.baton.api.security.Caller;
import dev.baton.api.security.SecurityProperties;
import dev.baton.store.accounts.AccountStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The codec session: how a signed-in supervisor's browser, and only theirs, lets the Temporal UI
 * decode payloads. The Temporal UI calls the codec endpoint from its own origin with the browser's
 * cookies ("Include cross-origin credentials" in its codec settings) and has no Baton token to
 * send. So the console, once a supervisor signs in, asks for a session here: an HttpOnly cookie,
 * scoped to the codec path, holding a token of its own kind (stored hashed like every token) that
 * is accepted nowhere else. Signing out ends it; so does disabling the account. It ends at most
 * its lifetime after the sign-in that started it: the cookie cannot start another, and a session
 * started later in a sign-in's life ends as early as one started at once.
 */
@RestController
@RequestMapping(path = CodecCookie.PATH + "/session", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Codec", description = "Temporal's remote codec, for the Temporal UI of operators")
class CodecSessionController {
  private final AccountTokens tokens;
  private final AccountStore accounts;
  private final FreshSignIn freshSignIn;
  private final SecurityProperties.CodecSession settings;

  CodecSessionController(AccountTokens tokens, AccountStore accounts, FreshSignIn freshSignIn, SecurityProperties properties) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.freshSignIn = freshSignIn;
    this.settings = properties.codecSession();
  }

  record Session(String username, Instant expiresAt) {}

  @PostMapping
  @Operation(
      summary = "Start a codec session for this browser (supervisors)",
      description = "Sets the HttpOnly cookie baton_codec, sent only to /api/v1/codec, with which the Temporal UI of this browser decodes payloads for baton.security.codec-session.lifetime (8 h) from the console sign-in whose token calls this (403 fresh-sign-in-required once that sign-in is older). Needs the Authorization header: the cookie starts no new session. Baton accounts only: single sign-on users let the UI pass their access token instead.")
  ResponseEntity<Session> start(HttpServletRequest request) {
    Caller caller = Caller.current();
    if (caller.sso() || accounts.find(caller.name()).isEmpty()) {
      throw new ApiException(
          Problems.FORBIDDEN,
          HttpStatus.FORBIDDEN,
          "A codec session is for Baton accounts; with single sign-on, let the Temporal UI pass your access token.");
    }
    if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
      // Authenticated without the header is authenticated by the codec cookie, which would renew itself.
      throw new ApiException(
          Problems.FORBIDDEN,
          HttpStatus.FORBIDDEN,
          "A codec session starts no other: start one with your sign-in's token in the Authorization header.");
    }
    Duration lifetime = lifetime();
    ended(request);
    var issued = tokens.issue(caller.name(), AccountTokens.CODEC, "Temporal UI codec session", lifetime);
    return ResponseEntity.ok()
        .header(HttpHeaders.SET_COOKIE, cookie(issued.token(), lifetime, request).toString())
        .body(new Session(caller.name(), issued.expiresAt()));
  }

  /**
   * What is left of the session's lifetime counted from the caller's sign-in (a console token's
   * issue); the whole lifetime from now for a credential that is no sign-in (a personal token).
   */
  private Duration lifetime() {
    Instant now = Instant.now();
    Instant ends = freshSignIn.signedIn().map(at -> at.plus(settings.lifetime())).orElse(now.plus(settings.lifetime()));
    if (ends.isAfter(now.plus(settings.lifetime()))) {
      ends = now.plus(settings.lifetime());
    }
    if (!ends.isAfter(now.plusSeconds(60))) {
      throw new ApiException(
          Problems.FRESH_SIGN_IN_REQUIRED,
          HttpStatus.FORBIDDEN,
          "A codec session lasts baton.security.codec-session.lifetime (" + settings.lifetime().toHours()
              + " h) from the sign-in that starts it, and yours is older: sign in again (POST /api/v1/auth/token).");
    }
    return Duration.between(now, ends);
  }

  @ResponseStatus(HttpStatus.NO_CONTENT) // the documented success status (the body is built below)
  @DeleteMapping
  @Operation(summary = "End this browser's codec session: the Temporal UI shows payloads encrypted again")
  ResponseEntity<Void> end(HttpServletRequest request) {
    ended(request);
    return ResponseEntity.noContent()
        .header(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO, request).toString())
        .build();
  }

  /** The session the browser still has, if any, ends: one browser, one session. */
  private void ended(HttpServletRequest request) {
    if (request.getCookies() == null) {
      return;
    }
    for (Cookie cookie : request.getCookies()) {
      if (CodecCookie.NAME.equals(cookie.getName()) && !cookie.getValue().isBlank()) {
        tokens.revoke(cookie.getValue());
      }
    }
  }

  private ResponseCookie cookie(String value, Duration maxAge, HttpServletRequest request) {
    boolean secure = "None".equals(settings.sameSite())
        || (settings.secure() == null ? request.isSecure() : settings.secure());
    return ResponseCookie.from(CodecCookie.NAME, value)
        .path(CodecCookie.PATH)
        .httpOnly(true)
        .secure(secure)
        .sameSite(settings.sameSite())
        .maxAge(maxAge)
        .build();
  }
}
