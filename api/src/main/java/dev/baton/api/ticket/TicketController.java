package dev.baton.api.ticket;

import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.api.ticket.TicketViews.ChangeTicket;
import dev.baton.api.ticket.TicketViews.TicketList;
import dev.baton.helpdesk.TicketStatus;
import dev.baton.store.queues.QueueStore;
import dev.baton.store.tickets.TicketDetails;
import dev.baton.store.tickets.TicketStore;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The built-in helpdesk: the callback tickets Baton files, for operators and agents. */
@RestController
@Validated
@RequestMapping(path = "/api/v1/tickets", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Tickets", description = "The built-in helpdesk's callback tickets")
class TicketController {
  private final TicketStore tickets;

  TicketController(TicketStore tickets) {
    this.tickets = tickets;
  }

  @GetMapping
  @Operation(summary = "List tickets", description = "Highest priority first, then oldest.")
  TicketList list(
      @RequestParam(required = false) TicketStatus status,
      @RequestParam(required = false) @Pattern(regexp = QueueStore.NAME, message = "must be a queue name") String queue,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    return new TicketList(tickets.list(status, queue, limit));
  }

  @GetMapping("/{id}")
  @Operation(summary = "A ticket with its handoff summary and history")
  TicketDetails get(@PathVariable long id) {
    return tickets.find(id).orElseThrow(() -> new TicketNotFound(id));
  }

  @PatchMapping(path = "/{id}", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json"})
  @Operation(
      summary = "Change a ticket's status",
      description = "NEW → OPEN/PENDING/SOLVED/CLOSED, OPEN ↔ PENDING, → SOLVED, SOLVED → OPEN (reopen), → CLOSED (final). Other moves are 409.")
  TicketDetails change(@PathVariable long id, @Valid @RequestBody ChangeTicket body) {
    // A move the ticket's status does not allow is a TicketStatusConflict: 409 naming the status.
    if (!tickets.update(id, body.status(), null, body.note(), null)) {
      throw new TicketNotFound(id);
    }
    return get(id);
  }

  static final class TicketNotFound extends ApiException {
    private static final long serialVersionUID = 1L;

    TicketNotFound(long id) {
      super(Problems.TICKET_NOT_FOUND, HttpStatus.NOT_FOUND, "There is no ticket #" + id + ".");
    }
  }
}
