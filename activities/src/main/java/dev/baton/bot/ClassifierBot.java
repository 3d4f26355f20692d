package dev.baton.bot;

import dev.baton.bot.Answers.Answer;
import dev.baton.bot.IntentCatalog.Intent;
import dev.baton.bot.IntentClassifier.Example;
import dev.baton.bot.IntentClassifier.Scored;
import dev.baton.bot.LanguageDetection.Detected;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

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
  /** A question outside what the bot covers. */
  public static final String OUT_OF_SCOPE = "out_of_scope";
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
  /** How many times an approved example counts in training. */
  static final int LEARNED_WEIGHT = 3;
  private static final Pattern NEGATED =
      Pattern.compile(
          "\\b(not|never|nope|cannot|still|neither|nor)\\b|n't\\b|\\bno longer\\b",
          Pattern.CASE_INSENSITIVE);

  private final IntentCatalog catalog;
  private final Answers answers;
  private final AnswerVariables variables;
  /** Replaced whole when the bot retrains; a turn reads it once, so it uses one model throughout. */
  private volatile Model model;
  private final LanguageDetection languages;
  private final FactExtractor facts = new FactExtractor();
  private final Map<String, Intent> intents = new HashMap<>();
  private final Set<String> positive;
  private final Set<String> negative;

  /**
   * A trained classifier and the version that names it in every turn it reads.
   *
   * @param version {@link TrainingSet#version} of the examples it learned from
   * @param examples how many examples it learned from
   * @param learned how many of its examples came from approved reviews rather than the catalog
   */
  public record Model(IntentClassifier classifier, String version, int examples, int learned) {
    private static final String FORMAT = "baton-bot-model-1";

    /** The model as bytes (gzipped), as the build writes it into the jar and the store keeps it. */
    public byte[] toBytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (DataOutputStream data = new DataOutputStream(new GZIPOutputStream(out))) {
        data.writeUTF(FORMAT);
        data.writeUTF(version);
        data.writeInt(examples);
        data.writeInt(learned);
        byte[] model = classifier.toBytes();
        data.writeInt(model.length);
        data.write(model);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the bot model", e);
      }
      return out.toByteArray();
    }

    /** A model {@link #toBytes} wrote. */
    public static Model read(byte[] bytes) {
      try (DataInputStream data = new DataInputStream(new GZIPInputStream(new ByteArrayInputStream(bytes)))) {
        String format = data.readUTF();
        if (!FORMAT.equals(format)) {
          throw new IllegalArgumentException("Not a bot model of this Baton: format " + format);
        }
        String version = data.readUTF();
        int examples = data.readInt();
        int learned = data.readInt();
        byte[] model = new byte[data.readInt()];
        data.readFully(model);
        return new Model(IntentClassifier.read(model), version, examples, learned);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the bot model", e);
      }
    }
  }

  /** Values for the answers' variables that depend on the queue an answer names (its hours). */
  public interface AnswerVariables {
    AnswerVariables NONE = queue -> Map.of();

    Map<String, String> of(String queue);
  }

  /** A bot whose answers use only the variables found in the message, trained on the catalog. */
  public ClassifierBot(IntentCatalog catalog, Answers answers) {
    this(catalog, answers, AnswerVariables.NONE, (Model) null);
  }

  /**
   * A bot that reads with {@code model}, which must have been trained on the catalog's training
   * set (a model built ahead, or one from the store), or, when it is {@code null}, with a model
   * trained here on the catalog's training set.
   */
  public ClassifierBot(IntentCatalog catalog, Answers answers, AnswerVariables variables, Model model) {
    this(catalog, answers, variables, () -> model);
  }

  /**
   * A bot that reads with the model {@code model} finds (or, when it finds none, one trained
   * here), found while the language models load, side by side: each takes a second or two.
   */
  public ClassifierBot(IntentCatalog catalog, Answers answers, AnswerVariables variables, Supplier<Model> model) {
    answers.check(catalog);
    CompletableFuture<LanguageDetection> languages =
        CompletableFuture.supplyAsync(() -> new LanguageDetection(catalog.settings().languages()));
    this.catalog = catalog;
    Model found = model.get();
    this.model = found != null ? found : train(catalog, List.of());
    this.languages = languages.join();
    this.answers = answers;
    this.variables = variables;
    catalog.intents().forEach(i -> intents.put(i.name(), i));
    this.positive = new HashSet<>(catalog.sentiment().positive());
    this.negative = new HashSet<>(catalog.sentiment().negative());
  }

  /** The model the next turn uses. */
  public Model model() {
    return model;
  }

  /**
   * Trains a new model on the catalog's training set and {@code learned} examples (approved from
   * reviews), and puts it in place for the next turn; turns under way finish with the old one.
   */
  public Model retrain(List<Example> learned) {
    return use(train(catalog, learned));
  }

  /** Puts {@code next} in place for the next turn (a model another worker trained, say). */
  public Model use(Model next) {
    model = next;
    return next;
  }

  /**
   * The training set of a model on the catalog and {@code learned} examples: the catalog's own
   * and its sources', then the learned ones of intents the catalog has, each {@link
   * #LEARNED_WEIGHT} times: an example a person approved is a real customer's words, so one
   * approval is enough for the model to read that message as its intent.
   */
  static TrainingData trainingData(IntentCatalog catalog, List<Example> learned) {
    List<Example> known = learned.stream().filter(e -> catalog.intentNames().contains(e.intent())).toList();
    List<Example> all = new ArrayList<>(TrainingSet.of(catalog));
    for (int i = 0; i < LEARNED_WEIGHT; i++) {
      all.addAll(known);
    }
    return new TrainingData(all, known.size(), TrainingSet.version(all));
  }

  /** What a model learns from, and the version it will have. */
  record TrainingData(List<Example> examples, int learned, String version) {}

  /** Trains a model on the catalog and {@code learned} examples ({@link #trainingData}). */
  public static Model train(IntentCatalog catalog, List<Example> learned) {
    TrainingData data = trainingData(catalog, learned);
    return new Model(IntentClassifier.train(data.examples()), data.version(), data.examples().size(), data.learned());
  }

  @Override
  public BotTurn respond(BotRequest request) {
    Model current = model;
    return read(request, current).withModelVersion(current.version());
  }

  private BotTurn read(BotRequest request, Model current) {
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

    List<Scored> ranked = current.classifier().rank(text);
    Scored best = ranked.get(0);
    if (OUT_OF_SCOPE.equals(best.intent())
        && best.probability() < catalog.settings().outOfScopeAt()
        && ranked.get(1).probability() >= catalog.settings().unknownBelow()) {
      // Not clearly outside what the bot covers, and a support reading is plausible: it stands, at
      // its own (low) probability, so the thresholds have the bot ask rather than turn the
      // customer away.
      best = ranked.get(1);
    }
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
    String top = best.intent();
    Scored runnerUp = ranked.stream().filter(s -> !s.intent().equals(top)).findFirst().orElse(null);
    if (runnerUp != null
        && runnerUp.probability() >= catalog.settings().tornAt()
        && catalog.destructive(best.intent(), runnerUp.intent())) {
      // A wrong guess here does harm (closing an account for opening one): ask instead.
      return BotTurn.torn(
          best.intent(), runnerUp.intent(), best.probability(), sentiment, found,
          answers.question(best.intent(), runnerUp.intent()), lang);
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
    if (answer.queue() != null) {
      values.putAll(variables.of(answer.queue()));
    }
    String reply = Answers.fill(answer.reply(), values);
    // Saying what the bot does not cover answers nothing: the no-progress rules count it.
    boolean answers = !OUT_OF_SCOPE.equals(intent.name());
    return new BotTurn(intent.name(), confidence, sentiment, found, reply, intent.resolves(), answers, lang);
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
