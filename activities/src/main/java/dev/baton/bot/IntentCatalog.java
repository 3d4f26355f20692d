package dev.baton.bot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The built-in bot's intents and answers, as read from a YAML file (see bot/intents.yaml). */
public record IntentCatalog(Fallback fallback, List<Intent> intents, Sentiment sentiment) {

  /** What the bot says when no intent matches. */
  public record Fallback(String reply) {}

  /**
   * One thing customers ask about.
   *
   * @param needs a fact the answer depends on; the bot asks with {@code ask} until it has it
   * @param reply the answer; {@code {order}} is replaced by the order number the customer gave
   */
  public record Intent(
      String name,
      String category,
      List<String> phrases,
      List<String> words,
      Fact.Kind needs,
      String ask,
      String reply,
      boolean resolves) {
    public Intent {
      phrases = phrases == null ? List.of() : List.copyOf(phrases);
      words = words == null ? List.of() : List.copyOf(words);
    }
  }

  /** Words that show how the customer feels. */
  public record Sentiment(List<String> positive, List<String> negative) {}

  public IntentCatalog {
    if (fallback == null || fallback.reply() == null) {
      throw new IllegalArgumentException("Intent catalog: fallback.reply is required");
    }
    if (intents == null || intents.isEmpty()) {
      throw new IllegalArgumentException("Intent catalog: at least one intent is required");
    }
    Set<String> names = new HashSet<>();
    for (Intent intent : intents) {
      if (intent.name() == null) {
        throw new IllegalArgumentException("Intent catalog: every intent needs a name");
      }
      if (intent.reply() == null && (intent.needs() != null || intent.resolves())) {
        // An intent without a reply is one the bot leaves to people; it cannot ask or resolve.
        throw new IllegalArgumentException(
            "Intent catalog: intent " + intent.name() + " has no reply, so it cannot use needs or resolves");
      }
      if (!names.add(intent.name())) {
        throw new IllegalArgumentException("Intent catalog: intent " + intent.name() + " is listed twice");
      }
      if (intent.needs() != null && intent.ask() == null) {
        throw new IllegalArgumentException(
            "Intent catalog: intent " + intent.name() + " needs " + intent.needs() + " but has no ask");
      }
    }
    sentiment = sentiment == null ? new Sentiment(List.of(), List.of()) : sentiment;
  }

  /** The names of every intent, for checking configuration that refers to them. */
  public Set<String> intentNames() {
    Set<String> names = new HashSet<>();
    intents.forEach(i -> names.add(i.name()));
    return Set.copyOf(names);
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
