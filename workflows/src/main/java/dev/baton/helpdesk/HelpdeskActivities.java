package dev.baton.helpdesk;

import io.temporal.activity.ActivityInterface;

/**
 * The helpdesk port: Baton's built-in ticket store or a Zendesk-compatible one. Every call carries
 * an idempotency key made in the workflow, so a retried call, or one repeated after a worker died
 * before recording its result, changes the helpdesk once.
 *
 * <p>A failure the helpdesk will repeat however often it is asked (a validation error) is thrown
 * as a non-retryable {@code ApplicationFailure} of type {@link #REJECTED}.
 */
@ActivityInterface
public interface HelpdeskActivities {
  String REJECTED = "HelpdeskRejected";

  Ticket createTicket(NewTicket ticket);

  void addComment(TicketComment comment);

  void updateTicket(TicketUpdate update);
}
