package dev.baton.bot;

import dev.baton.escalation.EscalationPolicy;
import dev.baton.escalation.EscalationRules;
import dev.baton.hours.HoursActivities;
import dev.baton.hours.HoursSentences;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.review.BotModelStore;
import dev.baton.store.review.BotModelStore.StoredModel;
import java.io.IOException;
import java.time.Instant;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.Resource;

/**
 * Chooses the bot behind the {@link Bot} port: the classifier bot, reading with a model of the
 * intents file ({@code baton.bot.catalog}) and answering from the knowledge file ({@code
 * baton.bot.answers}), a team's webhook, or a language model (docs/bot.md). A team can point
 * either file at its own.
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

  /**
   * The bot behind the port ({@code baton.bot.kind}): {@code classifier} (built in, the default),
   * {@code webhook} or {@code language-model}. The last two run inside a {@link FallbackBot}:
   * when they fail, the built-in bot answers ({@code baton.bot.fallback=classifier}, the default)
   * or nobody does ({@code person}). The worker refuses to start when the outside bot's worst case
   * does not fit in the bot activity's timeout ({@code baton.bot.timeout}), so a slow bot always
   * ends in a fallback, not in a failed activity.
   */
  @Bean
  Bot bot(
      IntentCatalog catalog,
      Answers answers,
      Environment env,
      ConversationStore conversations,
      HoursActivities hours,
      BotModelStore models,
      EscalationRules rules) {
    String kind = env.getProperty("baton.bot.kind", "classifier");
    String fallback = env.getProperty("baton.bot.fallback", "classifier");
    Duration botTimeout = env.getProperty("baton.bot.timeout", Duration.class, Duration.ofSeconds(10));
    if (!fallback.equals("classifier") && !fallback.equals("person")) {
      throw new IllegalStateException("baton.bot.fallback must be classifier or person, was '" + fallback + "'");
    }
    return switch (kind) {
      case "classifier" -> classifier(catalog, answers, hours, models);
      case "webhook" -> {
        String url = env.getProperty("baton.bot.webhook.url", "");
        String secret = env.getProperty("baton.bot.webhook.secret", "");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
          throw new IllegalStateException(
              "baton.bot.kind=webhook needs baton.bot.webhook.url (BATON_BOT_WEBHOOK_URL), an http(s) URL; was '" + url + "'");
        }
        if (env.acceptsProfiles(Profiles.of("prod")) && url.startsWith("http://") && !loopback(URI.create(url))) {
          // The request carries the customer's words and the answer decides what the bot says: on
          // the network, both must be protected. A bot on the same machine (a sidecar) may use http.
          throw new IllegalStateException(
              "The prod profile refuses baton.bot.webhook.url (BATON_BOT_WEBHOOK_URL) over plain http: use an"
                  + " https URL (plain http only to 127.0.0.1, ::1 or localhost); was '" + url + "'");
        }
        if (secret.length() < 16) {
          throw new IllegalStateException(
              "baton.bot.kind=webhook needs baton.bot.webhook.secret (BATON_BOT_WEBHOOK_SECRET), at least 16 characters");
        }
        Duration timeout = env.getProperty("baton.bot.webhook.timeout", Duration.class, Duration.ofSeconds(3));
        int retries = env.getProperty("baton.bot.webhook.retries", Integer.class, 1);
        int recent = env.getProperty("baton.bot.webhook.recent-turns", Integer.class, 10);
        if (timeout.isNegative() || timeout.isZero() || retries < 0 || recent < 0 || recent > 100) {
          throw new IllegalStateException(
              "baton.bot.webhook.timeout must be positive, .retries 0 or more, .recent-turns 0 to 100; were "
                  + timeout + ", " + retries + ", " + recent);
        }
        WebhookBot webhook =
            new WebhookBot(URI.create(url), secret, timeout, retries, recent, recentTurns(conversations), Clock.systemUTC());
        fits("baton.bot.webhook.timeout x (retries + 1)", webhook.worstCase(), botTimeout);
        log.info("Bot: webhook at {}, fallback {}", url, fallback);
        yield new FallbackBot("the webhook bot", webhook, fallback.equals("person") ? null : classifier(catalog, answers, hours, models));
      }
      case "language-model" -> {
        String baseUrl = env.getProperty("baton.bot.language-model.base-url", "");
        String model = env.getProperty("baton.bot.language-model.model", "");
        if (baseUrl.isBlank() || model.isBlank()) {
          throw new IllegalStateException(
              "baton.bot.kind=language-model needs baton.bot.language-model.base-url and .model"
                  + " (BATON_BOT_LLM_URL, BATON_BOT_LLM_MODEL)");
        }
        Duration timeout = env.getProperty("baton.bot.language-model.timeout", Duration.class, Duration.ofSeconds(8));
        int retries = env.getProperty("baton.bot.language-model.retries", Integer.class, 0);
        if (timeout.isNegative() || timeout.isZero() || retries < 0) {
          throw new IllegalStateException(
              "baton.bot.language-model.timeout must be positive and .retries 0 or more; were " + timeout + ", " + retries);
        }
        fits("baton.bot.language-model.timeout x (retries + 1)", timeout.multipliedBy(retries + 1L), botTimeout);
        // The built-in bot reads every message too: its reading decides the escalations no model
        // may argue with (docs/security.md, "The language-model bot").
        ClassifierBot builtIn = classifier(catalog, answers, hours, models);
        LanguageModelBot llm =
            new LanguageModelBot(
                LanguageModelBot.openAiCompatible(
                    baseUrl, env.getProperty("baton.bot.language-model.api-key", ""), model, timeout, retries),
                catalog, answers, builtIn, new EscalationPolicy(rules));
        log.info("Bot: language model {} at {}, fallback {}", model, baseUrl, fallback);
        yield new FallbackBot("the language-model bot", llm, fallback.equals("person") ? null : builtIn);
      }
      default -> throw new IllegalStateException(
          "baton.bot.kind must be classifier, webhook or language-model, was '" + kind + "'");
    };
  }

  /**
   * The built-in bot, reading with the model built into the jar when the catalog is the one it
   * was built from. A team's own catalog reads with the newest model of it in the store (one a
   * worker trained before); with none stored, it is trained here and stored, so the workers
   * started after load it. {@code models} is {@code null} only in tests without a database.
   */
  private static ClassifierBot classifier(
      IntentCatalog catalog, Answers answers, HoursActivities hours, BotModelStore models) {
    long start = System.nanoTime();
    ClassifierBot.TrainingData data = ClassifierBot.trainingData(catalog, List.of());
    String[] from = {"loaded the shipped"};
    // The model is found while the language models load.
    Supplier<ClassifierBot.Model> model =
        () -> {
          ClassifierBot.Model found = ModelBuild.shipped(data.version()).orElse(null);
          if (found == null && models != null) {
            from[0] = "loaded the stored";
            found = models.newest(data.version()).flatMap(m -> models.bytes(m.version())).map(ClassifierBot.Model::read).orElse(null);
          }
          if (found == null) {
            from[0] = "trained";
          }
          return found;
        };
    // "What are your opening hours?" is answered from the hours the escalations use.
    ClassifierBot bot =
        new ClassifierBot(
            catalog, answers, queue -> HoursSentences.values(hours.schedule(queue).hours(), Instant.now()), model);
    long millis = (System.nanoTime() - start) / 1_000_000;
    if (from[0].equals("trained")) {
      ClassifierBot.Model trained = bot.model();
      if (models != null) {
        models.store(
            new StoredModel(trained.version(), data.version(), trained.examples(), 0, 0, millis, null), trained.toBytes());
      }
    }
    log.info("Bot {} model {} ({} examples) in {} ms", from[0], bot.model().version(), bot.model().examples(), millis);
    return bot;
  }

  /** Whether {@code url} names this machine, by a loopback address or {@code localhost}; no lookup. */
  static boolean loopback(URI url) {
    String host = url.getHost() == null ? "" : url.getHost().toLowerCase(java.util.Locale.ROOT);
    return host.equals("localhost")
        || host.equals("[::1]")
        || host.equals("::1")
        || host.matches("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
  }

  /** The adapter must give up (and fall back) before the activity running it times out. */
  private static void fits(String what, Duration worstCase, Duration botTimeout) {
    if (worstCase.plusSeconds(1).compareTo(botTimeout) > 0) {
      throw new IllegalStateException(
          what + " (" + worstCase.toMillis() + " ms) must end at least 1 s before baton.bot.timeout ("
              + botTimeout.toMillis() + " ms), so that a slow bot ends in the fallback answer");
    }
  }

  /** The transcript's last lines, from the read model; none before the first turn is written. */
  static RecentTurns recentTurns(ConversationStore conversations) {
    return (conversationId, count) ->
        conversations
            .find(conversationId)
            .map(view -> conversations.messages(conversationId, Math.max(0, view.lastSeq() - count), count))
            .orElse(List.of());
  }
}
