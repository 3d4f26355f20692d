package dev.baton.api.account;

import org.springframework.web.bind.annotation.ResponseStatus;
import dev.baton.api.security.AccountTokens;
import dev.baton.api.security.Caller;
import dev.baton.api.security.SecurityProperties;
import dev.baton.api.security.SignIns;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Signing in to the console: a username and password for a bearer token; and who am I. */
@RestController
@RequestMapping(path = "/api/v1/auth", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Sign-in", description = "Console sign-in and the caller's identity")
class AuthController {
  private final SignIns signIns;
  private final AccountTokens tokens;
  private final SecurityProperties properties;

  AuthController(SignIns signIns, AccountTokens tokens, SecurityProperties properties) {
    this.signIns = signIns;
    this.tokens = tokens;
    this.properties = properties;
  }

  record SignIn(@NotBlank @Size(max = 128) String username, @NotBlank @Size(max = 200) String password) {}

  record Token(String token, String tokenType, Instant expiresAt, Me account) {}

  record Me(String name, String role, List<String> queues, String conversationId) {
    static Me of(Caller caller) {
      return new Me(caller.name(), caller.role(), caller.queues(), caller.conversationId());
    }
  }

  @PostMapping(path = "/token", consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Sign in with a username and password",
      description =
          "Returns a bearer token for the console, valid for baton.security.console-token-lifetime (12 h). 401 for a"
              + " wrong username or password, without saying which. 429 with Retry-After after too many failures for"
              + " the username or from the client's address (baton.limits.sign-in), the same whether or not the"
              + " account exists; 503 with Retry-After when the api is checking as many passwords as it may at once.")
  Token signIn(@Valid @RequestBody SignIn body, HttpServletRequest request) {
    var account = signIns.signIn(body.username(), body.password(), request.getRemoteAddr());
    var issued = tokens.issue(account.username(), AccountTokens.CONSOLE, "console sign-in", properties.consoleTokenLifetime());
    return new Token(issued.token(), "Bearer", issued.expiresAt(), new Me(account.username(), account.role(), account.queues(), null));
  }

  @ResponseStatus(HttpStatus.NO_CONTENT) // the documented success status (the body is built below)
  @DeleteMapping("/token")
  @Operation(summary = "Sign out: the token of this call stops working")
  ResponseEntity<Void> signOut(@RequestHeader("Authorization") String authorization) {
    tokens.revoke(authorization.replaceFirst("(?i)^Bearer\\s+", "").strip());
    return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
  }

  @GetMapping("/me")
  @Operation(summary = "Who the token is: name, role, queues (or, for a customer token, its conversation)")
  Me me() {
    return Me.of(Caller.current());
  }
}
