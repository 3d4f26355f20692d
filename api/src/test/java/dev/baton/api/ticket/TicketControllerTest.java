package dev.baton.api.ticket;

import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.ParameterizedTest;
import dev.baton.api.limits.RefusedCharacters;
import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.helpdesk.TicketStatus;
import dev.baton.store.tickets.TicketDetails;
import dev.baton.store.tickets.TicketEvent;
import dev.baton.store.tickets.TicketRow;
import dev.baton.store.tickets.TicketStatusConflict;
import dev.baton.store.tickets.TicketStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The built-in helpdesk's tickets over HTTP: list, read, move, and the moves refused. */
// Security is tested on its own (SecurityTest); here only what the controller does.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(TicketController.class)
class TicketControllerTest {
  private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
  private static final TicketRow ROW =
      new TicketRow(7, "#7", "c-1", "orders", 3, TicketStatus.NEW, "Callback: refund", "cust-1", AT.plusSeconds(3600), AT, AT);
  private static final TicketDetails DETAILS =
      new TicketDetails(ROW, null, "/api/v1/conversations/c-1/messages",
          List.of(new TicketEvent(1, "CREATED", "Callback: refund", TicketStatus.NEW, 3, AT)));

  @Autowired MockMvc mvc;
  @MockitoBean TicketStore tickets;

  @Test
  void ticketsAreListedWithTheirFilters() throws Exception {
    given(tickets.list(TicketStatus.NEW, "orders", 100)).willReturn(List.of(ROW));

    mvc.perform(get("/api/v1/tickets").param("status", "NEW").param("queue", "orders"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.tickets[0].id").value(7))
        .andExpect(jsonPath("$.tickets[0].reference").value("#7"))
        .andExpect(jsonPath("$.tickets[0].status").value("NEW"))
        .andExpect(jsonPath("$.tickets[0].promisedBy").value("2026-11-23T11:15:30Z"));
  }

  @Test
  void anUnknownStatusABadQueueAndATooLargeLimitAreBadRequests() throws Exception {
    expectProblem(mvc.perform(get("/api/v1/tickets").param("status", "LOST")), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("status"));
    expectProblem(mvc.perform(get("/api/v1/tickets").param("queue", "Orders")), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("queue"));
    expectProblem(mvc.perform(get("/api/v1/tickets").param("limit", "1001")), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("limit"));
    verifyNoInteractions(tickets);
  }

  @Test
  void aTicketShowsItsHistoryAndAnUnknownOneIsNotFound() throws Exception {
    given(tickets.find(7)).willReturn(Optional.of(DETAILS));
    given(tickets.find(8)).willReturn(Optional.empty());

    mvc.perform(get("/api/v1/tickets/7"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.ticket.subject").value("Callback: refund"))
        .andExpect(jsonPath("$.transcriptUrl").value("/api/v1/conversations/c-1/messages"))
        .andExpect(jsonPath("$.events[0].kind").value("CREATED"))
        .andExpect(jsonPath("$.events[0].at").value("2026-11-23T10:15:30Z"));
    expectProblem(mvc.perform(get("/api/v1/tickets/8")), 404, "ticket-not-found")
        .andExpect(jsonPath("$.detail").value("There is no ticket #8."));
  }

  @Test
  void movingATicketRecordsTheNoteAndAnswersWithTheTicket() throws Exception {
    given(tickets.update(7, TicketStatus.OPEN, null, "calling now", null)).willReturn(true);
    given(tickets.find(7)).willReturn(Optional.of(DETAILS));

    patchJson("/api/v1/tickets/7", "{\"status\":\"OPEN\",\"note\":\"calling now\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.ticket.id").value(7));
    then(tickets).should().update(7, TicketStatus.OPEN, null, "calling now", null);
  }

  @ParameterizedTest(name = "a note with {0}")
  @FieldSource("dev.baton.api.limits.RefusedCharacters#JSON_ESCAPES")
  void aNoteWithACharacterNoStoreAcceptsIsRefusedNamingIt(String escape) throws Exception {
    expectProblem(patchJson("/api/v1/tickets/7", "{\"status\":\"OPEN\",\"note\":" + RefusedCharacters.jsonString(escape) + "}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("note"));
    verifyNoInteractions(tickets);
  }

  @Test
  void aMoveTheStatusDoesNotAllowIsAConflictNamingTheStatus() throws Exception {
    given(tickets.update(7, TicketStatus.OPEN, null, null, null))
        .willThrow(new TicketStatusConflict(7, TicketStatus.CLOSED, TicketStatus.OPEN));

    expectProblem(patchJson("/api/v1/tickets/7", "{\"status\":\"OPEN\"}"), 409, "ticket-status-conflict")
        .andExpect(jsonPath("$.ticketStatus").value("CLOSED"))
        .andExpect(jsonPath("$.detail").value("Ticket #7 is CLOSED and cannot become OPEN."));
  }

  @Test
  void movingAnUnknownTicketIsNotFound() throws Exception {
    given(tickets.update(anyLong(), any(), any(), any(), any())).willReturn(false);

    expectProblem(patchJson("/api/v1/tickets/9", "{\"status\":\"SOLVED\"}"), 404, "ticket-not-found");
  }

  @Test
  void aMoveWithoutAStatusIsABadRequest() throws Exception {
    expectProblem(patchJson("/api/v1/tickets/7", "{\"note\":\"hm\"}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("status"));
    expectProblem(
        mvc.perform(patch("/api/v1/tickets/7").contentType("application/merge-patch+json").content("{\"status\":\"NOPE\"}")),
        400,
        "malformed-json");
    then(tickets).should(org.mockito.Mockito.never()).update(anyLong(), any(), any(), any(), any());
    then(tickets).should(org.mockito.Mockito.never()).list(any(), any(), anyInt());
  }

  private ResultActions patchJson(String path, String json) throws Exception {
    return mvc.perform(patch(path).contentType(MediaType.APPLICATION_JSON).content(json));
  }
}
