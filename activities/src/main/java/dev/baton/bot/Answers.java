package dev.baton.bot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the built-in bot says, per intent, as read from the knowledge file a support manager edits
 * (see bot/answers.yaml). Replies may use {@code {order}}, {@code {amount}} and {@code {email}},
 * and an answer that names a queue {@code {hours}} and {@code {openNow}}.
 */
public record Answers(
    String fallback, String confirmResolved, List<Disambiguation> disambiguation, Map<String, Answer> answers) {

  /**
   * The bot's words for one intent.
   *
   * @param ask what the bot says while it still needs the intent's {@code needs}
   * @param reply the answer
   * @param queue the queue whose business hours fill {@code {hours}} and {@code {openNow}} in
   *     the reply (as the worker knows them: an operator's, else the shipped ones); none for
   *     answers that do not use them
   */
  public record Answer(String ask, String reply, String queue) {}

  /** The question that tells apart the two intents of a destructive pair. */
  public record Disambiguation(List<String> between, String ask) {}

  public Answers {
    disambiguation = disambiguation == null ? List.of() : List.copyOf(disambiguation);
    if (fallback == null || fallback.isBlank()) {
      throw new IllegalArgumentException("Bot answers: fallback is required");
    }
    confirmResolved = confirmResolved == null ? "Did that solve it?" : confirmResolved;
    answers = answers == null ? Map.of() : Map.copyOf(answers);
  }

  /** The answer for {@code intent}, or {@code null} when the bot leaves it to people. */
  public Answer of(String intent) {
    return answers.get(intent);
  }

  /** The question that tells {@code a} from {@code b}, or {@code null} when there is none. */
  public String question(String a, String b) {
    return disambiguation.stream()
        .filter(d -> d.between().contains(a) && d.between().contains(b))
        .map(Disambiguation::ask)
        .findFirst()
        .orElse(null);
  }

  /** Checks the answers against the intents: every problem, named by its key. */
  public void check(IntentCatalog catalog) {
    List<String> problems = new ArrayList<>();
    Map<String, Answer> sorted = new TreeMap<>(answers);
    sorted.forEach(
        (intent, answer) -> {
          if (!catalog.intentNames().contains(intent)) {
            problems.add("answers." + intent + " is not an intent in the intents file");
          } else if (answer == null || answer.reply() == null || answer.reply().isBlank()) {
            problems.add("answers." + intent + ".reply is required");
          }
        });
    for (IntentCatalog.Intent intent : catalog.intents()) {
      Answer answer = answers.get(intent.name());
      if (intent.needs() != null && (answer == null || answer.ask() == null)) {
        problems.add("answers." + intent.name() + ".ask is required: the intent needs " + intent.needs());
      }
      if (intent.resolves() && answer == null) {
        problems.add("answers." + intent.name() + " is required: the intent resolves conversations");
      }
    }
    for (int i = 0; i < disambiguation.size(); i++) {
      Disambiguation d = disambiguation.get(i);
      if (d.between() == null || d.between().size() != 2 || !catalog.intentNames().containsAll(d.between())) {
        problems.add("disambiguation[" + i + "].between must name two intents of the intents file");
      }
      if (d.ask() == null || d.ask().isBlank()) {
        problems.add("disambiguation[" + i + "].ask is required");
      }
    }
    for (List<String> pair : catalog.settings().destructivePairs()) {
      if (question(pair.get(0), pair.get(1)) == null) {
        problems.add("disambiguation needs a question between " + pair.get(0) + " and " + pair.get(1)
            + " (a destructive pair in the intents file)");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Bot answers: " + String.join("; ", problems));
    }
  }

  /** {@code text} with its variables filled in; a variable without a value is left out. */
  static String fill(String text, Map<String, String> values) {
    String out = text;
    for (var v : values.entrySet()) {
      out = out.replace("{" + v.getKey() + "}", v.getValue() == null ? "" : v.getValue());
    }
    return out;
  }

  public static Answers read(InputStream yaml) {
    ObjectMapper mapper =
        new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    try {
      return mapper.readValue(yaml, Answers.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the bot's answers: " + e.getMessage(), e);
    }
  }
}
