package dev.baton.bot;

import dev.baton.hours.HoursActivities;
import dev.baton.hours.HoursSentences;
import java.io.IOException;
import java.time.Instant;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Chooses the bot behind the {@link Bot} port: the classifier bot, trained at start on the
 * intents file ({@code baton.bot.catalog}) and answering from the knowledge file ({@code
 * baton.bot.answers}). A team can point either at its own file.
 */
@Configuration
public class BotConfiguration {
  private static final Logger log = LoggerFactory.getLogger(BotConfiguration.class);

  @Bean
  IntentCatalog intentCatalog(@Value("${baton.bot.catalog:classpath:bot/intents.yaml}") Resource file)
      throws IOException {
    try (InputStream in = file.getInputStream()) {
      return IntentCatalog.read(in);
    }
  }

  @Bean
  Answers botAnswers(@Value("${baton.bot.answers:classpath:bot/answers.yaml}") Resource file) throws IOException {
    try (InputStream in = file.getInputStream()) {
      return Answers.read(in);
    }
  }

  @Bean
  Bot bot(IntentCatalog catalog, Answers answers, HoursActivities hours) {
    long start = System.nanoTime();
    // "What are your opening hours?" is answered from the hours the escalations use.
    ClassifierBot bot =
        new ClassifierBot(
            catalog, answers, queue -> HoursSentences.values(hours.schedule(queue).hours(), Instant.now()));
    log.info(
        "Bot trained on {} examples of {} intents in {} ms",
        catalog.examples().size(), catalog.intents().size(), (System.nanoTime() - start) / 1_000_000);
    return bot;
  }
}
