package dev.baton.api.ticket;

import dev.baton.api.limits.Clean;
import dev.baton.api.limits.Limits;
import dev.baton.helpdesk.TicketStatus;
import dev.baton.store.tickets.TicketRow;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What the tickets API takes and answers besides the store's own rows. */
final class TicketViews {
  private TicketViews() {}

  record TicketList(List<TicketRow> tickets) {}

  /** The one change a person makes to a ticket here: its status. */
  record ChangeTicket(@NotNull TicketStatus status, @Size(max = Limits.NOTE) @Clean String note) {}
}
