package dev.baton.helpdesk;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import org.springframework.stereotype.Component;

/**
 * Runs helpdesk calls for the workflow and tells Temporal which failures to retry: a rejection
 * never (the workflow records it and tells the customer the truth), an outage with Temporal's
 * backoff, a 429 no sooner than its Retry-After.
 */
@Component
public class HelpdeskActivitiesImpl implements HelpdeskActivities {
  private final Helpdesk helpdesk;

  public HelpdeskActivitiesImpl(Helpdesk helpdesk) {
    this.helpdesk = helpdesk;
  }

  @Override
  public Ticket createTicket(NewTicket ticket) {
    try {
      boolean retry = Activity.getExecutionContext().getInfo().getAttempt() > 1;
      return helpdesk.createTicket(ticket, retry);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void addComment(TicketComment comment) {
    try {
      helpdesk.addComment(comment);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  @Override
  public void updateTicket(TicketUpdate update) {
    try {
      helpdesk.updateTicket(update);
    } catch (RuntimeException e) {
      throw translate(e);
    }
  }

  private static RuntimeException translate(RuntimeException e) {
    if (e instanceof HelpdeskRejectedException) {
      return ApplicationFailure.newNonRetryableFailure(e.getMessage(), REJECTED);
    }
    if (e instanceof HelpdeskUnavailableException unavailable && unavailable.retryAfter() != null) {
      return ApplicationFailure.newBuilder()
          .setMessage(e.getMessage())
          .setType("HelpdeskUnavailable")
          .setNextRetryDelay(unavailable.retryAfter())
          .build();
    }
    return e;
  }
}
