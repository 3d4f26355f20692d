package dev.baton.api.conversation;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Customer;
import dev.baton.store.conversation.ConversationStore;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** A conversation's live stream: where it starts, and the requests it refuses. */
// Security is tested on its own (SecurityTest); here only what the controller does.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(ConversationStreamController.class)
@org.springframework.context.annotation.Import(dev.baton.api.limits.StreamSlots.class)
class ConversationStreamControllerTest {
  private static final ConversationView OPEN =
      new ConversationView("c-1", new Customer("cust-1", null, null, "standard", null), "web", ConversationStatus.BOT_ACTIVE,
          null, 0, 0, null, null, 4, 2, null, null, null);

  @Autowired MockMvc mvc;
  @MockitoBean ConversationStore store;
  @MockitoBean ConversationStreams streams;

  @BeforeEach
  void aConversationExists() {
    given(store.find("c-1")).willReturn(Optional.of(OPEN));
    given(store.find("nope")).willReturn(Optional.empty());
    given(streams.follow(anyString(), org.mockito.ArgumentMatchers.any(), anyLong(), org.mockito.ArgumentMatchers.any())).willAnswer(call -> new SseEmitter());
  }

  @Test
  void aConversationHasAtMostTenStreamsOpen() throws Exception {
    given(store.find("c-busy")).willReturn(Optional.of(OPEN));
    for (int i = 0; i < 10; i++) {
      mvc.perform(get("/api/v1/conversations/c-busy/stream")).andExpect(request().asyncStarted());
    }
    expectProblem(mvc.perform(get("/api/v1/conversations/c-busy/stream")), 429, "too-many-streams")
        .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("Retry-After", "5"));
  }

  @Test
  void aStreamStartsAfterTheGivenSequenceNumber() throws Exception {
    mvc.perform(get("/api/v1/conversations/c-1/stream").param("after", "2").accept(MediaType.TEXT_EVENT_STREAM))
        .andExpect(status().isOk())
        .andExpect(request().asyncStarted());
    then(streams).should().follow(eq("c-1"), eq(ConversationStreams.View.CUSTOMER), eq(2L), org.mockito.ArgumentMatchers.any());
  }

  @Test
  @org.springframework.security.test.context.support.WithMockUser(roles = "AGENT")
  void staffFollowTheStaffViewAndEveryoneElseTheCustomerView() throws Exception {
    mvc.perform(get("/api/v1/conversations/c-1/stream")).andExpect(request().asyncStarted());
    then(streams).should().follow(eq("c-1"), eq(ConversationStreams.View.STAFF), eq(0L), org.mockito.ArgumentMatchers.any());
  }

  @Test
  void aReconnectingBrowserResumesFromItsLastEventId() throws Exception {
    mvc.perform(get("/api/v1/conversations/c-1/stream").param("after", "1").header("Last-Event-ID", " 3 "))
        .andExpect(request().asyncStarted());
    then(streams).should().follow(eq("c-1"), eq(ConversationStreams.View.CUSTOMER), eq(3L), org.mockito.ArgumentMatchers.any());
  }

  @Test
  void aLastEventIdThatIsNotASeqIsABadRequestNamingTheHeader() throws Exception {
    expectProblem(mvc.perform(get("/api/v1/conversations/c-1/stream").header("Last-Event-ID", "abc")), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("Last-Event-ID"))
        .andExpect(jsonPath("$.errors[0].message").value("must be a message seq"));
    expectProblem(mvc.perform(get("/api/v1/conversations/c-1/stream").header("Last-Event-ID", "-1")), 400, "invalid-request");
    then(streams).should(never()).follow(anyString(), org.mockito.ArgumentMatchers.any(), anyLong(), org.mockito.ArgumentMatchers.any());
  }

  @Test
  void anUnknownConversationIsNotFound() throws Exception {
    expectProblem(mvc.perform(get("/api/v1/conversations/nope/stream").accept(MediaType.TEXT_EVENT_STREAM)), 404, "conversation-not-found")
        .andExpect(jsonPath("$.conversationId").value("nope"));
    then(streams).should(never()).follow(anyString(), org.mockito.ArgumentMatchers.any(), anyLong(), org.mockito.ArgumentMatchers.any());
  }

  @Test
  void aNegativeAfterIsABadRequest() throws Exception {
    expectProblem(mvc.perform(get("/api/v1/conversations/c-1/stream").param("after", "-5")), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("after"));
  }
}
