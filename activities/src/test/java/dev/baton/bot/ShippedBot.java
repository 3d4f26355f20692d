package dev.baton.bot;

import dev.baton.escalation.EscalationPolicy;
import dev.baton.escalation.EscalationRulesReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The bot as the worker builds it from the shipped files, with the model built into the jar. */
final class ShippedBot {
  static final IntentCatalog CATALOG = read("/bot/intents.yaml", IntentCatalog::read);
  static final Answers ANSWERS = read("/bot/answers.yaml", Answers::read);
  /** Hours for {@code {hours}} and {@code {openNow}}: what the worker reads from a queue's schedule. */
  static final ClassifierBot.AnswerVariables HOURS =
      queue -> java.util.Map.of("hours", "Monday to Friday 09:00-17:00 (Europe/Berlin time)", "openNow", "We're open now.");
  /** The model the build put into target/classes, which the worker's jar carries. */
  static final ClassifierBot.Model MODEL =
      ModelBuild.shipped(ClassifierBot.trainingData(CATALOG, java.util.List.of()).version())
          .orElseThrow(() -> new IllegalStateException("No shipped model for the shipped catalog: build the activities module"));
  static final ClassifierBot BOT = new ClassifierBot(CATALOG, ANSWERS, HOURS, MODEL);
  static final EscalationPolicy POLICY =
      new EscalationPolicy(read("/escalation/rules.yaml", new EscalationRulesReader(CATALOG.intentNames())::read));

  private ShippedBot() {}

  static BotTurn respond(String text) {
    return respond(text, null);
  }

  static BotTurn respond(String text, String previousIntent) {
    return BOT.respond(new BotRequest("c-1", text, null, previousIntent, 1));
  }

  interface Reader<T> {
    T read(InputStream in);
  }

  static <T> T read(String resource, Reader<T> reader) {
    try (InputStream in = ShippedBot.class.getResourceAsStream(resource)) {
      return reader.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
