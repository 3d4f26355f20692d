package dev.baton.conversation;

import dev.baton.helpdesk.HelpdeskActivities;
import dev.baton.helpdesk.NewTicket;
import dev.baton.helpdesk.Ticket;
import dev.baton.helpdesk.TicketComment;
import dev.baton.helpdesk.TicketUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The conversation's work on its helpdesk ticket, off the turn path. Handlers queue comments and
 * updates; a workflow thread of their own sends them one at a time, in order, each with its
 * idempotency key, and keeps trying through an outage. So a helpdesk that is down never holds up
 * the customer or the agent, and what they did meanwhile reaches the ticket once, in order: the
 * customer's messages written while a call is failing become one comment.
 *
 * <p>The one call a turn waits for is the creation of a callback ticket, since the customer's
 * promise names it. Runs from before called the helpdesk inside the handler, and replay needs
 * them to go on doing so ({@link Era#ticketWork}).
 */
final class TicketSync {
  private static final Logger log = Workflow.getLogger(TicketSync.class);
  /** How long the queue rests after the helpdesk gave up on an operation, before trying again. */
  static final Duration RETRY_AFTER_OUTAGE = Duration.ofMinutes(1);

  /**
   * One piece of ticket work, carried in {@link ConversationState#ticketWork} until done: either
   * a comment or an update.
   *
   * @param tried whether a call went out; a tried comment is never merged into, since the
   *     helpdesk may have it already
   */
  public record Operation(TicketComment comment, TicketUpdate update, boolean tried) {
    Operation attempted() {
      return new Operation(comment, update, true);
    }
  }

  private final Conversation conversation;
  /** What the running handler queued; joins the state's queue only if the handler succeeds. */
  private final List<Operation> queued = new ArrayList<>();
  /** Tickets being filed after their turn answered ({@link #createWithin}). */
  private int filing;

  TicketSync(Conversation conversation) {
    this.conversation = conversation;
  }

  private HelpdeskActivities helpdesk() {
    return conversation.activities.helpdesk;
  }

  /** Creates the ticket and waits for it: the caller's promise names it. */
  Ticket create(NewTicket ticket) {
    return helpdesk().createTicket(ticket);
  }

  /**
   * Creates the ticket, waiting at most {@code wait} for it ({@link Era#promisesBeforeTheTicket}): a
   * helpdesk that is slow or down (Baton's own database, for the built-in one) does not hold the
   * customer's reply. A ticket that comes later goes to {@code late}, a failure's reason to {@code
   * failed}; until it has come or failed,
   * the conversation neither ends nor hands over to a fresh run, so the call is not lost.
   *
   * @return the ticket, or null when it did not come in time
   */
  Ticket createWithin(NewTicket ticket, Duration wait, Consumer<Ticket> late, Consumer<String> failed) {
    Promise<Ticket> created = Async.function(helpdesk()::createTicket, ticket);
    if (Workflow.await(wait, created::isCompleted)) {
      return created.get();
    }
    filing++;
    Async.procedure(
        () -> {
          try {
            late.accept(created.get());
          } catch (ActivityFailure e) {
            String why = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            log.error("Callback ticket for {} failed after the customer was answered: {}", conversation.id, why);
            failed.accept(why);
          } finally {
            filing--;
          }
        });
    return null;
  }

  /** Whether a ticket the customer was promised is still being filed ({@link #createWithin}). */
  boolean filing() {
    return filing > 0;
  }

  /** Adds a private comment; comments still waiting for the same ticket become one. */
  void comment(TicketComment comment) {
    conversation.era.ticketWork(
        () -> queued.add(new Operation(comment, null, false)), () -> helpdesk().addComment(comment));
  }

  void update(TicketUpdate update) {
    conversation.era.ticketWork(
        () -> queued.add(new Operation(null, update, false)), () -> helpdesk().updateTicket(update));
  }

  /** The running handler succeeded: its work joins the queue. */
  void flush() {
    List<Operation> work = conversation.state.ticketWork;
    for (Operation operation : queued) {
      Operation last = work.isEmpty() ? null : work.get(work.size() - 1);
      if (mergeable(last, operation)) {
        TicketComment first = last.comment();
        work.set(
            work.size() - 1,
            new Operation(
                new TicketComment(first.idempotencyKey(), first.ticketId(), merged(first.body(), operation.comment().body())),
                null,
                false));
      } else {
        work.add(operation);
      }
    }
    queued.clear();
  }

  /**
   * Comments merged while the helpdesk is down. A merged comment stops growing at {@link
   * #MAX_MERGED_COMMENT} characters and points to the transcript, so a long outage with a
   * talkative customer cannot push the carried state past Temporal's limits.
   */
  private String merged(String body, String next) {
    return conversation.era.mergedComment(() -> capped(body, next), body, next);
  }

  private static String capped(String body, String next) {
    if (body.endsWith(MORE_IN_TRANSCRIPT)) {
      return body;
    }
    String joined = body + "\n\n" + next;
    return joined.length() <= MAX_MERGED_COMMENT ? joined : body + "\n\n" + MORE_IN_TRANSCRIPT;
  }

  static final int MAX_MERGED_COMMENT = 50_000;
  static final String MORE_IN_TRANSCRIPT = "[More messages followed; they are in the transcript.]";

  /** An untried comment takes in the next comment on the same ticket. */
  private static boolean mergeable(Operation last, Operation next) {
    return last != null
        && !last.tried()
        && last.comment() != null
        && next.comment() != null
        && last.comment().ticketId().equals(next.comment().ticketId());
  }

  /** The running handler failed: its work is dropped with the rest of its transition. */
  void discard() {
    queued.clear();
  }

  boolean idle() {
    return conversation.state.ticketWork.isEmpty() && filing == 0;
  }

  /** The sender: runs in a workflow thread of its own for the life of the run. */
  void run() {
    while (true) {
      Workflow.await(() -> !conversation.state.ticketWork.isEmpty());
      List<Operation> work = conversation.state.ticketWork;
      Operation next = work.get(0).attempted();
      work.set(0, next);
      if (send(next)) {
        conversation.state.ticketWork.remove(0);
      } else {
        Workflow.sleep(RETRY_AFTER_OUTAGE);
      }
    }
  }

  /** Whether the operation is done with (sent, or refused for good). */
  private boolean send(Operation operation) {
    try {
      if (operation.comment() != null) {
        helpdesk().addComment(operation.comment());
      } else {
        helpdesk().updateTicket(operation.update());
      }
      return true;
    } catch (ActivityFailure e) {
      boolean rejected =
          e.getCause() instanceof ApplicationFailure failure
              && HelpdeskActivities.REJECTED.equals(failure.getType());
      log.error(
          "Ticket work for {} {}: {}",
          conversation.id,
          rejected ? "refused by the helpdesk, dropped" : "failed, trying again later",
          e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
      return rejected;
    }
  }
}
