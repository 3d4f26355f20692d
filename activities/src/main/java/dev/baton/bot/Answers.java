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
public record Answers(String fallback, String confirmResolved, Map<String, Answer> answers) {

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

  public Answers {
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
