package dev.baton.api.review;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.api.limits.RefusedCharacters;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.review.BotReviewStore;
import dev.baton.store.review.BotReviewStore.BotTurnRow;
import dev.baton.store.review.BotReviewStore.Decided;
import dev.baton.store.review.BotReviewStore.Flag;
import dev.baton.store.review.BotReviewStore.ModelRow;
import dev.baton.store.review.BotReviewStore.ReviewItem;
import dev.baton.store.review.BotReviewStore.TurnWithFlag;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Flagging, reviewing and approving over HTTP, and the requests refused. */
// Who may call which route is AccessRules' and SecurityTest's; here only what the controller does.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(BotReviewController.class)
@WithMockUser(username = "sam", roles = "SUPERVISOR")
class BotReviewControllerTest {
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
  private static final BotTurnRow VOUCHER =
      new BotTurnRow("c-1", 1, "can I get a gift voucher", "human_request", 0.45, "en", "abc123def456", false, null, AT);
  private static final BotTurnRow BATTERIES =
      new BotTurnRow("c-2", 1, "do you sell batteries", "unknown", 0.2, null, "abc123def456", false, null, AT);
  private static final ModelRow MODEL =
      new ModelRow("abc123def456", 304, 0, 0, List.of("newsletter", "product_advice", "track_order"), AT);

  @Autowired MockMvc mvc;
  @MockitoBean BotReviewStore reviews;
  @MockitoBean ConversationStore conversations;

  @BeforeEach
  void aModelIsInUse() {
    given(reviews.currentModel()).willReturn(Optional.of(MODEL));
  }

  @Test
  void anAgentFlagsAReadingWithTheIntentItShouldHaveBeen() throws Exception {
    given(reviews.flag("c-1", 1, "sam", "product_advice", "a product question")).willReturn(true);
    given(reviews.turns("c-1"))
        .willReturn(List.of(new TurnWithFlag(VOUCHER, new Flag("sam", "product_advice", "a product question", AT))));

    postJson("/api/v1/conversations/c-1/bot-turns/1/flag", "{\"expectedIntent\":\"product_advice\",\"comment\":\" a product question \"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.intent").value("human_request"))
        .andExpect(jsonPath("$.modelVersion").value("abc123def456"))
        .andExpect(jsonPath("$.flag.expectedIntent").value("product_advice"))
        .andExpect(jsonPath("$.flag.flaggedBy").value("sam"));
  }

  @Test
  void flaggingAnUnknownTurnOrNamingAnIntentTheBotDoesNotHaveIsRefused() throws Exception {
    given(reviews.flag(any(), anyInt(), any(), any(), any())).willReturn(false);

    expectProblem(postJson("/api/v1/conversations/c-1/bot-turns/9/flag", "{}"), 404, "bot-turn-not-found");
    expectProblem(postJson("/api/v1/conversations/c-1/bot-turns/1/flag", "{\"expectedIntent\":\"gift_cards\"}"), 400, "unknown-intent")
        .andExpect(jsonPath("$.intent").value("gift_cards"));
    expectProblem(postJson("/api/v1/conversations/c-1/bot-turns/1/flag", "{\"expectedIntent\":\"Gift Cards!\"}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("expectedIntent"));
    expectProblem(postJson("/api/v1/conversations/c-1/bot-turns/0/flag", "{}"), 400, "invalid-request");
    expectProblem(postJson("/api/v1/conversations/c-1/bot-turns/first/flag", "{}"), 400, "invalid-request");
    expectProblem(postJson("/api/v1/conversations/c-1/bot-turns/1/flag", "{\"comment\":\"" + "x".repeat(501) + "\"}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("comment"));
    then(reviews).should().flag("c-1", 9, "sam", null, null);
    then(reviews).should(never()).flag(any(), org.mockito.ArgumentMatchers.eq(1), any(), any(), any());
  }

  @ParameterizedTest
  @FieldSource("dev.baton.api.limits.RefusedCharacters#JSON_ESCAPES")
  void aNoteOrCommentWithACharacterNoStoreAcceptsIsRefusedNamingIt(String escape) throws Exception {
    expectProblem(postJson("/api/v1/conversations/c-1/bot-turns/1/flag", "{\"comment\":" + RefusedCharacters.jsonString(escape) + "}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("comment"));
    expectProblem(postJson("/api/v1/conversations/c-1/example-answers", "{\"text\":" + RefusedCharacters.jsonString(escape) + "}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("text"));
    then(reviews).shouldHaveNoMoreInteractions();
  }

  @Test
  void theReviewListGroupsByTheIntentAgentsSaidUndecidedLastWithTheTranscriptLinked() throws Exception {
    given(reviews.reviewList(anyDouble(), anyInt()))
        .willReturn(
            List.of(
                new ReviewItem(BATTERIES, List.of("UNPLACED"), null),
                new ReviewItem(VOUCHER, List.of("FLAGGED", "UNPLACED"), new Flag("alice", "product_advice", null, AT))));

    mvc.perform(get("/api/v1/bot/review"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.count").value(2))
        .andExpect(jsonPath("$.model.version").value("abc123def456"))
        .andExpect(jsonPath("$.groups[0].intent").value("product_advice"))
        .andExpect(jsonPath("$.groups[0].items[0].reasons[0]").value("FLAGGED"))
        .andExpect(jsonPath("$.groups[0].items[0].flag.flaggedBy").value("alice"))
        .andExpect(jsonPath("$.groups[0].items[0].transcript").value("/api/v1/conversations/c-1/messages"))
        .andExpect(jsonPath("$.groups[1].intent").doesNotExist())
        .andExpect(jsonPath("$.groups[1].items[0].text").value("do you sell batteries"));
    then(reviews).should().reviewList(0.7, 200);
  }

  @Test
  void questionsTheBotDoesNotCoverAreAGroupOfTheirOwnBetweenThePlacedAndTheUnplaced() throws Exception {
    BotTurnRow weather = new BotTurnRow("c-3", 1, "will it rain tomorrow", "out_of_scope", 0.9, "en", "abc123def456", false, null, AT);
    BotTurnRow poem = new BotTurnRow("c-4", 1, "write me a poem", "out_of_scope", 0.9, "en", "abc123def456", false, null, AT);
    given(reviews.reviewList(anyDouble(), anyInt()))
        .willReturn(
            List.of(
                new ReviewItem(BATTERIES, List.of("UNPLACED"), null),
                new ReviewItem(weather, List.of("OUT_OF_SCOPE"), null),
                new ReviewItem(poem, List.of("FLAGGED", "OUT_OF_SCOPE"), new Flag("alice", "product_advice", null, AT))));

    mvc.perform(get("/api/v1/bot/review"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.groups.length()").value(3))
        .andExpect(jsonPath("$.groups[0].intent").value("product_advice"))
        .andExpect(jsonPath("$.groups[0].outOfScope").value(false))
        .andExpect(jsonPath("$.groups[1].outOfScope").value(true))
        .andExpect(jsonPath("$.groups[1].items[0].text").value("will it rain tomorrow"))
        .andExpect(jsonPath("$.groups[1].items[0].reasons[0]").value("OUT_OF_SCOPE"))
        .andExpect(jsonPath("$.groups[2].outOfScope").value(false))
        .andExpect(jsonPath("$.groups[2].items[0].text").value("do you sell batteries"));
  }

  @Test
  void approvingNeedsAKnownIntentAndADecidedMessageCannotBeDecidedOtherwise() throws Exception {
    given(reviews.decide("c-1", 1, "product_advice", "sam")).willReturn(Decided.DONE);
    given(reviews.decide("c-2", 1, null, "sam")).willReturn(Decided.CONFLICT);
    given(reviews.decide("c-9", 1, "product_advice", "sam")).willReturn(Decided.NOT_FOUND);

    postJson("/api/v1/bot/review/c-1/1", "{\"decision\":\"APPROVE\",\"intent\":\"product_advice\"}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.decision").value("APPROVE"))
        .andExpect(jsonPath("$.intent").value("product_advice"));
    expectProblem(postJson("/api/v1/bot/review/c-2/1", "{\"decision\":\"DISMISS\"}"), 409, "review-conflict");
    expectProblem(postJson("/api/v1/bot/review/c-9/1", "{\"decision\":\"APPROVE\",\"intent\":\"product_advice\"}"), 404, "bot-turn-not-found");
    expectProblem(postJson("/api/v1/bot/review/c-1/1", "{\"decision\":\"APPROVE\"}"), 400, "invalid-request");
    expectProblem(postJson("/api/v1/bot/review/c-1/1", "{\"decision\":\"APPROVE\",\"intent\":\"gift_cards\"}"), 400, "unknown-intent");
    expectProblem(postJson("/api/v1/bot/review/c-1/1", "{\"decision\":\"MAYBE\"}"), 400, "malformed-json");
    expectProblem(postJson("/api/v1/bot/review/c-1/1", "{}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("decision"));
  }

  @Test
  void aNoteIsKeptAsAnExampleAnswerOnlyForAConversationThatExists() throws Exception {
    given(conversations.find("c-1")).willReturn(Optional.of(org.mockito.Mockito.mock(dev.baton.conversation.ConversationView.class)));
    given(conversations.find("c-9")).willReturn(Optional.empty());
    given(reviews.keepAnswer("c-1", "Reinstall the app.", "sam"))
        .willReturn(new BotReviewStore.ExampleAnswer(3, "c-1", "technical_issue", "Reinstall the app.", "sam", AT));

    postJson("/api/v1/conversations/c-1/example-answers", "{\"text\":\" Reinstall the app. \"}")
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.intent").value("technical_issue"));
    expectProblem(postJson("/api/v1/conversations/c-9/example-answers", "{\"text\":\"x\"}"), 404, "conversation-not-found");
    expectProblem(postJson("/api/v1/conversations/c-1/example-answers", "{\"text\":\"  \"}"), 400, "invalid-request");
  }

  @Test
  void theModelInUseIsShownAndBeforeAnyWorkerReportedOneItIsNotFound() throws Exception {
    mvc.perform(get("/api/v1/bot/model"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.intents[1]").value("product_advice"))
        .andExpect(jsonPath("$.pending").value(false));
    given(reviews.lastExampleId()).willReturn(4L);
    mvc.perform(get("/api/v1/bot/model")).andExpect(jsonPath("$.pending").value(true));
    given(reviews.currentModel()).willReturn(Optional.empty());
    expectProblem(mvc.perform(get("/api/v1/bot/model")), 404, "not-found");
  }

  private ResultActions postJson(String path, String body) throws Exception {
    return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body));
  }
}
