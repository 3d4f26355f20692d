package dev.baton.bot;

import dev.baton.bot.ClassifierBot.Model;
import dev.baton.bot.ClassifierBot.TrainingData;
import dev.baton.bot.IntentClassifier.Example;
import dev.baton.store.notify.ChannelListener;
import dev.baton.store.notify.Channels;
import dev.baton.store.review.BotModelStore;
import dev.baton.store.review.BotModelStore.StoredModel;
import dev.baton.store.review.BotReviewStore;
import dev.baton.store.review.BotReviewStore.ModelRow;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the built-in bot of every worker on one model while it learns from the examples
 * supervisors approve. A worker loads the newest stored model of its catalogue at start, before
 * its first turn, and never trains there. After that, on every check ({@code
 * baton.bot.retrain-every}, and at once when another worker announces a model), it loads a newer
 * stored model, and when approved examples exist that the newest one has not taken in, the one
 * worker that gets the training lock trains a model on the catalogue and every approved example,
 * stores it ({@code bot_model_files}) and announces it. Training runs on a thread of its own:
 * turns under way keep the model they started with. The model in use is recorded in {@code
 * bot_models}, where the review page reads it.
 */
@Component
public class BotTraining {
  private static final Logger log = LoggerFactory.getLogger(BotTraining.class);

  /** What a check did. */
  enum Outcome {
    /** The model in use is the newest stored one and has taken in every approved example. */
    UP_TO_DATE,
    /** A newer model another worker stored is in use now. */
    LOADED,
    /** This worker trained a model, stored and announced it, and uses it. */
    TRAINED,
    /** Another worker holds the training lock; its model will be announced. */
    OTHER_TRAINS,
    /** Something failed: the model in use stays, the next check tries again. */
    FAILED
  }

  /** {@code null} when the configured bot does not learn. */
  private final ClassifierBot classifier;
  private final IntentCatalog catalog;
  private final BotReviewStore reviews;
  private final BotModelStore models;
  private final Duration every;
  private final Function<List<Example>, Model> trainer;
  /**
   * The version of a model of the catalogue's own examples (the shipped model's): the stored
   * models of this catalogue have it as their base; those of any other catalogue are never loaded.
   */
  private final String base;
  private final List<String> intents;
  private final ScheduledExecutorService checks =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "bot-training");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean checkAsked = new AtomicBoolean();
  private final ChannelListener announcements;
  /** The newest approved example the model in use has taken in. */
  private volatile long takenInUpTo;

  @Autowired
  public BotTraining(
      Bot bot, IntentCatalog catalog, BotReviewStore reviews, BotModelStore models, DataSource dataSource,
      @Value("${baton.bot.retrain-every:5s}") Duration every) {
    this(bot, catalog, reviews, models, dataSource, every, learned -> ClassifierBot.train(catalog, learned));
  }

  /** With {@code trainer} in place of {@link ClassifierBot#train}, for tests that count or stall it. */
  BotTraining(
      Bot bot, IntentCatalog catalog, BotReviewStore reviews, BotModelStore models, DataSource dataSource,
      Duration every, Function<List<Example>, Model> trainer) {
    this.classifier = bot instanceof ClassifierBot c ? c : null;
    this.catalog = catalog;
    this.reviews = reviews;
    this.models = models;
    this.every = every;
    this.trainer = trainer;
    this.base = classifier == null ? null : ClassifierBot.trainingData(catalog, List.of()).version();
    this.intents =
        catalog.intents().stream().filter(i -> !i.examples().isEmpty()).map(IntentCatalog.Intent::name).sorted().toList();
    this.announcements = new ChannelListener(dataSource, Channels.BOT_MODEL, version -> askForCheck(), this::askForCheck);
  }

  /**
   * Puts the newest stored model of this catalogue in place before the worker takes its first
   * turn (the Temporal workers start polling when the application is ready, after this), and
   * records the model in use. Never trains: with nothing stored, the bot keeps the model it has.
   */
  @PostConstruct
  void load() {
    if (classifier == null) {
      return;
    }
    try {
      if (loadNewest() == Outcome.UP_TO_DATE) {
        log.info("Bot model {}: no newer model of this catalogue is stored", classifier.model().version());
      }
      recordInUse();
    } catch (RuntimeException e) {
      // The worker still answers, with the model it has; the first check tries again.
      log.warn("Could not load the stored bot model, keeping model {}: {}", classifier.model().version(), e.toString());
    }
  }

  /** Checks every {@code baton.bot.retrain-every} and whenever a model is announced. */
  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    if (classifier == null) {
      log.info("The configured bot does not learn from approved examples; reviews are kept but not trained on");
      return;
    }
    announcements.start();
    // The model was loaded before the first turn; the first check follows one period later.
    checks.scheduleWithFixedDelay(this::check, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** True while this worker hears announcements. */
  boolean listening() {
    return announcements.isListening();
  }

  /** A model was announced, or the listener is back: one check soon, however many asked. */
  private void askForCheck() {
    if (checkAsked.compareAndSet(false, true)) {
      checks.execute(
          () -> {
            checkAsked.set(false);
            check();
          });
    }
  }

  /**
   * Loads the newest stored model when it is not the one in use; then, when approved examples
   * exist that it has not taken in, trains a new one if this worker gets the training lock.
   */
  Outcome check() {
    if (classifier == null) {
      return Outcome.UP_TO_DATE;
    }
    try {
      Outcome loaded = loadNewest();
      if (reviews.lastExampleId() <= takenInUpTo) {
        return loaded;
      }
      return models.whileTraining(this::trainHoldingTheLock).orElse(Outcome.OTHER_TRAINS);
    } catch (RuntimeException e) {
      log.warn("Bot model check failed, keeping model {}: {}", classifier.model().version(), e.toString());
      return Outcome.FAILED;
    }
  }

  /** Puts the newest stored model of this catalogue in place, unless it is in use already. */
  private Outcome loadNewest() {
    Optional<StoredModel> newest = models.newest(base);
    if (newest.isEmpty()) {
      return Outcome.UP_TO_DATE;
    }
    StoredModel stored = newest.get();
    if (stored.version().equals(classifier.model().version())) {
      takenInUpTo = Math.max(takenInUpTo, stored.lastExampleId());
      return Outcome.UP_TO_DATE;
    }
    long start = System.nanoTime();
    Optional<byte[]> bytes = models.bytes(stored.version());
    if (bytes.isEmpty()) {
      // Replaced by a newer one between the two reads: the next check loads that.
      return Outcome.UP_TO_DATE;
    }
    Model model = Model.read(bytes.get());
    if (!model.version().equals(stored.version())) {
      throw new IllegalStateException("stored bot model " + stored.version() + " reads as " + model.version());
    }
    classifier.use(model);
    takenInUpTo = stored.lastExampleId();
    recordInUse();
    log.info(
        "Bot model {} loaded from the store ({} examples, {} approved, trained in {} ms) in {} ms",
        model.version(), model.examples(), model.learned(), stored.trainingMillis(),
        (System.nanoTime() - start) / 1_000_000);
    return Outcome.LOADED;
  }

  /**
   * Trains on the catalogue and every approved example, unless another worker stored such a model
   * just before this one got the lock. Approved examples of intents the catalogue does not have
   * are left out of training; when only such examples are new, the model stays as it is.
   */
  private Outcome trainHoldingTheLock() {
    Outcome loaded = loadNewest();
    List<BotReviewStore.Example> approved = reviews.examples();
    long last = approved.isEmpty() ? 0 : approved.get(approved.size() - 1).id();
    if (last <= takenInUpTo) {
      return loaded;
    }
    List<Example> learned = approved.stream().map(e -> new Example(e.text(), e.intent())).toList();
    TrainingData data = ClassifierBot.trainingData(catalog, learned);
    Model current = classifier.model();
    if (data.version().equals(current.version())) {
      models.takenInUpTo(current.version(), last);
      takenInUpTo = last;
      recordInUse();
      return Outcome.UP_TO_DATE;
    }
    long start = System.nanoTime();
    Model model = trainer.apply(learned);
    long millis = (System.nanoTime() - start) / 1_000_000;
    models.store(
        new StoredModel(model.version(), base, model.examples(), model.learned(), last, millis, null), model.toBytes());
    classifier.use(model);
    takenInUpTo = last;
    recordInUse();
    log.info(
        "Bot model {} trained on {} examples ({} approved) in {} ms, stored and announced",
        model.version(), model.examples(), model.learned(), millis);
    return Outcome.TRAINED;
  }

  /** Records the model in use for the review page, unless it is recorded just so already. */
  private void recordInUse() {
    Model model = classifier.model();
    long upTo = takenInUpTo;
    Optional<ModelRow> recorded = reviews.currentModel();
    if (recorded.isPresent()
        && recorded.get().version().equals(model.version())
        && recorded.get().lastExampleId() >= upTo) {
      return;
    }
    reviews.recordModel(new ModelRow(model.version(), model.examples(), model.learned(), upTo, intents, null));
  }

  /** The version of the model the next turn uses; for the worker's info endpoint. */
  public Optional<String> modelVersion() {
    return classifier == null ? Optional.empty() : Optional.of(classifier.model().version());
  }

  @PreDestroy
  void stop() {
    announcements.close();
    checks.shutdownNow();
  }
}
