package dev.baton.api.ticket;

import dev.baton.escalation.HandoffSummary;
import dev.baton.helpdesk.TicketStatus;
import java.time.Instant;
import java.util.List;

/** Tickets of the built-in helpdesk as the API shows them. */
final class TicketViews {
  private TicketViews() {}

  /**
   * @param promisedBy when the customer was promised a callback; {@code null} when no time was
   *     promised
   */
  record TicketRow(
      long id,
      String reference,
      String conversationId,
      String queue,
      int priority,
      TicketStatus status,
      String subject,
      String customerId,
      Instant promisedBy,
      Instant createdAt,
      Instant updatedAt) {}

  record TicketEvent(long id, String kind, String body, TicketStatus status, Integer priority, Instant at) {}

  record TicketDetails(TicketRow ticket, HandoffSummary summary, String transcriptUrl, List<TicketEvent> events) {}

  record TicketList(List<TicketRow> tickets) {}

  /** The one change a person makes to a ticket here: its status. */
  record ChangeTicket(@jakarta.validation.constraints.NotNull TicketStatus status, @jakarta.validation.constraints.Size(max = 2000) String note) {}
}
