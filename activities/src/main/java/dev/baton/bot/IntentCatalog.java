package dev.baton.bot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.baton.bot.IntentClassifier.Example;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The built-in bot's intents, each defined by example messages, as read from a YAML file (see
 * bot/intents.yaml): what the classifier is trained on, and how the bot reads what it finds.
 */
public record IntentCatalog(Settings settings, List<Intent> intents, Sentiment sentiment, List<Source> sources) {

  /**
   * How sure the bot must be.
   *
   * @param unknownBelow below this probability the best guess is reported as {@code unknown}
   * @param resolveAt a conversation closes as solved only at or above this probability
   * @param language the language the examples are written in (ISO 639-1)
   * @param languages the languages the bot tells apart; a message in another one of them is
   *     {@code other_language}
   * @param destructivePairs intents between which a wrong guess does harm (closing an account for
   *     opening one): when the reading is torn between the two of a pair, the bot asks
   * @param tornAt the reading is torn when the runner-up of such a pair is at least this likely
   * @param outOfScopeAt a message is out of scope only when {@code out_of_scope} is at least this
   *     likely; below, the likeliest support intent is the reading, at its own probability
   */
  public record Settings(
      Double unknownBelow,
      Double resolveAt,
      String language,
      List<String> languages,
      List<List<String>> destructivePairs,
      Double tornAt,
      Double outOfScopeAt) {
    public Settings {
      unknownBelow = unknownBelow == null ? 0.3 : unknownBelow;
      resolveAt = resolveAt == null ? 0.85 : resolveAt;
      language = language == null ? "en" : language;
      languages = languages == null ? List.of(language) : List.copyOf(languages);
      destructivePairs = destructivePairs == null ? List.of() : destructivePairs.stream().map(List::copyOf).toList();
      tornAt = tornAt == null ? 0.2 : tornAt;
      outOfScopeAt = outOfScopeAt == null ? 0.5 : outOfScopeAt;
      for (double p : new double[] {unknownBelow, resolveAt, tornAt, outOfScopeAt}) {
        if (p < 0 || p > 1) {
          throw new IllegalArgumentException(
              "Intent catalog: settings.unknownBelow, .resolveAt, .tornAt and .outOfScopeAt must be within 0..1");
        }
      }
      for (List<String> pair : destructivePairs) {
        if (pair.size() != 2 || pair.get(0).equals(pair.get(1))) {
          throw new IllegalArgumentException("Intent catalog: each of settings.destructivePairs names two different intents, was " + pair);
        }
      }
      if (!languages.contains(language)) {
        throw new IllegalArgumentException("Intent catalog: settings.languages must include settings.language '" + language + "'");
      }
    }
  }

  /**
   * One thing customers ask about.
   *
   * @param needs a fact the answer depends on; the bot asks for it until it has it
   * @param resolves the customer saying their problem is solved
   * @param examples messages that mean this intent, to train on; none for intents the bot sets
   *     by other means ({@code other_language})
   */
  public record Intent(String name, String category, Fact.Kind needs, boolean resolves, List<String> examples) {
    public Intent {
      examples = examples == null ? List.of() : List.copyOf(examples);
    }
  }

  /**
   * A file of labelled messages to train on besides the intents' own examples: a CSV with the
   * columns {@code instruction} and {@code intent} (others are ignored), such as the shared support
   * data, or negative examples that all become one intent.
   *
   * @param file a resource ({@code classpath:bot/data/...} or {@code file:...}); a bare path is
   *     on the classpath
   * @param intent every row becomes this intent, whatever its own; {@code null} keeps each row's
   * @param split only rows whose {@code split} column has this value
   * @param include only rows of these (the file's own) intents; all when empty
   * @param exclude rows of these (the file's own) intents are left out
   * @param perIntent at most this many rows of each of the file's intents, chosen by a hash of
   *     their text (the same rows on every machine); {@code null} for all
   */
  public record Source(
      String file, String intent, String split, List<String> include, List<String> exclude, Integer perIntent) {
    public Source {
      if (file == null || file.isBlank()) {
        throw new IllegalArgumentException("Intent catalog: every source needs a file");
      }
      include = include == null ? List.of() : List.copyOf(include);
      exclude = exclude == null ? List.of() : List.copyOf(exclude);
      if (perIntent != null && perIntent < 1) {
        throw new IllegalArgumentException("Intent catalog: sources[].perIntent must be 1 or more, was " + perIntent);
      }
    }
  }

  /** Words that show how the customer feels. */
  public record Sentiment(List<String> positive, List<String> negative) {
    public Sentiment {
      positive = positive == null ? List.of() : List.copyOf(positive);
      negative = negative == null ? List.of() : List.copyOf(negative);
    }
  }

  public IntentCatalog {
    settings = settings == null ? new Settings(null, null, null, null, null, null, null) : settings;
    sources = sources == null ? List.of() : List.copyOf(sources);
    if (intents == null || intents.isEmpty()) {
      throw new IllegalArgumentException("Intent catalog: at least one intent is required");
    }
    Set<String> names = new HashSet<>();
    int trained = 0;
    for (Intent intent : intents) {
      if (intent.name() == null || intent.name().isBlank()) {
        throw new IllegalArgumentException("Intent catalog: every intent needs a name");
      }
      if (!names.add(intent.name())) {
        throw new IllegalArgumentException("Intent catalog: intent " + intent.name() + " is listed twice");
      }
      if (!intent.examples().isEmpty()) {
        trained++;
      }
    }
    if (trained + sources.size() < 2) {
      throw new IllegalArgumentException("Intent catalog: at least two intents need examples");
    }
    for (List<String> pair : settings.destructivePairs()) {
      for (String name : pair) {
        if (!names.contains(name)) {
          throw new IllegalArgumentException("Intent catalog: settings.destructivePairs names " + name + ", which is not an intent");
        }
      }
    }
    sentiment = sentiment == null ? new Sentiment(List.of(), List.of()) : sentiment;
  }

  /** The names of every intent, for checking configuration that refers to them. */
  public Set<String> intentNames() {
    Set<String> names = new HashSet<>();
    intents.forEach(i -> names.add(i.name()));
    names.add(ClassifierBot.OTHER_LANGUAGE);
    return Set.copyOf(names);
  }

  /** The intents' own examples (without the sources'), labelled with their intent. */
  public List<Example> examples() {
    List<Example> all = new ArrayList<>();
    intents.forEach(i -> i.examples().forEach(text -> all.add(new Example(text, i.name()))));
    return all;
  }

  /** Whether {@code a} and {@code b} are the two intents of a destructive pair. */
  public boolean destructive(String a, String b) {
    return settings.destructivePairs().stream().anyMatch(p -> p.contains(a) && p.contains(b) && !a.equals(b));
  }

  public static IntentCatalog read(InputStream yaml) {
    ObjectMapper mapper =
        new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    try {
      return mapper.readValue(yaml, IntentCatalog.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the intent catalog: " + e.getMessage(), e);
    }
  }
}
