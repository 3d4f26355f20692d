package dev.baton.escalation;

import dev.baton.bot.BotTurn;
import dev.baton.bot.Fact;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides, after every bot turn and on the no-progress timer, whether the bot goes on, asks a
 * clarifying question, or steps aside for a person, and why. Pure and deterministic: it runs
 * inside the workflow, on the rules the workflow read through an activity.
 *
 * <p>Rules are checked in a fixed order and the first that applies wins: customer request, bot
 * failure, high value, risk or compliance, distress, capability gap, confidence gap, elapsed
 * turns. A request for a person comes first so it is never argued with; the money and risk rules
 * come before distress so the agent is told the concrete stake, while the summary still carries
 * the sentiment.
 */
public final class EscalationPolicy {
  /** The bot's intent for "let me talk to a person" (the shared catalogue's name). */
  public static final String HUMAN_REQUEST_INTENT = "contact_human_agent";
  /**
   * The same intent's name before the catalogue took the shared names: recorded histories have
   * turns of it, and replay must escalate them as they were.
   */
  static final String HUMAN_REQUEST_INTENT_BEFORE = "human_request";
  /** The bot's intent for a question outside what it covers. */
  public static final String OUT_OF_SCOPE_INTENT = "out_of_scope";
  /** The bot's intent when it recognised nothing. */
  public static final String UNKNOWN_INTENT = "unknown";

  private final EscalationRules rules;
  private final List<Pattern> humanRequest;
  private final List<Pattern> profanity;
  private final List<Pattern> repetition;

  public EscalationPolicy(EscalationRules rules) {
    this.rules = rules;
    this.humanRequest = phrases(rules.humanRequestPhrases());
    this.profanity = phrases(rules.distress().profanity());
    this.repetition = phrases(rules.distress().repetitionMarkers());
  }

  public EscalationRules rules() {
    return rules;
  }

  /** The verdict on one customer message and the bot's turn on it. */
  public Verdict afterTurn(TurnSignals signals) {
    String text = signals.text() == null ? "" : signals.text();
    BotTurn turn = signals.turn();

    Optional<String> asked = firstMatch(humanRequest, text);
    if (asked.isPresent()) {
      return escalate(EscalationReason.CUSTOMER_REQUEST, "The customer asked for a person (\"" + asked.get() + "\").");
    }
    if (turn != null && asksForPerson(turn, signals.customerTier())) {
      return escalate(EscalationReason.CUSTOMER_REQUEST, "The customer asked for a person.");
    }
    if (turn == null) {
      if (signals.botFailuresInRow() >= rules.botFailuresBeforeEscalation()) {
        return escalate(
            EscalationReason.WORKFLOW_EXCEPTION,
            "The bot failed " + signals.botFailuresInRow() + " times in a row.");
      }
      return new Verdict.BotTrouble();
    }

    boolean recognised = !UNKNOWN_INTENT.equals(turn.intent());
    Thresholds limits = rules.thresholds(turn.intent(), signals.customerTier());
    String issue = issue(turn.intent());

    if (turn.tornWith() != null) {
      // Torn between two intents where a wrong guess does harm: the bot's reply asks which one.
      return clarifyOrGiveUp(signals, turn, limits, turn.reply());
    }
    if (recognised && rules.highValueIntents().contains(turn.intent())) {
      Optional<BigDecimal> largest = largestAmount(turn.facts());
      if (largest.isPresent() && largest.get().compareTo(limits.highValueLimit()) > 0) {
        return escalate(
            EscalationReason.HIGH_VALUE,
            issue + " of " + Money.format(largest.get()) + ", above the limit of "
                + Money.format(limits.highValueLimit()) + ".");
      }
    }
    if (recognised && rules.complaintIntents().contains(turn.intent())) {
      return escalate(EscalationReason.COMPLAINT, "The customer has a complaint.");
    }
    if (recognised && rules.sensitiveIntents().contains(turn.intent())) {
      return escalate(EscalationReason.RISK_OR_COMPLIANCE, issue + " is handled by people only.");
    }
    Optional<String> distress = distress(text, turn.sentiment(), limits);
    if (distress.isPresent()) {
      return escalate(EscalationReason.USER_DISTRESS, distress.get());
    }
    boolean confident = recognised && turn.confidence() >= limits.confidence();
    if (confident && turn.reply() == null) {
      return escalate(EscalationReason.CAPABILITY_GAP, "The bot has no answer for " + lower(issue) + ".");
    }
    if (!confident) {
      // Unsure it is out of scope, the bot still says what it covers: the customer can rephrase.
      String question =
          (recognised && !OUT_OF_SCOPE_INTENT.equals(turn.intent())) || turn.reply() == null
              ? rules.copy().clarify().replace("{issue}", lower(issue))
              : turn.reply();
      return clarifyOrGiveUp(signals, turn, limits, question);
    }
    if (OUT_OF_SCOPE_INTENT.equals(turn.intent())
        && signals.turnsWithoutProgress() + 1 >= rules.outOfScopeBeforeEscalation()) {
      return escalate(
          EscalationReason.CAPABILITY_GAP,
          "The customer asked about something the bot does not cover, after "
              + (signals.turnsWithoutProgress() + 1) + " messages without an answer.");
    }
    if (!turn.answered() && signals.turnsWithoutProgress() + 1 > limits.noProgressTurns()) {
      return escalate(
          EscalationReason.ELAPSED_TIME,
          "No answer after " + (signals.turnsWithoutProgress() + 1) + " turns.");
    }
    return new Verdict.Reply(turn.answered());
  }

  /**
   * Whether the bot read a request for a person: sure enough of it to act on (a guess at "speak
   * german" is not a request), or, in histories recorded before the shared catalogue, at any
   * confidence, as those runs decided.
   */
  private boolean asksForPerson(BotTurn turn, String tier) {
    if (HUMAN_REQUEST_INTENT_BEFORE.equals(turn.intent())) {
      return true;
    }
    return HUMAN_REQUEST_INTENT.equals(turn.intent())
        && turn.confidence() >= rules.thresholds(turn.intent(), tier).confidence();
  }

  /** The clarifying {@code question}, or a person when the bot has asked enough of them. */
  private Verdict clarifyOrGiveUp(TurnSignals signals, BotTurn turn, Thresholds limits, String question) {
    if (signals.clarificationsAsked() >= limits.maxClarifications()) {
      return escalate(
          EscalationReason.CONFIDENCE_GAP,
          String.format(
              Locale.ROOT,
              "Still unsure after %d clarifying question%s (confidence %.2f, needs %.2f).",
              signals.clarificationsAsked(),
              signals.clarificationsAsked() == 1 ? "" : "s",
              turn.confidence(),
              limits.confidence()));
    }
    return new Verdict.Clarify(question);
  }

  /**
   * The verdict when the no-progress timer fires: the customer's first unanswered message is
   * {@code waited} old and the bot has not answered it.
   */
  public Verdict.Escalate noProgress(Duration waited) {
    return escalate(
        EscalationReason.ELAPSED_TIME,
        "No answer " + Durations.words(waited) + " after the customer's first unanswered message.");
  }

  /** How long after the first unanswered message the bot gets before a person is brought in. */
  public Duration noProgressAfter(String intent, String tier) {
    return rules.thresholds(intent, tier).noProgressAfter();
  }

  /** The customer pressed "talk to a person". */
  public Verdict.Escalate handoffRequested() {
    return escalate(EscalationReason.CUSTOMER_REQUEST, "The customer pressed \"talk to a person\".");
  }

  /** The one-line name of an intent's problem, for people. */
  public String issue(String intent) {
    String issue = rules.intent(intent).issue();
    if (issue != null) {
      return issue;
    }
    if (intent == null || UNKNOWN_INTENT.equals(intent)) {
      return "An unrecognised request";
    }
    String words = intent.replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private Optional<String> distress(String text, double sentiment, Thresholds limits) {
    Optional<String> swore = firstMatch(profanity, text);
    if (swore.isPresent()) {
      return Optional.of("The customer used strong language.");
    }
    Optional<String> repeated = firstMatch(repetition, text);
    if (repeated.isPresent()) {
      return Optional.of("The customer is repeating themselves (\"" + repeated.get() + "\").");
    }
    if (sentiment < limits.distressSentiment()) {
      return Optional.of(
          String.format(
              Locale.ROOT, "Very negative sentiment (%.2f, limit %.2f).", sentiment, limits.distressSentiment()));
    }
    return Optional.empty();
  }

  private static Optional<BigDecimal> largestAmount(List<Fact> facts) {
    return facts.stream()
        .filter(f -> f.kind() == Fact.Kind.AMOUNT)
        .map(f -> Money.parse(f.value()))
        .flatMap(Optional::stream)
        .max(BigDecimal::compareTo);
  }

  private static Verdict.Escalate escalate(EscalationReason reason, String detail) {
    return new Verdict.Escalate(reason, detail);
  }

  private static String lower(String issue) {
    return issue.isEmpty() ? issue : Character.toLowerCase(issue.charAt(0)) + issue.substring(1);
  }

  /** Whole-word, case-insensitive matchers; "agent" matches "an agent!" but not "agents'" stems. */
  private static List<Pattern> phrases(List<String> phrases) {
    return phrases.stream()
        .map(p -> Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(p.toLowerCase(Locale.ROOT)).replace(" ", "\\E\\s+\\Q") + "(?![\\p{L}\\p{N}])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
        .toList();
  }

  private static Optional<String> firstMatch(List<Pattern> patterns, String text) {
    String normalized = text.replace('’', '\'');
    for (Pattern p : patterns) {
      var m = p.matcher(normalized);
      if (m.find()) {
        return Optional.of(m.group());
      }
    }
    return Optional.empty();
  }
}
