package dev.baton.store.review;

import dev.baton.store.StoreText;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review loop's tables ({@code bot_turns}, {@code bot_turn_flags}, {@code bot_turn_reviews},
 * {@code training_examples}, {@code example_answers}, {@code bot_models}): the worker records how
 * the bot read each message and the models it trains; agents flag misreadings and keep notes;
 * supervisors review and approve examples, which the worker then learns from.
 */
public class BotReviewStore {
  /** The escalation reasons whose conversations come up for review: the bot could not help. */
  public static final List<String> REVIEWED_ESCALATIONS = List.of("CONFIDENCE_GAP", "ELAPSED_TIME");
  /** The bot's reading of a question outside what it covers: what customers ask that it does not cover. */
  public static final String OUT_OF_SCOPE = "out_of_scope";

  private static final String TURN_COLUMNS =
      "t.conversation_id, t.turn, t.text, t.intent, t.confidence, t.language, t.model_version, t.answered, t.torn_with,"
          + " t.created_at";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public BotReviewStore(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /**
   * How the bot read one customer message.
   *
   * @param turn the conversation's customer message number, 1 for the first
   * @param modelVersion the model that read it; {@code null} for bots without one
   * @param answered the bot's reply answered the request
   * @param tornWith the other intent of a destructive pair when the bot asked which of the two the
   *     customer meant ({@code intent} is the likelier); {@code null} when it did not ask
   */
  public record BotTurnRow(
      String conversationId, int turn, String text, String intent, double confidence, String language,
      String modelVersion, boolean answered, String tornWith, Instant at) {}

  /** A turn with what an agent said about it, as the console shows it. */
  public record TurnWithFlag(BotTurnRow turn, Flag flag) {}

  /** An agent's report that the bot misread a message. */
  public record Flag(String flaggedBy, String expectedIntent, String comment, Instant at) {}

  /**
   * A message waiting for a supervisor's decision.
   *
   * @param reasons why it is here: {@code FLAGGED}, {@code OUT_OF_SCOPE} (read as a question
   *     outside what the bot covers), {@code UNPLACED} (unknown or low confidence), or the
   *     conversation's escalation reason ({@code CONFIDENCE_GAP}, {@code ELAPSED_TIME})
   * @param flag the agent's report, when there is one
   */
  public record ReviewItem(BotTurnRow turn, List<String> reasons, Flag flag) {
    /** The intent the message should have had, when someone said so. */
    public String expectedIntent() {
      return flag == null ? null : flag.expectedIntent();
    }
  }

  /** A learned example, in the order approved. */
  public record Example(long id, String text, String intent) {}

  /**
   * A model a worker trained.
   *
   * @param examples how many examples it was trained on, approved ones counted as often as they weigh
   * @param learned how many approved examples it includes
   * @param lastExampleId the newest approved example it includes; 0 for none
   * @param intents the intents it knows, for checking the intents people name
   */
  public record ModelRow(
      String version, int examples, int learned, long lastExampleId, List<String> intents, Instant trainedAt) {}

  /** An agent's note, kept as an example answer for the conversation's intent. */
  public record ExampleAnswer(long id, String conversationId, String intent, String text, String keptBy, Instant keptAt) {}

  /** What became of a decision. */
  public enum Decided {
    /** Recorded now, or already recorded just so. */
    DONE,
    /** No such bot turn. */
    NOT_FOUND,
    /** The turn was already decided otherwise. */
    CONFLICT
  }

  /** Records (or, for a retried turn, rewrites) how the bot read a message. */
  public void recordTurn(BotTurnRow row) {
    jdbc.update(
        """
        insert into bot_turns (conversation_id, turn, text, intent, confidence, language, model_version, answered, torn_with)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
        on conflict (conversation_id, turn) do update set
            text = excluded.text, intent = excluded.intent, confidence = excluded.confidence,
            language = excluded.language, model_version = excluded.model_version,
            answered = excluded.answered, torn_with = excluded.torn_with, created_at = now()""",
        row.conversationId(), row.turn(), StoreText.repair(row.text()), row.intent(), row.confidence(),
        row.language(), row.modelVersion(), row.answered(), row.tornWith());
  }

  /** A conversation's bot turns, first first, with any flag. */
  public List<TurnWithFlag> turns(String conversationId) {
    return jdbc.query(
        "select " + TURN_COLUMNS + ", f.flagged_by, f.expected_intent, f.comment, f.flagged_at"
            + " from bot_turns t left join bot_turn_flags f using (conversation_id, turn)"
            + " where t.conversation_id = ? order by t.turn",
        (rs, i) -> new TurnWithFlag(turn(rs), flag(rs)),
        conversationId);
  }

  /** Flags a turn as misread (again: the latest report wins); false when there is no such turn. */
  public boolean flag(String conversationId, int turn, String by, String expectedIntent, String comment) {
    return jdbc.update(
            """
            insert into bot_turn_flags (conversation_id, turn, flagged_by, expected_intent, comment)
            select conversation_id, turn, ?, ?, ? from bot_turns where conversation_id = ? and turn = ?
            on conflict (conversation_id, turn) do update set
                flagged_by = excluded.flagged_by, expected_intent = excluded.expected_intent,
                comment = excluded.comment, flagged_at = now()""",
            by, expectedIntent, comment, conversationId, turn)
        > 0;
  }

  /**
   * The messages not yet decided that need a person's eye, newest first: flagged ones, ones the
   * bot read as outside what it covers, ones it could not place (intent {@code unknown}, or below
   * {@code lowConfidence}), and the unanswered ones of conversations escalated for {@link
   * #REVIEWED_ESCALATIONS}.
   */
  public List<ReviewItem> reviewList(double lowConfidence, int limit) {
    return jdbc.query(
        "select " + TURN_COLUMNS + ", f.flagged_by, f.expected_intent, f.comment, f.flagged_at,"
            + " c.escalation_reason"
            + " from bot_turns t"
            + " left join bot_turn_flags f using (conversation_id, turn)"
            + " left join bot_turn_reviews r using (conversation_id, turn)"
            + " left join conversations c on c.conversation_id = t.conversation_id"
            + " where r.decision is null and (f.turn is not null"
            + "   or t.intent = ? or t.intent = 'unknown' or t.confidence < ?"
            + "   or (c.escalation_reason = any (?) and not t.answered))"
            + " order by t.created_at desc, t.turn desc limit ?",
        (rs, i) -> {
          BotTurnRow row = turn(rs);
          Flag flag = flag(rs);
          List<String> reasons = new ArrayList<>();
          if (flag != null) {
            reasons.add("FLAGGED");
          }
          if (OUT_OF_SCOPE.equals(row.intent())) {
            reasons.add("OUT_OF_SCOPE");
          }
          if ("unknown".equals(row.intent()) || row.confidence() < lowConfidence) {
            reasons.add("UNPLACED");
          }
          String escalation = rs.getString("escalation_reason");
          if (escalation != null && REVIEWED_ESCALATIONS.contains(escalation) && !row.answered()) {
            reasons.add(escalation);
          }
          return new ReviewItem(row, List.copyOf(reasons), flag);
        },
        OUT_OF_SCOPE, lowConfidence, REVIEWED_ESCALATIONS.toArray(String[]::new), limit);
  }

  /**
   * Approves a turn as an example of {@code intent} (it joins the training set) or, with a
   * {@code null} intent, dismisses it. Deciding the same way again changes nothing.
   */
  public Decided decide(String conversationId, int turn, String intent, String by) {
    String decision = intent == null ? "DISMISSED" : "APPROVED";
    return tx.execute(
        status -> {
          List<String> text =
              jdbc.queryForList(
                  "select text from bot_turns where conversation_id = ? and turn = ? for update",
                  String.class, conversationId, turn);
          if (text.isEmpty()) {
            return Decided.NOT_FOUND;
          }
          int inserted =
              jdbc.update(
                  """
                  insert into bot_turn_reviews (conversation_id, turn, decision, intent, decided_by)
                  values (?, ?, ?, ?, ?) on conflict (conversation_id, turn) do nothing""",
                  conversationId, turn, decision, intent, by);
          if (inserted == 0) {
            Integer same =
                jdbc.queryForObject(
                    "select count(*) from bot_turn_reviews where conversation_id = ? and turn = ?"
                        + " and decision = ? and intent is not distinct from ?",
                    Integer.class, conversationId, turn, decision, intent);
            return same != null && same > 0 ? Decided.DONE : Decided.CONFLICT;
          }
          if (intent != null) {
            jdbc.update(
                "insert into training_examples (text, intent, conversation_id, turn, approved_by) values (?, ?, ?, ?, ?)",
                text.get(0), intent, conversationId, turn, by);
          }
          return Decided.DONE;
        });
  }

  /** Every approved example, oldest first. */
  public List<Example> examples() {
    return jdbc.query(
        "select id, text, intent from training_examples order by id",
        (rs, i) -> new Example(rs.getLong("id"), rs.getString("text"), rs.getString("intent")));
  }

  /** The newest approved example's id; 0 when there is none. */
  public long lastExampleId() {
    Long id = jdbc.queryForObject("select coalesce(max(id), 0) from training_examples", Long.class);
    return id == null ? 0 : id;
  }

  /**
   * Records that the workers now use {@code model}: trained just now, or in use again (after an
   * upgrade went back to an earlier catalogue, or when newer approved examples changed nothing).
   */
  public void recordModel(ModelRow model) {
    jdbc.update(
        """
        insert into bot_models (version, examples, learned, last_example_id, intents)
        values (?, ?, ?, ?, ?)
        on conflict (version) do update set trained_at = now(),
            last_example_id = greatest(bot_models.last_example_id, excluded.last_example_id)""",
        model.version(), model.examples(), model.learned(), model.lastExampleId(),
        model.intents().toArray(String[]::new));
  }

  /** The model trained last: the one the next turn uses. */
  public Optional<ModelRow> currentModel() {
    return jdbc.query(
            "select * from bot_models order by trained_at desc, last_example_id desc limit 1",
            (rs, i) ->
                new ModelRow(
                    rs.getString("version"), rs.getInt("examples"), rs.getInt("learned"),
                    rs.getLong("last_example_id"), strings(rs.getArray("intents")),
                    rs.getTimestamp("trained_at").toInstant()))
        .stream()
        .findFirst();
  }

  /** Keeps an agent's note as an example answer for the conversation's current intent. */
  public ExampleAnswer keepAnswer(String conversationId, String text, String by) {
    return jdbc.queryForObject(
        """
        insert into example_answers (conversation_id, intent, text, kept_by)
        values (?, (select intent from conversations where conversation_id = ?), ?, ?)
        returning id, conversation_id, intent, text, kept_by, kept_at""",
        (rs, i) -> exampleAnswer(rs),
        conversationId, conversationId, StoreText.repair(text), by);
  }

  /** Kept example answers, newest first. */
  public List<ExampleAnswer> exampleAnswers(int limit) {
    return jdbc.query(
        "select id, conversation_id, intent, text, kept_by, kept_at from example_answers order by kept_at desc, id desc limit ?",
        (rs, i) -> exampleAnswer(rs),
        limit);
  }

  private static ExampleAnswer exampleAnswer(ResultSet rs) throws SQLException {
    return new ExampleAnswer(
        rs.getLong("id"), rs.getString("conversation_id"), rs.getString("intent"), rs.getString("text"),
        rs.getString("kept_by"), rs.getTimestamp("kept_at").toInstant());
  }

  private static BotTurnRow turn(ResultSet rs) throws SQLException {
    return new BotTurnRow(
        rs.getString("conversation_id"), rs.getInt("turn"), rs.getString("text"), rs.getString("intent"),
        rs.getDouble("confidence"), rs.getString("language"), rs.getString("model_version"),
        rs.getBoolean("answered"), rs.getString("torn_with"), rs.getTimestamp("created_at").toInstant());
  }

  private static Flag flag(ResultSet rs) throws SQLException {
    Timestamp at = rs.getTimestamp("flagged_at");
    return at == null
        ? null
        : new Flag(rs.getString("flagged_by"), rs.getString("expected_intent"), rs.getString("comment"), at.toInstant());
  }

  private static List<String> strings(Array array) throws SQLException {
    return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
  }
}
