package dev.baton.api.review;

import org.springframework.web.bind.annotation.ResponseStatus;
import dev.baton.api.limits.Clean;
import dev.baton.api.limits.Limits;
import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.api.security.Caller;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.review.BotReviewStore;
import dev.baton.store.review.BotReviewStore.Decided;
import dev.baton.store.review.BotReviewStore.ExampleAnswer;
import dev.baton.store.review.BotReviewStore.ModelRow;
import dev.baton.store.review.BotReviewStore.ReviewItem;
import dev.baton.store.review.BotReviewStore.TurnWithFlag;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The review loop: agents flag the bot's misreadings and keep their notes as example answers;
 * supervisors review what the bot could not place and approve examples, which the worker learns
 * from without a restart (docs/bot.md).
 */
@RestController
@Validated
@Tag(name = "Bot review", description = "Flag misread messages, review them, teach the bot")
class BotReviewController {
  /** What an intent name may be in a request. */
  static final String INTENT = "[a-z0-9_]{1,64}";

  private static final String INTENT_MESSAGE = "must be an intent name (a-z, 0-9, _)";

  private final BotReviewStore reviews;
  private final ConversationStore conversations;
  private final double lowConfidence;

  BotReviewController(
      BotReviewStore reviews, ConversationStore conversations,
      @Value("${baton.review.low-confidence:0.7}") double lowConfidence) {
    this.reviews = reviews;
    this.conversations = conversations;
    this.lowConfidence = lowConfidence;
  }

  /**
   * One message as the bot read it; {@code tornWith} is the other intent of a destructive pair
   * when the bot asked which of the two the customer meant.
   */
  record BotTurnView(
      String conversationId, int turn, String text, String intent, double confidence, String language,
      String modelVersion, boolean answered, String tornWith, Instant at, Flag flag) {}

  /** An agent's report on a turn. */
  record Flag(String flaggedBy, String expectedIntent, String comment, Instant at) {}

  record BotTurns(List<BotTurnView> turns) {}

  record FlagBody(
      @Pattern(regexp = INTENT, message = INTENT_MESSAGE) String expectedIntent,
      @Size(max = Limits.CLOSE_REASON) @Clean String comment) {}

  record KeepAnswerBody(@NotBlank @Size(max = Limits.NOTE) @Clean String text) {}

  /** A supervisor's decision: APPROVE as an example of {@code intent}, or DISMISS. */
  record DecisionBody(
      @NotNull Decision decision, @Pattern(regexp = INTENT, message = INTENT_MESSAGE) String intent) {}

  enum Decision {
    APPROVE,
    DISMISS
  }

  record DecisionMade(String conversationId, int turn, Decision decision, String intent) {}

  /** A message under review, with why it is here and where its transcript is. */
  record Item(
      String conversationId, int turn, String text, String intent, double confidence, String language,
      String modelVersion, Instant at, List<String> reasons, Flag flag, String transcript) {}

  /**
   * @param intent the intent the messages should have had, as an agent said; {@code null} for
   *     the out-of-scope group and the group nobody has placed yet
   * @param outOfScope the group of messages the bot read as outside what it covers, which no
   *     agent has placed: what customers ask that the bot does not cover
   */
  record Group(String intent, boolean outOfScope, int count, List<Item> items) {}

  record Review(Model model, double lowConfidence, int count, List<Group> groups) {}

  /**
   * The model the bot uses now, and the intents it knows.
   *
   * @param pending examples were approved since it was trained: a new model is on its way
   */
  record Model(
      String version, int examples, int learned, long lastExampleId, List<String> intents, Instant trainedAt,
      boolean pending) {}

  record ExampleAnswers(List<ExampleAnswer> answers) {}

  @GetMapping(path = "/api/v1/conversations/{conversationId}/bot-turns", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "How the bot read each customer message of a conversation, with the model that read it")
  BotTurns turns(@PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId) {
    return new BotTurns(reviews.turns(conversationId).stream().map(BotReviewController::view).toList());
  }

  @PostMapping(
      path = "/api/v1/conversations/{conversationId}/bot-turns/{turn}/flag",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Mark the bot's reading of a message as wrong",
      description = "Optionally with the intent it should have been; flagging again replaces the report. 404 bot-turn-not-found for a message the bot did not read.")
  BotTurnView flag(
      @PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId,
      @PathVariable @Min(1) @Max(1_000_000) int turn,
      @Valid @RequestBody FlagBody body) {
    if (body.expectedIntent() != null) {
      knownIntent(body.expectedIntent());
    }
    String comment = body.comment() == null || body.comment().isBlank() ? null : body.comment().strip();
    if (!reviews.flag(conversationId, turn, Caller.current().name(), body.expectedIntent(), comment)) {
      throw new TurnNotFound(conversationId, turn);
    }
    return reviews.turns(conversationId).stream()
        .filter(t -> t.turn().turn() == turn)
        .map(BotReviewController::view)
        .findFirst()
        .orElseThrow(() -> new TurnNotFound(conversationId, turn));
  }

  @ResponseStatus(HttpStatus.CREATED) // the documented success status (the body is built below)
  @PostMapping(
      path = "/api/v1/conversations/{conversationId}/example-answers",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Keep an agent's resolution note as an example answer for the conversation's intent")
  ResponseEntity<ExampleAnswer> keepAnswer(
      @PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId,
      @Valid @RequestBody KeepAnswerBody body) {
    if (conversations.find(conversationId).isEmpty()) {
      throw new ApiException(
          Problems.CONVERSATION_NOT_FOUND, HttpStatus.NOT_FOUND, "There is no conversation " + conversationId + ".");
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(reviews.keepAnswer(conversationId, body.text().strip(), Caller.current().name()));
  }

  @GetMapping(path = "/api/v1/bot/review", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Messages for the weekly review",
      description =
          "Flagged readings, messages the bot read as outside what it covers (OUT_OF_SCOPE), messages it"
              + " could not place (unknown, or below baton.review.low-confidence), and the unanswered messages of"
              + " conversations escalated for CONFIDENCE_GAP or ELAPSED_TIME; grouped by the intent an agent said"
              + " they should have had, then the out-of-scope ones nobody placed, undecided last.")
  Review review(@RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
    List<ReviewItem> items = reviews.reviewList(lowConfidence, limit);
    Map<GroupKey, List<Item>> byKey = new LinkedHashMap<>();
    for (ReviewItem i : items) {
      boolean outOfScope = i.expectedIntent() == null && i.reasons().contains(OUT_OF_SCOPE);
      byKey.computeIfAbsent(new GroupKey(i.expectedIntent(), outOfScope), k -> new ArrayList<>()).add(item(i));
    }
    List<Group> groups =
        new ArrayList<>(
            byKey.entrySet().stream()
                .map(e -> new Group(e.getKey().intent(), e.getKey().outOfScope(), e.getValue().size(), e.getValue()))
                .toList());
    groups.sort(
        Comparator.comparingInt(BotReviewController::rank)
            .thenComparing(Comparator.comparingInt(Group::count).reversed())
            .thenComparing(g -> g.intent() == null ? "" : g.intent()));
    return new Review(model(), lowConfidence, items.size(), groups);
  }

  private static final String OUT_OF_SCOPE = "OUT_OF_SCOPE";

  private record GroupKey(String intent, boolean outOfScope) {}

  /** Placed by an agent first, then what the bot does not cover, then what nobody placed. */
  private static int rank(Group g) {
    return g.intent() != null ? 0 : g.outOfScope() ? 1 : 2;
  }

  @PostMapping(
      path = "/api/v1/bot/review/{conversationId}/{turn}",
      consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary = "Approve a message as an example of an intent, or dismiss it",
      description =
          "An approved example joins the training set; the worker retrains within seconds (baton.bot.retrain-every)"
              + " and GET /api/v1/bot/model shows the new model. The same decision again is 200;"
              + " another decision on a decided message is 409 review-conflict.")
  DecisionMade decide(
      @PathVariable @Pattern(regexp = Limits.ID, message = Limits.ID_MESSAGE) String conversationId,
      @PathVariable @Min(1) @Max(1_000_000) int turn,
      @Valid @RequestBody DecisionBody body) {
    String intent = null;
    if (body.decision() == Decision.APPROVE) {
      if (body.intent() == null) {
        throw new ApiException(
            Problems.INVALID_REQUEST, HttpStatus.BAD_REQUEST,
            "intent: approving a message needs the intent it is an example of.", Map.of("field", "intent"), null);
      }
      intent = knownIntent(body.intent());
    }
    Decided outcome = reviews.decide(conversationId, turn, intent, Caller.current().name());
    if (outcome == Decided.NOT_FOUND) {
      throw new TurnNotFound(conversationId, turn);
    }
    if (outcome == Decided.CONFLICT) {
      throw new ApiException(
          Problems.REVIEW_CONFLICT, HttpStatus.CONFLICT,
          "Message " + turn + " of " + conversationId + " was already decided otherwise.",
          Map.of("conversationId", conversationId, "turn", turn), null);
    }
    return new DecisionMade(conversationId, turn, body.decision(), intent);
  }

  @GetMapping(path = "/api/v1/bot/model", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "The model the bot uses now, and the intents it knows (404 before a worker has started)")
  Model currentModel() {
    Model model = model();
    if (model == null) {
      throw new ApiException(Problems.NOT_FOUND, HttpStatus.NOT_FOUND, "No worker has reported a model yet.");
    }
    return model;
  }

  @GetMapping(path = "/api/v1/bot/example-answers", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Agents' notes kept as example answers, newest first, for editing answers.yaml")
  ExampleAnswers exampleAnswers(@RequestParam(defaultValue = "200") @Min(1) @Max(1000) int limit) {
    return new ExampleAnswers(reviews.exampleAnswers(limit));
  }

  /** {@code intent} when the bot knows it; 400 unknown-intent otherwise. */
  private String knownIntent(String intent) {
    Model model = model();
    if (model != null && !model.intents().contains(intent)) {
      throw new ApiException(
          Problems.UNKNOWN_INTENT, HttpStatus.BAD_REQUEST,
          "The bot has no intent '" + intent + "'; GET /api/v1/bot/model lists them.", Map.of("intent", intent), null);
    }
    return intent;
  }

  private Model model() {
    return reviews.currentModel().map(m -> model(m, reviews.lastExampleId())).orElse(null);
  }

  private static Model model(ModelRow m, long lastApproved) {
    return new Model(
        m.version(), m.examples(), m.learned(), m.lastExampleId(), m.intents(), m.trainedAt(),
        m.lastExampleId() < lastApproved);
  }

  private static BotTurnView view(TurnWithFlag t) {
    var row = t.turn();
    return new BotTurnView(
        row.conversationId(), row.turn(), row.text(), row.intent(), row.confidence(), row.language(),
        row.modelVersion(), row.answered(), row.tornWith(), row.at(), flag(t.flag()));
  }

  private static Item item(ReviewItem i) {
    var row = i.turn();
    return new Item(
        row.conversationId(), row.turn(), row.text(), row.intent(), row.confidence(), row.language(),
        row.modelVersion(), row.at(), i.reasons(), flag(i.flag()),
        "/api/v1/conversations/" + row.conversationId() + "/messages");
  }

  private static Flag flag(BotReviewStore.Flag f) {
    return f == null ? null : new Flag(f.flaggedBy(), f.expectedIntent(), f.comment(), f.at());
  }

  static final class TurnNotFound extends ApiException {
    private static final long serialVersionUID = 1L;

    TurnNotFound(String conversationId, int turn) {
      super(
          Problems.BOT_TURN_NOT_FOUND, HttpStatus.NOT_FOUND,
          "The bot read no message " + turn + " in conversation " + conversationId + ".",
          Map.of("conversationId", conversationId, "turn", turn), null);
    }
  }
}
