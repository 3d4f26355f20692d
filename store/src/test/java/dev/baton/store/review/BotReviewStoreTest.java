package dev.baton.store.review;

import static dev.baton.store.StoreDatabase.JDBC;
import static dev.baton.store.StoreDatabase.T0;
import static dev.baton.store.StoreDatabase.TX;
import static dev.baton.store.StoreDatabase.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.EscalationReason;
import dev.baton.store.StoreDatabase;
import dev.baton.store.review.BotReviewStore.BotTurnRow;
import dev.baton.store.review.BotReviewStore.Decided;
import dev.baton.store.review.BotReviewStore.ModelRow;
import dev.baton.store.review.BotReviewStore.ReviewItem;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flag, review, approve: what supervisors see and what the classifier then learns from. */
class BotReviewStoreTest {
  private final BotReviewStore store = new BotReviewStore(JDBC, TX);

  @BeforeEach
  void empty() {
    StoreDatabase.clear();
  }

  @Test
  void aRetriedTurnRewritesItsRowAndTheTurnsComeBackInOrderWithTheirModel() {
    store.recordTurn(turn("c-1", 2, "thanks", "conversation_resolved", 0.9, true));
    store.recordTurn(turn("c-1", 1, "where is my order", "track_order", 0.4, false));
    store.recordTurn(turn("c-1", 1, "where is my order", "track_order", 0.95, true));

    assertThat(store.turns("c-1"))
        .extracting(t -> t.turn().turn() + " " + t.turn().confidence() + " " + t.turn().modelVersion())
        .containsExactly("1 0.95 m-1", "2 0.9 m-1");
  }

  @Test
  void aTurnThatAskedBetweenTwoIntentsKeepsTheOtherOne() {
    store.recordTurn(new BotTurnRow("c-9", 1, "something with my premium account", "delete_account", 0.47, "en", "m-1", false, "create_account", null));
    store.recordTurn(turn("c-9", 2, "I want to close it", "delete_account", 0.95, true));

    assertThat(store.turns("c-9")).extracting(t -> t.turn().tornWith()).containsExactly("create_account", null);
  }

  @Test
  void theReviewListHasFlaggedUnplacedAndUnansweredMessagesOfConversationsTheBotCouldNotHelp() {
    store.recordTurn(turn("c-1", 1, "can I get a gift voucher", "human_request", 0.95, true));
    store.recordTurn(turn("c-1", 2, "where is my order", "track_order", 0.95, true));
    store.recordTurn(turn("c-2", 1, "do you sell batteries", "unknown", 0.2, false));
    store.recordTurn(turn("c-3", 1, "my thing is the thing", "technical_issue", 0.75, false));
    store.recordTurn(turn("c-3", 2, "the app crashes", "technical_issue", 0.95, true));
    StoreDatabase.conversations().record(entry(escalated("c-3", EscalationReason.CONFIDENCE_GAP), null));

    assertThat(store.flag("c-1", 1, "alice", "product_advice", "a voucher is a product question")).isTrue();
    assertThat(store.flag("c-1", 9, "alice", null, null)).as("no such turn").isFalse();

    List<ReviewItem> items = store.reviewList(0.7, 100);
    assertThat(items)
        .extracting(i -> i.turn().conversationId() + "/" + i.turn().turn() + " " + i.reasons() + " " + i.expectedIntent())
        .containsExactlyInAnyOrder(
            "c-1/1 [FLAGGED] product_advice",
            "c-2/1 [UNPLACED] null",
            "c-3/1 [CONFIDENCE_GAP] null");
    assertThat(items).filteredOn(i -> i.flag() != null).singleElement()
        .satisfies(i -> assertThat(i.flag().flaggedBy()).isEqualTo("alice"));
  }

  @Test
  void questionsOutsideWhatTheBotCoversComeUpAsTheirOwnReason() {
    store.recordTurn(turn("c-1", 1, "what's the weather in Lisbon", "out_of_scope", 0.92, false));
    store.recordTurn(turn("c-1", 2, "where is my order", "track_order", 0.95, true));
    store.recordTurn(turn("c-2", 1, "book me a flight", "out_of_scope", 0.5, false));
    store.recordTurn(turn("c-3", 1, "can you write me a poem", "out_of_scope", 0.9, false));
    store.flag("c-3", 1, "alice", "product_advice", "they want a card for a gift");
    store.recordTurn(turn("c-4", 1, "tell me a joke", "out_of_scope", 0.95, false));
    assertThat(store.decide("c-4", 1, null, "sam")).isEqualTo(Decided.DONE);

    assertThat(store.reviewList(0.7, 100))
        .extracting(i -> i.turn().conversationId() + "/" + i.turn().turn() + " " + i.reasons())
        .containsExactlyInAnyOrder(
            "c-1/1 [OUT_OF_SCOPE]",
            "c-2/1 [OUT_OF_SCOPE, UNPLACED]",
            "c-3/1 [FLAGGED, OUT_OF_SCOPE]");
  }

  @Test
  void anApprovedTurnJoinsTheTrainingSetOnceAndLeavesTheList() {
    store.recordTurn(turn("c-1", 1, "can I get a gift voucher", "human_request", 0.95, true));
    store.recordTurn(turn("c-2", 1, "do you sell batteries", "unknown", 0.2, false));
    store.flag("c-1", 1, "alice", "product_advice", null);

    assertThat(store.decide("c-1", 1, "product_advice", "sam")).isEqualTo(Decided.DONE);
    assertThat(store.decide("c-1", 1, "product_advice", "sam")).as("the same decision again").isEqualTo(Decided.DONE);
    assertThat(store.decide("c-1", 1, "newsletter", "sam")).isEqualTo(Decided.CONFLICT);
    assertThat(store.decide("c-2", 1, null, "sam")).isEqualTo(Decided.DONE);
    assertThat(store.decide("c-9", 1, "product_advice", "sam")).isEqualTo(Decided.NOT_FOUND);

    assertThat(store.examples())
        .extracting(e -> e.text() + " → " + e.intent())
        .containsExactly("can I get a gift voucher → product_advice");
    assertThat(store.lastExampleId()).isEqualTo(store.examples().get(0).id());
    assertThat(store.reviewList(0.7, 100)).isEmpty();
  }

  @Test
  void theModelTrainedLastIsTheOneInUse() {
    assertThat(store.currentModel()).isEmpty();
    store.recordModel(new ModelRow("aaa", 300, 0, 0, List.of("greeting", "track_order"), null));
    store.recordModel(new ModelRow("bbb", 303, 1, 7, List.of("greeting", "track_order"), null));

    assertThat(store.currentModel()).hasValueSatisfying(m -> {
      assertThat(m.version()).isEqualTo("bbb");
      assertThat(m.lastExampleId()).isEqualTo(7);
      assertThat(m.intents()).containsExactly("greeting", "track_order");
    });

    // Only examples of intents the bot does not have were approved since: the same model took them in.
    store.recordModel(new ModelRow("bbb", 303, 1, 9, List.of("greeting", "track_order"), null));
    store.recordModel(new ModelRow("bbb", 303, 1, 8, List.of("greeting", "track_order"), null));
    assertThat(store.currentModel().map(ModelRow::lastExampleId)).as("never goes back").hasValue(9L);

    // An upgrade went back to the catalogue of the first model: it is the one in use again.
    store.recordModel(new ModelRow("aaa", 300, 0, 9, List.of("greeting", "track_order"), null));
    assertThat(store.currentModel().map(ModelRow::version)).hasValue("aaa");
  }

  @Test
  void aKeptNoteIsAnExampleAnswerForTheConversationsIntent() {
    StoreDatabase.conversations().record(entry(escalated("c-3", EscalationReason.CONFIDENCE_GAP), null));

    store.keepAnswer("c-3", "Reinstalling the app from the store fixes the crash on start.", "alice");

    assertThat(store.exampleAnswers(10)).singleElement().satisfies(a -> {
      assertThat(a.intent()).isEqualTo("technical_issue");
      assertThat(a.keptBy()).isEqualTo("alice");
      assertThat(a.text()).startsWith("Reinstalling");
    });
  }

  private static BotTurnRow turn(String id, int turn, String text, String intent, double confidence, boolean answered) {
    return new BotTurnRow(id, turn, text, intent, confidence, null, "m-1", answered, null, null);
  }

  private static ConversationView escalated(String id, EscalationReason reason) {
    Escalation escalation = new Escalation(reason, "unclear", "technical", 1, null, T0);
    return new ConversationView(
        id, StoreDatabase.ADA, "web", ConversationStatus.AWAITING_AGENT, "technical_issue", 0.75, 0, "technical",
        null, 3, 2, escalation, StoreDatabase.summary("technical", 1), null);
  }
}
