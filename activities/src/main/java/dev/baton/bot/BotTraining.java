package dev.baton.bot;

import dev.baton.bot.IntentClassifier.Example;
import dev.baton.store.review.BotReviewStore;
import dev.baton.store.review.BotReviewStore.ModelRow;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Retrains the built-in classifier without a restart: every {@code baton.bot.retrain-every} it
 * looks for examples supervisors approved since the model in use was trained and, when there are
 * any, trains a new model on the intents file and every approved example, puts it in place for
 * the next turn, and records it ({@code bot_models}), so the review page says which model is in
 * use. Training runs off the turn: turns keep the old model until the new one is ready.
 */
@Component
public class BotTraining {
  private static final Logger log = LoggerFactory.getLogger(BotTraining.class);

  private final Bot bot;
  private final IntentCatalog catalog;
  private final BotReviewStore reviews;
  private final Duration every;
  private final ScheduledExecutorService trainer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bot-training");
            t.setDaemon(true);
            return t;
          });
  /** The newest approved example the model in use has learned; -1 before the first check. */
  private volatile long learnedUpTo = -1;

  public BotTraining(
      Bot bot, IntentCatalog catalog, BotReviewStore reviews,
      @Value("${baton.bot.retrain-every:5s}") Duration every) {
    this.bot = bot;
    this.catalog = catalog;
    this.reviews = reviews;
    this.every = every;
  }

  /** Starts checking once the worker is up (the first check learns what was approved before). */
  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    if (!(bot instanceof ClassifierBot)) {
      log.info("The configured bot does not learn from approved examples; reviews are kept but not trained on");
      return;
    }
    trainer.scheduleWithFixedDelay(this::check, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Trains when there are approved examples the model in use has not learned; records the model
   * in use at the first check either way. Returns whether it trained.
   */
  boolean check() {
    try {
      ClassifierBot classifier = (ClassifierBot) bot;
      long last = reviews.lastExampleId();
      if (last == learnedUpTo) {
        return false;
      }
      boolean trained = false;
      ClassifierBot.Model model = classifier.model();
      if (last > 0) {
        List<BotReviewStore.Example> approved = reviews.examples();
        long start = System.nanoTime();
        model = classifier.retrain(approved.stream().map(e -> new Example(e.text(), e.intent())).toList());
        last = approved.isEmpty() ? 0 : approved.get(approved.size() - 1).id();
        trained = true;
        log.info(
            "Bot retrained on {} examples ({} approved) in {} ms: model {}",
            model.examples(), model.learned(), (System.nanoTime() - start) / 1_000_000, model.version());
      }
      reviews.recordModel(
          new ModelRow(
              model.version(), model.examples(), model.learned(), last,
              catalog.intents().stream().filter(i -> !i.examples().isEmpty()).map(IntentCatalog.Intent::name).sorted().toList(), null));
      learnedUpTo = last;
      return trained;
    } catch (RuntimeException e) {
      // The model in use stays; the next check tries again.
      log.warn("Bot retraining failed, keeping the model in use: {}", e.toString());
      return false;
    }
  }

  @PreDestroy
  void stop() {
    trainer.shutdownNow();
  }
}
