package dev.baton.conversation;

import dev.baton.helpdesk.NewTicket;
import dev.baton.helpdesk.TicketComment;
import dev.baton.helpdesk.TicketUpdate;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;

/**
 * Gives every activity the conversation schedules a summary ("check billing availability", "create
 * callback ticket (billing, priority 3)"), so its history in the Temporal UI reads like a story.
 *
 * <p>A worker interceptor rather than options in the workflow: the summary is user metadata on the
 * command, which replay does not compare, so no version gate is needed and the workflow code keeps
 * one stub per activity interface. Summaries are shown unencrypted: they name queues, priorities,
 * statuses and ticket ids, never a customer's name, words or facts.
 */
public final class ActivitySummaries extends WorkerInterceptorBase {

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(new Outbound(outbound));
      }
    };
  }

  /** The summary of one activity call, from its type and its arguments (ids and categories only). */
  static String summary(String activityType, Object[] args) {
    Object first = args != null && args.length > 0 ? args[0] : null;
    return switch (activityType) {
      case "Respond" -> "bot turn";
      case "Record" -> first instanceof TranscriptEntry entry ? transcript(entry) : "write transcript";
      case "Rules" -> "read escalation rules";
      case "PriorContacts" -> "count the customer's prior contacts";
      case "Availability" -> "check " + first + " availability";
      case "Schedule" -> "read " + first + " opening hours";
      case "Situation" -> "read " + first + " opening hours and availability";
      case "CreateTicket" ->
          first instanceof NewTicket ticket
              ? "create callback ticket (" + ticket.queue() + ", priority " + ticket.priority() + ")"
              : "create callback ticket";
      case "AddComment" ->
          first instanceof TicketComment comment ? "add comment to ticket " + comment.ticketId() : "add ticket comment";
      case "UpdateTicket" -> first instanceof TicketUpdate update ? ticketUpdate(update) : "update ticket";
      default -> activityType;
    };
  }

  private static String transcript(TranscriptEntry entry) {
    int lines = entry.messages() == null ? 0 : entry.messages().size();
    String summary = "write transcript (" + lines + (lines == 1 ? " line" : " lines") + ")";
    TranscriptEntry.StatusChange change = entry.statusChange();
    return change == null ? summary : summary + ", status " + change.from() + " → " + change.to();
  }

  private static String ticketUpdate(TicketUpdate update) {
    StringBuilder summary = new StringBuilder("update ticket " + update.ticketId());
    if (update.status() != null) {
      summary.append(": status ").append(update.status());
    }
    if (update.priority() != null) {
      summary.append(update.status() != null ? ", " : ": ").append("priority ").append(update.priority());
    }
    return summary.toString();
  }

  private static final class Outbound extends WorkflowOutboundCallsInterceptorBase {
    Outbound(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      ActivityOptions options =
          ActivityOptions.newBuilder(input.getOptions())
              .setSummary(summary(input.getActivityName(), input.getArgs()))
              .build();
      return super.executeActivity(
          new ActivityInput<>(
              input.getActivityName(), input.getResultClass(), input.getResultType(), input.getArgs(), options,
              input.getHeader()));
    }

    @Override
    public <R> LocalActivityOutput<R> executeLocalActivity(LocalActivityInput<R> input) {
      LocalActivityOptions options =
          LocalActivityOptions.newBuilder(input.getOptions())
              .setSummary(summary(input.getActivityName(), input.getArgs()))
              .build();
      return super.executeLocalActivity(
          new LocalActivityInput<>(
              input.getActivityName(), input.getResultClass(), input.getResultType(), input.getArgs(), options,
              input.getHeader()));
    }
  }
}
