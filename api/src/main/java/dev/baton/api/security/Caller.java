package dev.baton.api.security;

import dev.baton.store.accounts.Account;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, whatever the token: a customer of one conversation, or a person with an
 * account (from an opaque token or single sign-on) and a role. The agent id of every agent action
 * is {@link #name()}, never a field of the request.
 *
 * @param name the customer id, or the username (= agent id)
 * @param role {@code CUSTOMER}, or an account role (AGENT, SUPERVISOR, ADMIN)
 * @param queues the queues an agent is assigned to (supervisors and admins serve every queue)
 * @param conversationId the one conversation a customer token is for; null for staff
 */
public record Caller(String name, String role, List<String> queues, String conversationId) {
  public static final String CUSTOMER = "CUSTOMER";

  public boolean customer() {
    return CUSTOMER.equals(role);
  }

  public boolean staff() {
    return Account.ROLES.contains(role);
  }

  /** A person of the identity provider (single sign-on), never a local account ({@link SingleSignOn}). */
  public boolean sso() {
    return staff() && SingleSignOn.isPerson(name);
  }

  public boolean supervisor() {
    return Account.SUPERVISOR.equals(role) || admin();
  }

  public boolean admin() {
    return Account.ADMIN.equals(role);
  }

  /** Whether this person may work the queue: assigned to it, or a supervisor. */
  public boolean serves(String queue) {
    return supervisor() || (staff() && queue != null && queues.contains(queue));
  }

  /** ROLE_ADMIN implies ROLE_SUPERVISOR implies ROLE_AGENT. */
  Collection<GrantedAuthority> authorities() {
    List<GrantedAuthority> authorities = new ArrayList<>();
    authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
    if (supervisor()) {
      authorities.add(new SimpleGrantedAuthority("ROLE_" + Account.SUPERVISOR));
    }
    if (staff()) {
      authorities.add(new SimpleGrantedAuthority("ROLE_" + Account.AGENT));
    }
    return authorities;
  }

  /** The caller of an authentication: ours, or (in slice tests) any other with ROLE_ authorities. */
  public static Optional<Caller> of(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    if (authentication.getPrincipal() instanceof Caller caller) {
      return Optional.of(caller);
    }
    List<String> roles =
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(a -> a.startsWith("ROLE_"))
            .map(a -> a.substring(5))
            .toList();
    String role =
        roles.contains(Account.ADMIN) ? Account.ADMIN
            : roles.contains(Account.SUPERVISOR) ? Account.SUPERVISOR
            : roles.contains(Account.AGENT) ? Account.AGENT
            : CUSTOMER;
    return Optional.of(new Caller(authentication.getName(), role, List.of(), null));
  }

  /** The caller of the current request; routes that call this are never public. */
  public static Caller current() {
    return of(SecurityContextHolder.getContext().getAuthentication())
        .orElseThrow(() -> new IllegalStateException("no authenticated caller on a route that needs one"));
  }
}
