package dev.baton.api.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** An authenticated bearer token of any kind, with the {@link Caller} it stands for. */
final class CallerAuthentication extends AbstractAuthenticationToken {
  private static final long serialVersionUID = 1L;

  private final Caller caller;
  private final String token;

  CallerAuthentication(Caller caller, String token) {
    super(caller.authorities());
    this.caller = caller;
    this.token = token;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return token;
  }

  @Override
  public Caller getPrincipal() {
    return caller;
  }

  @Override
  public String getName() {
    return caller.name();
  }
}
