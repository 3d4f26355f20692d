package dev.baton.bot;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/** Chooses the bot behind the {@link Bot} port: the catalog bot, from a configurable file. */
@Configuration
public class BotConfiguration {

  @Bean
  IntentCatalog intentCatalog(@Value("${baton.bot.catalog:classpath:bot/intents.yaml}") Resource file)
      throws IOException {
    try (InputStream in = file.getInputStream()) {
      return IntentCatalog.read(in);
    }
  }

  @Bean
  Bot bot(IntentCatalog catalog) {
    return new CatalogBot(catalog);
  }
}
