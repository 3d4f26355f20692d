package dev.baton.bot;

import dev.baton.bot.Answers.Answer;
import dev.baton.bot.IntentCatalog.Intent;
import dev.baton.bot.IntentClassifier.Scored;
import dev.baton.bot.LanguageDetection.Detected;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

/**
 * The built-in bot: a classifier trained on the intents' examples reads what the customer wants,
 * with a calibrated probability as its confidence; the answers file says what to reply.
 *
 * <p>Around the classifier, a few rules that keep its mistakes cheap: a message in another
 * language is left to people ({@code other_language}) rather than answered in English; a
 * conversation closes as solved only when the customer says so without a negation or a negative
 * word, and only when the bot is sure enough, else it asks; and a bare answer to the bot's own
 * question ("it's 77712345") continues the intent that asked.
 */
public final class ClassifierBot implements Bot {
  public static final String UNKNOWN_INTENT = "unknown";
  /** A message in a language the bot was not taught. */
  public static final String OTHER_LANGUAGE = "other_language";
  /**
   * The confidence reported with {@code other_language}. Not a calibrated number: the language
   * detector gives a ranking, not a probability; a message it places clearly is rarely wrong.
   */
  private static final double OTHER_LANGUAGE_CONFIDENCE = 0.9;
  /** How sure the bot is that a message which only answers its question belongs to that intent. */
  private static final double FOLLOW_UP_CONFIDENCE = 0.9;
  /** "not fixed", "still doesn't work", "didn't help", "no longer works". */
  private static final Pattern NEGATED =
      Pattern.compile(
          "\\b(not|never|nope|cannot|still|neither|nor)\\b|n't\\b|\\bno longer\\b",
          Pattern.CASE_INSENSITIVE);

  private final IntentCatalog catalog;
  private final Answers answers;
  private final IntentClassifier classifier;
  private final LanguageDetection languages;
  private final FactExtractor facts = new FactExtractor();
  private final Map<String, Intent> intents = new HashMap<>();
  private final Set<String> positive;
  private final Set<String> negative;

  /**
   * Trains the classifier on the catalog's examples while the language models load, side by side
   * (a few seconds each).
   */
  public ClassifierBot(IntentCatalog catalog, Answers answers) {
    answers.check(catalog);
    CompletableFuture<LanguageDetection> languages =
        CompletableFuture.supplyAsync(() -> new LanguageDetection(catalog.settings().languages()));
    this.classifier = IntentClassifier.train(catalog.examples());
    this.languages = languages.join();
    this.catalog = catalog;
    this.answers = answers;
    catalog.intents().forEach(i -> intents.put(i.name(), i));
    this.positive = new HashSet<>(catalog.sentiment().positive());
    this.negative = new HashSet<>(catalog.sentiment().negative());
  }

  @Override
  public BotTurn respond(BotRequest request) {
    String text = request.text() == null ? "" : request.text();
    List<Fact> found = facts.extract(text);
    double sentiment = sentiment(text);
    Optional<Detected> language = languages.detect(text);
    String lang = language.map(Detected::language).orElse(null);

    if (language.isPresent() && !language.get().language().equals(catalog.settings().language())) {
      // The classifier only knows the examples' language: a guess here would be a wrong answer in
      // English. A person reads it, routed by the language.
      return new BotTurn(OTHER_LANGUAGE, OTHER_LANGUAGE_CONFIDENCE, sentiment, found, null, false, false, lang);
    }

    List<Scored> ranked = classifier.rank(text);
    Scored best = ranked.get(0);
    Intent previous = request.previousIntent() == null ? null : intents.get(request.previousIntent());
    if (previous != null && previous.needs() != null && has(found, previous.needs())
        && (best.probability() < catalog.settings().resolveAt() || "greeting".equals(best.intent()))) {
      // The customer answered the bot's question, e.g. with just an order number.
      return answer(intents.get(previous.name()), FOLLOW_UP_CONFIDENCE, sentiment, found, lang);
    }
    Intent intent = intents.get(best.intent());
    if (intent.resolves() && (NEGATED.matcher(text).find() || sentiment < 0)) {
      // "still not resolved", "fixed? no": never a resolution. The best other reading stands.
      best = ranked.stream().filter(s -> !intents.get(s.intent()).resolves()).findFirst().orElseThrow();
      intent = intents.get(best.intent());
    }
    if (best.probability() < catalog.settings().unknownBelow()) {
      return new BotTurn(UNKNOWN_INTENT, best.probability(), sentiment, found, answers.fallback(), false, false, lang);
    }
    if (intent.resolves() && best.probability() < catalog.settings().resolveAt()) {
      return new BotTurn(intent.name(), best.probability(), sentiment, found, answers.confirmResolved(), false, true, lang);
    }
    return answer(intent, best.probability(), sentiment, found, lang);
  }

  private BotTurn answer(Intent intent, double confidence, double sentiment, List<Fact> found, String lang) {
    Answer answer = answers.of(intent.name());
    if (answer == null) {
      // Recognised, but the answers file leaves it to people.
      return new BotTurn(intent.name(), confidence, sentiment, found, null, false, false, lang);
    }
    if (intent.needs() != null && !has(found, intent.needs())) {
      return new BotTurn(intent.name(), confidence, sentiment, found, answer.ask(), false, false, lang);
    }
    Map<String, String> values = new HashMap<>();
    values.put("order", first(found, Fact.Kind.ORDER_NUMBER));
    values.put("amount", first(found, Fact.Kind.AMOUNT));
    values.put("email", first(found, Fact.Kind.EMAIL));
    String reply = Answers.fill(answer.reply(), values);
    return new BotTurn(intent.name(), confidence, sentiment, found, reply, intent.resolves(), true, lang);
  }

  /**
   * -1..1 from the sentiment words: a positive word after a negation counts as negative ("not
   * happy"), "!!" and shouting count against. One negative word (-0.46) stays above the default
   * distress limit of -0.5; two, or one with shouting or "!!", go below it.
   */
  double sentiment(String raw) {
    double score = 0;
    int negatedFor = 0;
    for (String t : TextFeatures.words(raw)) {
      if (positive.contains(t)) {
        score += negatedFor > 0 ? -1 : 1;
      } else if (negative.contains(t)) {
        score -= 1;
      }
      negatedFor = Math.max(0, negatedFor - 1);
      if (t.equals("not") || t.equals("never") || t.equals("no")) {
        negatedFor = 2;
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
    return Math.tanh(score * 0.5);
  }

  private static String first(List<Fact> found, Fact.Kind kind) {
    return found.stream().filter(f -> f.kind() == kind).map(Fact::value).findFirst().orElse("");
  }

  private static boolean has(List<Fact> found, Fact.Kind kind) {
    return found.stream().anyMatch(f -> f.kind() == kind);
  }
}
