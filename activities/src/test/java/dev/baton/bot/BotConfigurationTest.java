package dev.baton.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.mock.env.MockEnvironment;

/** What the worker does at start with each bot's settings: builds the bot, or refuses, naming the key. */
class BotConfigurationTest {
  private final BotConfiguration configuration = new BotConfiguration();

  @Test
  void aWebhookBotWhoseRetriesOutlastTheBotTimeoutIsRefused() {
    MockEnvironment env =
        webhook()
            .withProperty("baton.bot.webhook.timeout", "4s")
            .withProperty("baton.bot.webhook.retries", "2")
            .withProperty("baton.bot.timeout", "10s");

    assertThatThrownBy(() -> bot(env))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("baton.bot.webhook.timeout x (retries + 1) (12500 ms)")
        .hasMessageContaining("baton.bot.timeout (10000 ms)");
  }

  @Test
  void aWebhookBotNeedsAnHttpUrlAndASecret() {
    assertThatThrownBy(() -> bot(webhook().withProperty("baton.bot.webhook.url", "ftp://bot")))
        .hasMessageContaining("BATON_BOT_WEBHOOK_URL");
    assertThatThrownBy(() -> bot(webhook().withProperty("baton.bot.webhook.secret", "short")))
        .hasMessageContaining("BATON_BOT_WEBHOOK_SECRET");
    assertThatThrownBy(() -> bot(webhook().withProperty("baton.bot.webhook.retries", "-1")))
        .hasMessageContaining(".retries 0 or more");
  }

  @Test
  void theProdProfileRefusesAWebhookBotOverPlainHttpExceptOnTheSameMachine() {
    MockEnvironment plain = webhook().withProperty("baton.bot.webhook.url", "http://bot.example.com/baton");
    plain.setActiveProfiles("prod");

    assertThatThrownBy(() -> bot(plain))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("baton.bot.webhook.url (BATON_BOT_WEBHOOK_URL)")
        .hasMessageContaining("https");

    for (String allowed : new String[] {"https://bot.example.com/baton", "http://127.0.0.1:8099/baton", "http://localhost:8099/baton", "http://[::1]:8099/baton"}) {
      MockEnvironment env = webhook().withProperty("baton.bot.webhook.url", allowed);
      env.setActiveProfiles("prod");
      assertThat(bot(env)).as(allowed).isInstanceOf(FallbackBot.class);
    }
    // Outside the prod profile (a laptop, the tests), plain http to anywhere still starts.
    assertThat(bot(webhook().withProperty("baton.bot.webhook.url", "http://bot.example.com/baton"))).isInstanceOf(FallbackBot.class);
  }

  @Test
  void theSettingsThatChooseAreChecked() {
    assertThatThrownBy(() -> bot(new MockEnvironment().withProperty("baton.bot.kind", "gpt")))
        .hasMessage("baton.bot.kind must be classifier, webhook or language-model, was 'gpt'");
    assertThatThrownBy(() -> bot(webhook().withProperty("baton.bot.fallback", "nobody")))
        .hasMessage("baton.bot.fallback must be classifier or person, was 'nobody'");
    assertThatThrownBy(() -> bot(new MockEnvironment().withProperty("baton.bot.kind", "language-model")))
        .hasMessageContaining("BATON_BOT_LLM_URL, BATON_BOT_LLM_MODEL");
  }

  @Test
  void aLanguageModelBotStartsWithoutAnApiKey() {
    MockEnvironment env =
        new MockEnvironment()
            .withProperty("baton.bot.kind", "language-model")
            .withProperty("baton.bot.fallback", "person")
            .withProperty("baton.bot.language-model.base-url", "http://127.0.0.1:11434/v1")
            .withProperty("baton.bot.language-model.model", "llama3.2");

    assertThat(bot(env)).isInstanceOf(FallbackBot.class);
  }

  private Bot bot(MockEnvironment env) {
    // As Spring Boot sets up the worker's environment: "3s" reads as a Duration.
    env.setConversionService(new ApplicationConversionService());
    return configuration.bot(ShippedBot.CATALOG, ShippedBot.ANSWERS, env, null, null, null, ShippedBot.POLICY.rules());
  }

  private static MockEnvironment webhook() {
    return new MockEnvironment()
        .withProperty("baton.bot.kind", "webhook")
        .withProperty("baton.bot.fallback", "person")
        .withProperty("baton.bot.webhook.url", "https://bot.example.com/baton")
        .withProperty("baton.bot.webhook.secret", "a-secret-of-sixteen-or-more");
  }
}
