package dev.baton.api.conversation;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.agents.Availability;
import dev.baton.bot.Fact;
import dev.baton.conversation.Author;
import dev.baton.conversation.ConversationFailures;
import dev.baton.conversation.ConversationFailures.Rejection;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Customer;
import dev.baton.conversation.HandoffRequest;
import dev.baton.conversation.Message;
import dev.baton.conversation.TurnResult;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.EscalationReason;
import dev.baton.escalation.HandoffSummary;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.IdentityClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The REST contract: status codes, bodies and problem+json for every mistake a client can make. */
// Security is tested on its own (SecurityTest); here only what the controller does.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(ConversationController.class)
@Import({ConversationControllerTest.Properties.class, ConversationReader.class, AgentNames.class, TemporalUiLinks.class})
class ConversationControllerTest {
  /** The slice leaves configuration properties out; the defaults from the record are the real ones. */
  @TestConfiguration
  @EnableConfigurationProperties(ConversationProperties.class)
  static class Properties {}

  private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
  private static final Message REPLY = new Message(2, Author.BOT, null, "Your order ships today.", AT);
  private static final Customer ADA = new Customer("cust-1", "Ada", null, "vip", "en");

  @Autowired MockMvc mvc;
  @MockitoBean ConversationService conversations;
  /** Starts per address and per customer are StartLimitsTest's subject. */
  @MockitoBean dev.baton.api.limits.StartLimits starts;
  @MockitoBean ConversationStore transcripts;
  @MockitoBean AgentStore agents;
  @MockitoBean dev.baton.store.accounts.AccountStore accounts;
  @MockitoBean IdentityClaims identities;
  @MockitoBean CustomerTokens tokens;

  @BeforeEach
  void tokens() {
    given(tokens.issue(any(), any())).willReturn(new CustomerTokens.Issued("customer-token", AT.plusSeconds(86400)));
  }

  @Test
  void startingAConversationAnswersItsFirstMessageInTheSameCall() throws Exception {
    given(conversations.start(org.mockito.ArgumentMatchers.argThat(c -> !c.verified()), eq("web"), eq("where is my order?"), eq("m-1")))
        .willReturn(
            new ConversationService.Opened(
                "c-1", new TurnResult(ConversationStatus.BOT_ACTIVE, List.of(REPLY))));

    postJson(
            "/api/v1/conversations",
            """
            {"customer":{"id":"cust-1","name":"Ada","tier":"vip"},"channel":"web",
             "text":"where is my order?","clientMessageId":"m-1"}
            """)
        .andExpect(status().isCreated())
        .andExpect(header().string("Location", "/api/v1/conversations/c-1"))
        .andExpect(jsonPath("$.conversationId").value("c-1"))
        .andExpect(jsonPath("$.status").value("BOT_ACTIVE"))
        .andExpect(jsonPath("$.replies[0].seq").value(2))
        .andExpect(jsonPath("$.replies[0].author").value("BOT"))
        .andExpect(jsonPath("$.replies[0].text").value("Your order ships today."))
        .andExpect(jsonPath("$.replies[0].at").value("2026-11-23T10:15:30Z"));
  }

  @Test
  void aMissingCustomerIsABadRequestNamingTheField() throws Exception {
    expectProblem(postJson("/api/v1/conversations", "{\"channel\":\"web\",\"text\":\"hi\"}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("customer"));
    verifyNoInteractions(conversations);
  }

  @Test
  void aBlankCustomerIdAndAMissingChannelAreBothNamed() throws Exception {
    expectProblem(postJson("/api/v1/conversations", "{\"customer\":{\"id\":\" \"}}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[*].field", org.hamcrest.Matchers.hasItems("channel", "customer.id")));
  }

  @Test
  void anOversizedFirstMessageIsRefusedBeforeAnyConversationStarts() throws Exception {
    String body =
        "{\"customer\":{\"id\":\"c\"},\"channel\":\"web\",\"text\":\"" + "x".repeat(4001) + "\"}";

    expectProblem(postJson("/api/v1/conversations", body), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("text"))
        .andExpect(jsonPath("$.detail").value(containsString("4000")));
    verifyNoInteractions(conversations);
  }

  @Test
  void malformedJsonIsABadRequest() throws Exception {
    expectProblem(postJson("/api/v1/conversations", "{\"customer\": {\"id\": "), 400, "malformed-json");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamed() throws Exception {
    expectProblem(postJson("/api/v1/conversations", "{\"customer\": [1,2], \"channel\":\"web\"}"), 400, "malformed-json")
        .andExpect(jsonPath("$.detail").value(containsString("customer")));
  }

  @Test
  void aBodyThatIsNotJsonIsAnUnsupportedMediaType() throws Exception {
    expectProblem(
        mvc.perform(post("/api/v1/conversations").contentType(MediaType.TEXT_PLAIN).content("hello")),
        415,
        "unsupported-media-type");
  }

  @Test
  void aMessageWithoutClientMessageIdIsABadRequest() throws Exception {
    expectProblem(postJson("/api/v1/conversations/c-1/messages", "{\"text\":\"hi\"}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("clientMessageId"));
    verifyNoInteractions(conversations);
  }

  @Test
  void aMessageTheConversationRefusesIsABadRequestNamingTheField() throws Exception {
    given(conversations.send(eq("c-1"), any()))
        .willThrow(
            new ConversationException.Rejected(
                new Rejection(ConversationFailures.INVALID_MESSAGE, "text", "text must be at most 4000 characters")));

    expectProblem(postJson("/api/v1/conversations/c-1/messages", "{\"text\":\"x\",\"clientMessageId\":\"m-2\"}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("text"))
        .andExpect(jsonPath("$.errors[0].message").value("must be at most 4000 characters"));
  }

  @Test
  void aMessageToAClosedConversationIsAConflict() throws Exception {
    given(conversations.send(eq("c-1"), any()))
        .willThrow(
            new ConversationException.Rejected(
                new Rejection(ConversationFailures.CONVERSATION_CLOSED, "CLOSED", "The conversation is CLOSED and accepts no more messages.")));

    expectProblem(postJson("/api/v1/conversations/c-1/messages", "{\"text\":\"hi\",\"clientMessageId\":\"m-3\"}"), 409, "conversation-closed")
        .andExpect(jsonPath("$.conversationStatus").value("CLOSED"));
  }

  @Test
  void anUnknownConversationIsNotFound() throws Exception {
    given(conversations.state("nope")).willThrow(new ConversationException.NotFound("nope"));
    given(conversations.send(eq("nope"), any())).willThrow(new ConversationException.NotFound("nope"));
    given(transcripts.find("nope")).willReturn(Optional.empty());

    expectProblem(mvc.perform(get("/api/v1/conversations/nope")), 404, "conversation-not-found");
    expectProblem(postJson("/api/v1/conversations/nope/messages", "{\"text\":\"hi\",\"clientMessageId\":\"m-4\"}"), 404, "conversation-not-found");
    expectProblem(mvc.perform(get("/api/v1/conversations/nope/messages")), 404, "conversation-not-found");
  }

  @Test
  void aBusyServiceIsAServiceUnavailableWithRetryAfter() throws Exception {
    given(conversations.send(eq("c-1"), any()))
        .willThrow(new ConversationException.Unavailable("The conversation service did not answer in time.", null));

    expectProblem(postJson("/api/v1/conversations/c-1/messages", "{\"text\":\"hi\",\"clientMessageId\":\"m-5\"}"), 503, "service-unavailable")
        .andExpect(header().string("Retry-After", "2"));
  }

  @Test
  @org.springframework.security.test.context.support.WithMockUser(roles = "SUPERVISOR")
  void aConversationShowsStaffItsStateAndWholeTranscript() throws Exception {
    given(conversations.state("c-1"))
        .willReturn(
            new ConversationView("c-1", ADA, "web", ConversationStatus.BOT_ACTIVE, "track_order", 0.9, 0.1, null, null, 2, 1, null, null, null));
    Message asked = new Message(1, Author.CUSTOMER, null, "where is my order?", AT);
    given(transcripts.messagesBefore("c-1", Long.MAX_VALUE, 101)).willReturn(List.of(asked, REPLY));

    mvc.perform(get("/api/v1/conversations/c-1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("BOT_ACTIVE"))
        .andExpect(jsonPath("$.intent").value("track_order"))
        .andExpect(jsonPath("$.confidence").value(0.9))
        .andExpect(jsonPath("$.customer.tier").value("vip"))
        .andExpect(jsonPath("$.summary").isEmpty())
        .andExpect(jsonPath("$.messages.length()").value(2))
        .andExpect(jsonPath("$.messages[0].author").value("CUSTOMER"))
        .andExpect(jsonPath("$.earlierCursor").value(org.hamcrest.Matchers.nullValue()));
  }

  @Test
  void aConversationShowsItsCustomerTheCustomerView() throws Exception {
    given(conversations.state("c-1"))
        .willReturn(
            new ConversationView("c-1", ADA, "web", ConversationStatus.BOT_ACTIVE, "track_order", 0.9, 0.1, null, null, 2, 1, null, null, null));
    given(transcripts.messagesBefore("c-1", Long.MAX_VALUE, 101)).willReturn(List.of(REPLY));

    mvc.perform(get("/api/v1/conversations/c-1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("BOT_ACTIVE"))
        .andExpect(jsonPath("$.messages[0].text").value("Your order ships today."))
        .andExpect(jsonPath("$.intent").doesNotExist())
        .andExpect(jsonPath("$.customer").doesNotExist());
  }

  @Test
  void messagesAfterASequenceNumberArePaged() throws Exception {
    given(transcripts.find("c-1"))
        .willReturn(Optional.of(new ConversationView("c-1", ADA, "web", ConversationStatus.BOT_ACTIVE, null, 0, 0, null, null, 2, 1, null, null, null)));
    given(transcripts.messages("c-1", 1, 101)).willReturn(List.of(REPLY));

    mvc.perform(get("/api/v1/conversations/c-1/messages").param("after", "1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.messages.length()").value(1))
        .andExpect(jsonPath("$.messages[0].seq").value(2))
        .andExpect(jsonPath("$.nextCursor").value(org.hamcrest.Matchers.nullValue()));
  }

  /** Lines {@code from}..{@code to} of a transcript, customer and bot in turn. */
  private static List<Message> lines(long from, long to) {
    return java.util.stream.LongStream.rangeClosed(from, to)
        .mapToObj(seq -> new Message(seq, seq % 2 == 1 ? Author.CUSTOMER : Author.BOT, null, "line " + seq, AT))
        .toList();
  }

  @Test
  @org.springframework.security.test.context.support.WithMockUser(roles = "SUPERVISOR")
  void aLongTranscriptShowsStaffItsLatestPageAndWhereTheEarlierLinesAre() throws Exception {
    given(conversations.state("c-1"))
        .willReturn(new ConversationView("c-1", ADA, "web", ConversationStatus.BOT_ACTIVE, null, 0, 0, null, null, 5000, 1, null, null, null));
    // The page and one more line: there are earlier ones.
    given(transcripts.messagesBefore("c-1", Long.MAX_VALUE, 101)).willReturn(lines(4900, 5000));

    mvc.perform(get("/api/v1/conversations/c-1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.messages.length()").value(100))
        .andExpect(jsonPath("$.messages[0].seq").value(4901))
        .andExpect(jsonPath("$.messages[99].seq").value(5000))
        .andExpect(jsonPath("$.earlierCursor").value(4901));
    then(transcripts).should(org.mockito.Mockito.never()).messages(any(), anyLong(), anyInt());
  }

  @Test
  void aLongTranscriptShowsItsCustomerTheLatestPageToo() throws Exception {
    given(conversations.state("c-1"))
        .willReturn(new ConversationView("c-1", ADA, "web", ConversationStatus.BOT_ACTIVE, null, 0, 0, null, null, 5000, 1, null, null, null));
    given(transcripts.messagesBefore("c-1", Long.MAX_VALUE, 101)).willReturn(lines(4900, 5000));

    mvc.perform(get("/api/v1/conversations/c-1"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.messages.length()").value(100))
        .andExpect(jsonPath("$.messages[0].seq").value(4901))
        .andExpect(jsonPath("$.earlierCursor").value(4901))
        .andExpect(jsonPath("$.customer").doesNotExist());
  }

  @Test
  void earlierMessagesArePagedBackwardsUntilTheFirst() throws Exception {
    given(transcripts.find("c-1"))
        .willReturn(Optional.of(new ConversationView("c-1", ADA, "web", ConversationStatus.BOT_ACTIVE, null, 0, 0, null, null, 5, 1, null, null, null)));
    given(transcripts.messagesBefore("c-1", 4, 3)).willReturn(lines(1, 3));
    given(transcripts.messagesBefore("c-1", 2, 3)).willReturn(lines(1, 1));

    mvc.perform(get("/api/v1/conversations/c-1/messages").param("before", "4").param("limit", "2"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.messages[*].seq").value(org.hamcrest.Matchers.contains(2, 3)))
        .andExpect(jsonPath("$.nextCursor").value(2));
    mvc.perform(get("/api/v1/conversations/c-1/messages").param("before", "2").param("limit", "2"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.messages[*].seq").value(org.hamcrest.Matchers.contains(1)))
        .andExpect(jsonPath("$.nextCursor").value(org.hamcrest.Matchers.nullValue()));
  }

  @Test
  void messagesArePagedForwardsAPageAtATime() throws Exception {
    given(transcripts.find("c-1"))
        .willReturn(Optional.of(new ConversationView("c-1", ADA, "web", ConversationStatus.BOT_ACTIVE, null, 0, 0, null, null, 900, 1, null, null, null)));
    given(transcripts.messages("c-1", 0, 101)).willReturn(lines(1, 101));

    mvc.perform(get("/api/v1/conversations/c-1/messages"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.messages.length()").value(100))
        .andExpect(jsonPath("$.messages[99].seq").value(100))
        .andExpect(jsonPath("$.nextCursor").value(100));
  }

  @Test
  void aPageSizeOrCursorOutOfBoundsIsABadRequestNamingIt() throws Exception {
    for (String[] bad : new String[][] {{"limit", "0"}, {"limit", "501"}, {"limit", "lots"}, {"before", "0"}, {"before", "x"}, {"after", "1.5"}}) {
      expectProblem(mvc.perform(get("/api/v1/conversations/c-1/messages").param(bad[0], bad[1])), 400, "invalid-request")
          .andExpect(jsonPath("$.errors[0].field").value(bad[0]));
    }
    expectProblem(mvc.perform(get("/api/v1/conversations/c-1/messages").param("after", "1").param("before", "9")), 400, "invalid-request")
        .andExpect(jsonPath("$.detail").value(containsString("not both")));
    then(transcripts).should(org.mockito.Mockito.never()).messages(any(), anyLong(), anyInt());
    then(transcripts).should(org.mockito.Mockito.never()).messagesBefore(any(), anyLong(), anyInt());
  }

  @Test
  void aConversationAtItsMessageCapRefusesTheNextMessageNamingTheCap() throws Exception {
    given(conversations.send(eq("c-1"), any()))
        .willThrow(
            new ConversationException.Rejected(
                new Rejection(
                    ConversationFailures.MESSAGE_LIMIT,
                    "500",
                    "This conversation has 500 customer messages, the most one conversation takes; start a new"
                        + " conversation to go on.")));

    expectProblem(postJson("/api/v1/conversations/c-1/messages", "{\"text\":\"one more\",\"clientMessageId\":\"m-501\"}"),
            409, "conversation-message-limit")
        .andExpect(jsonPath("$.limit").value(500))
        .andExpect(jsonPath("$.detail").value(containsString("500 customer messages")));
  }

  @Test
  void aNegativeAfterIsABadRequestNamingTheParameter() throws Exception {
    expectProblem(mvc.perform(get("/api/v1/conversations/c-1/messages").param("after", "-1")), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("after"));
    expectProblem(mvc.perform(get("/api/v1/conversations/c-1/messages").param("after", "soon")), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("after"));
  }

  @Test
  void closingAConversationAnswersWithItsFinalState() throws Exception {
    given(conversations.state("c-1"))
        .willReturn(new ConversationView("c-1", ADA, "web", ConversationStatus.CLOSED, null, 0, 0, null, null, 3, 1, null, null, null));
    given(transcripts.messages(eq("c-1"), anyLong(), anyInt())).willReturn(List.of());

    mvc.perform(post("/api/v1/conversations/c-1/close"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.status").value("CLOSED"));
  }

  @Test
  void askingForAPersonAnswersWithThePlaceInLineAndNotTheHandoffSummary() throws Exception {
    Escalation escalation =
        new Escalation(EscalationReason.CUSTOMER_REQUEST, "The customer pressed \"talk to a person\".", "orders", 3, null, AT);
    HandoffSummary summary =
        new HandoffSummary(
            "Order tracking: \u201cwhere is my order 12345678\u201d", "Know where the order is",
            List.of(new Fact(Fact.Kind.ORDER_NUMBER, "12345678")), List.of("Answered: It ships today."),
            EscalationReason.CUSTOMER_REQUEST, escalation.detail(), -0.1, "STABLE", 0.97, "track_order",
            "orders", 3, "vip", null, 0, "/api/v1/conversations/c-1/messages", List.of());
    given(conversations.state("c-1"))
        .willReturn(
            new ConversationView(
                "c-1", ADA, "web", ConversationStatus.AWAITING_AGENT, "track_order", 0.97, -0.1, "orders", null, 4, 2,
                escalation, summary, null));
    given(transcripts.messages(eq("c-1"), anyLong(), anyInt())).willReturn(List.of());
    given(agents.availability("orders", 3, "c-1")).willReturn(Availability.of(1, 2, 60.0));

    postJson("/api/v1/conversations/c-1/handoff", "{\"note\":\"please hurry\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.waiting.position").value(3))
        .andExpect(jsonPath("$.waiting.estimatedWait").value("PT3M"))
        .andExpect(jsonPath("$.status").value("AWAITING_AGENT"))
        .andExpect(jsonPath("$.queue").doesNotExist())
        .andExpect(jsonPath("$.escalation").doesNotExist())
        .andExpect(jsonPath("$.summary").doesNotExist());
    then(conversations).should().handoff("c-1", new HandoffRequest("please hurry"));
  }

  @Test
  void askingForAPersonWithoutABodyIsFine() throws Exception {
    given(conversations.state("c-1"))
        .willReturn(new ConversationView("c-1", ADA, "web", ConversationStatus.AWAITING_AGENT, null, 0, 0, "general", null, 2, 1, null, null, null));

    mvc.perform(post("/api/v1/conversations/c-1/handoff")).andExpect(status().isOk());
    then(conversations).should().handoff("c-1", new HandoffRequest(null));
  }

  @Test
  void askingForAPersonOnAFinishedConversationIsAConflict() throws Exception {
    given(conversations.handoff(eq("c-1"), any()))
        .willThrow(
            new ConversationException.Rejected(
                new Rejection(ConversationFailures.CONVERSATION_CLOSED, "RESOLVED", "The conversation is RESOLVED and accepts no more messages.")));

    expectProblem(mvc.perform(post("/api/v1/conversations/c-1/handoff")), 409, "conversation-closed")
        .andExpect(jsonPath("$.conversationStatus").value("RESOLVED"));
  }

  @Test
  void anOverlongHandoffNoteIsABadRequestNamingTheField() throws Exception {
    expectProblem(postJson("/api/v1/conversations/c-1/handoff", "{\"note\":\"" + "x".repeat(1001) + "\"}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("note"));
    verifyNoInteractions(conversations);
  }

  private ResultActions postJson(String path, String json) throws Exception {
    return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON).content(json));
  }
}
