package dev.baton.api.account;

import org.springframework.web.bind.annotation.ResponseStatus;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.api.security.AccountTokens;
import dev.baton.api.security.Caller;
import dev.baton.api.security.FreshSignIn;
import dev.baton.api.security.NewPassword;
import dev.baton.api.security.PasswordHashes;
import dev.baton.api.security.SecurityProperties;
import dev.baton.api.security.SingleSignOn;
import dev.baton.store.accounts.Account;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.queues.QueueStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Agent and operator accounts: supervisors create agents, assign their queues, disable them and
 * issue their personal API tokens; only admins create or change supervisors and admins. What
 * outlives a sign-in (a password, a personal token) needs a {@link FreshSignIn}.
 */
@RestController
@Validated
@RequestMapping(path = "/api/v1/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Accounts", description = "Agents, supervisors and admins, and their API tokens")
class AccountController {
  private static final String USERNAME = "[A-Za-z0-9._:@-]{1,128}";
  private static final String ROLE = "AGENT|SUPERVISOR|ADMIN";

  private final AccountStore accounts;
  private final AccountTokens tokens;
  private final PasswordHashes passwords;
  private final FreshSignIn freshSignIn;
  private final SingleSignOn singleSignOn;
  private final Duration personalTokenMaxLifetime;

  AccountController(
      AccountStore accounts,
      AccountTokens tokens,
      PasswordHashes passwords,
      FreshSignIn freshSignIn,
      SingleSignOn singleSignOn,
      SecurityProperties properties) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.passwords = passwords;
    this.freshSignIn = freshSignIn;
    this.singleSignOn = singleSignOn;
    this.personalTokenMaxLifetime = properties.personalTokenMaxLifetime();
  }

  record NewAccount(
      @NotBlank @Pattern(regexp = USERNAME, message = "must be 1-128 letters, digits or ._:@-") String username,
      @Size(max = 100) String name,
      @Pattern(regexp = ROLE, message = "must be AGENT, SUPERVISOR or ADMIN") String role,
      @NewPassword String password,
      List<@Pattern(regexp = QueueStore.NAME, message = "must be a queue name") String> queues) {}

  record ChangeAccount(
      @Size(max = 100) String name,
      @Pattern(regexp = ROLE, message = "must be AGENT, SUPERVISOR or ADMIN") String role,
      @NewPassword String password,
      List<@Pattern(regexp = QueueStore.NAME, message = "must be a queue name") String> queues,
      Boolean disabled) {}

  record NewToken(@Size(max = 100) String label, @Min(1) Integer expiresInDays) {}

  record IssuedToken(String token, String tokenType, Instant expiresAt, String username) {}

  record Accounts(List<Account> accounts) {}

  @GetMapping
  @Operation(summary = "Every account, by username")
  Accounts list() {
    return new Accounts(accounts.list());
  }

  @ResponseStatus(HttpStatus.CREATED) // the documented success status (the body is built below)
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Create an account",
      description =
          "Role AGENT (the default) with the queues it may serve; supervisors create agents, admins any role. Without a"
              + " password the account signs in with personal tokens only. A password is 12 characters to 72 bytes"
              + " (UTF-8), and giving one needs a fresh sign-in (403 fresh-sign-in-required otherwise). 409 if the"
              + " username is taken; 400 for a username beginning sso: (the agent ids of single sign-on).")
  ResponseEntity<Account> create(@Valid @RequestBody NewAccount body) {
    if (SingleSignOn.isPerson(body.username())) {
      throw invalid("username", "must not begin with " + SingleSignOn.PREFIX + " (the agent ids of single sign-on)");
    }
    String role = body.role() == null ? Account.AGENT : body.role();
    mayManage(role);
    if (body.password() != null) {
      freshSignIn.require("give an account a password");
    }
    Account created =
        accounts
            .create(
                body.username(),
                body.name(),
                role,
                body.password() == null ? null : passwords.encode(body.password()),
                body.queues() == null ? List.of() : body.queues())
            .orElseThrow(
                () -> new ApiException(Problems.ACCOUNT_EXISTS, HttpStatus.CONFLICT, "There is already an account " + body.username() + "."));
    return ResponseEntity.created(URI.create("/api/v1/accounts/" + created.username())).body(created);
  }

  @GetMapping("/{username}")
  @Operation(summary = "One account (an agent may read their own)")
  Account get(@PathVariable String username) {
    return find(username);
  }

  @PatchMapping(path = "/{username}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
  @Operation(
      summary = "Change an account: name, queues, password, role, or disable it",
      description =
          "Disabling ends the account's tokens at once and takes it offline, so the conversations it held go back to"
              + " the waiting list. A new password (12 characters to 72 bytes, UTF-8) ends every token of the account,"
              + " the caller's own included, and needs a fresh sign-in. Supervisors change agents; admins anyone, and"
              + " roles.")
  Account change(@PathVariable String username, @Valid @RequestBody ChangeAccount body) {
    Account account = find(username);
    mayManage(account.role());
    if (body.role() != null) {
      mayManage(body.role());
    }
    if (body.password() != null && SingleSignOn.isPerson(username)) {
      throw invalid("password", "a person of the identity provider signs in there, never with a password here");
    }
    if (body.password() != null) {
      freshSignIn.require("set a password");
      accounts.setPassword(username, passwords.encode(body.password()));
    }
    Account changed = accounts.update(username, body.name(), body.role(), body.queues(), body.disabled()).orElseThrow();
    tokens.forget(username);
    return changed;
  }

  @ResponseStatus(HttpStatus.CREATED) // the documented success status (the body is built below)
  @PostMapping(path = "/{username}/tokens")
  @Operation(
      summary = "Issue a personal API token",
      description =
          "For programmatic agents and tests: a bearer token shown once, valid for expiresInDays (default and at most"
              + " baton.security.personal-token-max-lifetime, 90 days). An agent issues their own; a supervisor an"
              + " agent's; an admin anyone's. Needs a fresh sign-in: a console token younger than"
              + " baton.security.fresh-sign-in (10 minutes), never a personal token (403 fresh-sign-in-required). A person"
              + " of single sign-on issues their own only, and only with baton.security.oidc.personal-tokens (403).")
  ResponseEntity<IssuedToken> token(@PathVariable String username, @Valid @RequestBody(required = false) NewToken body) {
    Caller caller = Caller.current();
    if (caller.sso() || SingleSignOn.isPerson(username)) {
      return ssoToken(caller, username, body);
    }
    Account account = find(username);
    if (!caller.name().equals(username)) {
      mayManage(account.role());
    }
    if (account.disabled()) {
      throw new ApiException(Problems.FORBIDDEN, HttpStatus.FORBIDDEN, username + " is disabled.");
    }
    long days = days(body);
    freshSignIn.require("issue a personal token");
    return issue(username, body, days);
  }

  /**
   * A personal token of a person of the identity provider: their own only, when the deployment
   * allows it, carrying the role and queues their provider's token gives them now.
   */
  private ResponseEntity<IssuedToken> ssoToken(Caller caller, String username, NewToken body) {
    singleSignOn.mayHavePersonalToken(caller, username);
    long days = days(body);
    freshSignIn.require("issue a personal token");
    if (singleSignOn.ownAccount(caller).disabled()) {
      throw new ApiException(Problems.FORBIDDEN, HttpStatus.FORBIDDEN, username + " is disabled.");
    }
    return issue(username, body, days);
  }

  private long days(NewToken body) {
    long longest = personalTokenMaxLifetime.toDays();
    long days = body == null || body.expiresInDays() == null ? longest : body.expiresInDays();
    if (days > longest) {
      throw new ApiException(
          Problems.INVALID_REQUEST,
          HttpStatus.BAD_REQUEST,
          "A personal token lives at most " + longest + " days (baton.security.personal-token-max-lifetime).",
          Map.of("errors", List.of(Map.of("field", "expiresInDays", "message", "must be at most " + longest))),
          null);
    }
    return days;
  }

  private ResponseEntity<IssuedToken> issue(String username, NewToken body, long days) {
    var issued = tokens.issue(username, AccountTokens.PERSONAL, body == null ? null : body.label(), Duration.ofDays(days));
    return ResponseEntity.status(HttpStatus.CREATED).body(new IssuedToken(issued.token(), "Bearer", issued.expiresAt(), username));
  }

  private Account find(String username) {
    return accounts
        .find(username)
        .orElseThrow(() -> new ApiException(Problems.NOT_FOUND, HttpStatus.NOT_FOUND, "There is no account " + username + "."));
  }

  private static ApiException invalid(String field, String message) {
    return new ApiException(
        Problems.INVALID_REQUEST,
        HttpStatus.BAD_REQUEST,
        field + " " + message + ".",
        Map.of("errors", List.of(Map.of("field", field, "message", message))),
        null);
  }

  /** Supervisors manage agents; supervisors and admins are managed by admins. */
  private static void mayManage(String role) {
    Caller caller = Caller.current();
    if (!Account.AGENT.equals(role) && !caller.admin()) {
      throw new ApiException(
          Problems.FORBIDDEN,
          HttpStatus.FORBIDDEN,
          "Only an admin manages " + role.toLowerCase(java.util.Locale.ROOT) + " accounts.",
          Map.of(),
          null);
    }
  }
}
