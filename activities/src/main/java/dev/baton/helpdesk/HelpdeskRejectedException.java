package dev.baton.helpdesk;

/** The helpdesk refused the request and would refuse it again (a validation error). */
public class HelpdeskRejectedException extends RuntimeException {
  public HelpdeskRejectedException(String message) {
    super(message);
  }
}
