package dev.baton.bot;

import dev.baton.bot.IntentCatalog.Intent;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A bot driven by an {@link IntentCatalog}: it scores every intent by the phrases (2 points) and
 * words (1 point) found in the message, answers with the best one, and reports how clearly it
 * won as the confidence. Good enough to run Baton end to end; a trained classifier can replace
 * it behind the {@link Bot} port.
 */
public final class CatalogBot implements Bot {
  public static final String UNKNOWN_INTENT = "unknown";
  private static final double MAX_CONFIDENCE = 0.97;

  private final IntentCatalog catalog;
  private final FactExtractor facts = new FactExtractor();
  private final Set<String> positive;
  private final Set<String> negative;

  public CatalogBot(IntentCatalog catalog) {
    this.catalog = catalog;
    this.positive = new HashSet<>(catalog.sentiment().positive());
    this.negative = new HashSet<>(catalog.sentiment().negative());
  }

  @Override
  public BotTurn respond(BotRequest request) {
    String text = normalize(request.text());
    List<String> tokens = List.of(text.split(" "));
    List<Fact> found = facts.extract(request.text());
    double sentiment = sentiment(request.text(), tokens);

    Intent best = null;
    int bestScore = 0;
    int secondScore = 0;
    for (Intent intent : catalog.intents()) {
      int score = score(intent, text, tokens);
      if (score > bestScore) {
        secondScore = bestScore;
        bestScore = score;
        best = intent;
      } else if (score > secondScore) {
        secondScore = score;
      }
    }

    if (best == null) {
      Intent previous = find(request.previousIntent());
      if (previous != null && previous.needs() != null && has(found, previous.needs())) {
        // The customer answered the bot's question, e.g. with just an order number.
        return answer(previous, 0.8, sentiment, found);
      }
      return new BotTurn(UNKNOWN_INTENT, 0.0, sentiment, found, catalog.fallback().reply(), false, false);
    }
    double confidence =
        Math.min(MAX_CONFIDENCE, 0.5 + 0.15 * bestScore + 0.1 * (bestScore - secondScore));
    return answer(best, confidence, sentiment, found);
  }

  private BotTurn answer(Intent intent, double confidence, double sentiment, List<Fact> found) {
    if (intent.reply() == null) {
      // Recognised, but the catalog leaves it to people.
      return new BotTurn(intent.name(), confidence, sentiment, found, null, false, false);
    }
    if (intent.needs() != null && !has(found, intent.needs())) {
      return new BotTurn(intent.name(), confidence, sentiment, found, intent.ask(), false, false);
    }
    String order =
        found.stream()
            .filter(f -> f.kind() == Fact.Kind.ORDER_NUMBER)
            .map(Fact::value)
            .findFirst()
            .orElse("");
    String reply = intent.reply().replace("{order}", order);
    return new BotTurn(intent.name(), confidence, sentiment, found, reply, intent.resolves(), true);
  }

  private static int score(Intent intent, String text, List<String> tokens) {
    int score = 0;
    for (String phrase : intent.phrases()) {
      if (text.contains(normalize(phrase))) {
        score += 2;
      }
    }
    for (String word : intent.words()) {
      if (tokens.stream().anyMatch(t -> matches(t, word))) {
        score += 1;
      }
    }
    return score;
  }

  /** Long words also match their inflections: "refund" finds "refunded". */
  private static boolean matches(String token, String word) {
    return token.equals(word) || (word.length() >= 5 && token.startsWith(word));
  }

  private double sentiment(String raw, List<String> tokens) {
    double score = 0;
    for (String t : tokens) {
      if (positive.contains(t)) {
        score += 1;
      } else if (negative.contains(t)) {
        score -= 1;
      }
    }
    if (raw.contains("!!")) {
      score -= 0.5;
    }
    long letters = raw.chars().filter(Character::isLetter).count();
    long upper = raw.chars().filter(Character::isUpperCase).count();
    if (letters >= 8 && upper * 10 >= letters * 8) {
      score -= 1; // SHOUTING
    }
    // One negative word (-0.46) stays above the default distress limit of -0.5; two, or one with
    // shouting or "!!", go below it.
    return Math.tanh(score * 0.5);
  }

  private Intent find(String name) {
    return name == null
        ? null
        : catalog.intents().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
  }

  private static boolean has(List<Fact> found, Fact.Kind kind) {
    return found.stream().anyMatch(f -> f.kind() == kind);
  }

  static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT)
        .replace('’', '\'')
        .replaceAll("[^\\p{L}\\p{N}'#@.$€£-]+", " ")
        .replaceAll("(?<!\\d)[.](?!\\d)", " ")
        .trim()
        .replaceAll(" +", " ");
  }
}
