package dev.baton.escalation;

import dev.baton.bot.Fact;
import java.util.ArrayList;
import java.util.List;

/**
 * What the workflow collects, turn by turn, for the handoff summary. Bounded, because it is
 * carried across continue-as-new: the transcript itself stays in PostgreSQL.
 *
 * @param firstMessage the customer's first message about their problem (greetings skipped)
 * @param facts distinct facts, oldest first
 * @param attempts what the bot answered or asked, oldest first
 * @param sentiments the sentiment of the most recent customer messages, oldest first
 */
public record Dossier(
    String firstMessage, List<Fact> facts, List<String> attempts, List<Double> sentiments) {
  static final int MAX_FACTS = 20;
  static final int MAX_ATTEMPTS = 8;
  static final int MAX_SENTIMENTS = 5;
  static final int MAX_TEXT = 160;

  public static final Dossier EMPTY = new Dossier(null, List.of(), List.of(), List.of());

  public Dossier {
    facts = facts == null ? List.of() : List.copyOf(facts);
    attempts = attempts == null ? List.of() : List.copyOf(attempts);
    sentiments = sentiments == null ? List.of() : List.copyOf(sentiments);
  }

  /** This dossier with one more customer message and the bot's reading of it. */
  public Dossier withMessage(String text, boolean aboutTheProblem, List<Fact> found, double sentiment) {
    String first = firstMessage == null && aboutTheProblem ? clip(PaymentData.mask(text)) : firstMessage;
    List<Fact> allFacts = new ArrayList<>(facts);
    for (Fact fact : found) {
      Fact safe = new Fact(fact.kind(), PaymentData.mask(fact.value()));
      if (!allFacts.contains(safe) && allFacts.size() < MAX_FACTS) {
        allFacts.add(safe);
      }
    }
    return new Dossier(first, allFacts, attempts, last(append(sentiments, sentiment), MAX_SENTIMENTS));
  }

  /** This dossier with one more thing the bot said ("Answered: …" or "Asked: …"). */
  public Dossier withAttempt(String attempt) {
    return new Dossier(firstMessage, facts, last(append(attempts, clip(PaymentData.mask(attempt))), MAX_ATTEMPTS), sentiments);
  }

  static String clip(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_TEXT ? oneLine : oneLine.substring(0, MAX_TEXT - 1) + "…";
  }

  private static <T> List<T> append(List<T> list, T item) {
    List<T> out = new ArrayList<>(list);
    out.add(item);
    return out;
  }

  private static <T> List<T> last(List<T> list, int n) {
    return list.size() <= n ? list : list.subList(list.size() - n, list.size());
  }
}
