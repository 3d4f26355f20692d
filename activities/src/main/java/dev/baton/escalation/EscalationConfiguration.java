package dev.baton.escalation;

import dev.baton.bot.IntentCatalog;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Reads the escalation rules at start ({@code baton.escalation.rules}). A file with a problem
 * stops the worker with a message naming the key, rather than escalating wrongly later.
 */
@Configuration
public class EscalationConfiguration {

  @Bean
  EscalationRules escalationRules(
      @Value("${baton.escalation.rules:classpath:escalation/rules.yaml}") Resource file,
      IntentCatalog catalog)
      throws IOException {
    try (InputStream in = file.getInputStream()) {
      return new EscalationRulesReader(catalog.intentNames()).read(in);
    }
  }
}
