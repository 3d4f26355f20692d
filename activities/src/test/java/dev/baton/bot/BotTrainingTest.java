package dev.baton.bot;

import static dev.baton.store.StoreDatabase.DATA_SOURCE;
import static dev.baton.store.StoreDatabase.JDBC;
import static dev.baton.store.StoreDatabase.TX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.bot.BotTraining.Outcome;
import dev.baton.bot.ClassifierBot.Model;
import dev.baton.store.StoreDatabase;
import dev.baton.store.notify.Notifier;
import dev.baton.store.review.BotModelStore;
import dev.baton.store.review.BotReviewStore;
import dev.baton.store.review.BotReviewStore.BotTurnRow;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * Workers that share one PostgreSQL learn what supervisors approved without a restart: one of them
 * trains, stores and announces the model; the others, and any worker that starts later, load it
 * instead of training, so every worker answers with the same model. A small catalogue keeps each
 * training to milliseconds (the shipped one takes a minute or two: BotReviewIT trains it).
 */
class BotTrainingTest {
  private static final String CATALOGUE =
      """
      intents:
        - name: greeting
          examples: [hello, hi there, good morning, hey, hello there, good evening]
        - name: track_order
          examples: [where is my order, track my parcel, my package has not arrived, when will my order arrive, order status please]
        - name: opening_hours
          examples: [what are your opening hours, when are you open, are you open today, what time do you close, your business hours]
        - name: get_refund
          examples: [I want my money back, refund please, can I get a refund, I would like a refund for this, how do I get reimbursed]
      """;
  private static final IntentCatalog CATALOG = catalog(CATALOGUE);
  private static final Answers ANSWERS =
      Answers.read(
          stream(
              """
              fallback: "Sorry?"
              answers:
                greeting: {reply: "Hello!"}
                track_order: {reply: "It is on its way."}
                opening_hours: {reply: "Monday to Friday, 9 to 5."}
                get_refund: {reply: "Refunds take five days."}
              """));
  /** Words the catalogue has no example of: the model of the catalogue alone does not place them. */
  private static final String MISREAD = "is someone there on sundays";

  private final BotReviewStore reviews = new BotReviewStore(JDBC, TX);
  private final BotModelStore models = new BotModelStore(JDBC, TX, new Notifier(JDBC));
  private final List<Worker> workers = new ArrayList<>();
  private int turns;

  /** One worker: its bot, its training, and how often it trained. */
  private record Worker(ClassifierBot bot, BotTraining training, AtomicInteger trainings) {
    String version() {
      return bot.model().version();
    }

    BotTurn read(String text) {
      return bot.respond(new BotRequest("c", text, null, null, 1));
    }
  }

  @BeforeEach
  void empty() {
    StoreDatabase.clear();
  }

  @AfterEach
  void stopWorkers() {
    workers.forEach(w -> w.training().stop());
  }

  @Test
  void oneWorkerTrainsTheOtherLoadsTheModelItStoredAndBothAnswerWithIt() {
    Worker a = worker(CATALOG);
    Worker b = worker(CATALOG);
    String base = a.version();
    assertThat(b.version()).isEqualTo(base);
    assertThat(a.read(MISREAD).intent()).isNotEqualTo("opening_hours");
    assertThat(a.training().check()).as("nothing approved yet").isEqualTo(Outcome.UP_TO_DATE);

    long approved = approve(MISREAD, "opening_hours");

    assertThat(a.training().check()).isEqualTo(Outcome.TRAINED);
    assertThat(b.training().check()).isEqualTo(Outcome.LOADED);
    assertThat(a.trainings()).hasValue(1);
    assertThat(b.trainings()).as("the second worker loads, it does not train").hasValue(0);
    assertThat(b.version()).isEqualTo(a.version()).isNotEqualTo(base);

    BotTurn onA = a.read(MISREAD);
    BotTurn onB = b.read(MISREAD);
    assertThat(onA.intent()).isEqualTo("opening_hours");
    assertThat(onA.reply()).isEqualTo("Monday to Friday, 9 to 5.");
    assertThat(onB.intent()).isEqualTo("opening_hours");
    assertThat(onB.modelVersion()).isEqualTo(onA.modelVersion()).isEqualTo(a.version());
    assertThat(onB.confidence()).isEqualTo(onA.confidence());
    assertThat(b.read("where is my order").intent()).as("what it read right before, it still reads right").isEqualTo("track_order");

    assertThat(JDBC.queryForObject("select count(*) from bot_model_files", Integer.class)).isEqualTo(1);
    assertThat(models.newest(base)).hasValueSatisfying(m -> {
      assertThat(m.version()).isEqualTo(a.version());
      assertThat(m.learned()).isEqualTo(1);
      assertThat(m.lastExampleId()).isEqualTo(approved);
    });
    assertThat(reviews.currentModel()).as("the model in use, as the review page shows it").hasValueSatisfying(m -> {
      assertThat(m.version()).isEqualTo(a.version());
      assertThat(m.lastExampleId()).as("nothing pending").isEqualTo(approved);
      assertThat(m.intents()).containsExactly("get_refund", "greeting", "opening_hours", "track_order");
    });

    assertThat(a.training().check()).isEqualTo(Outcome.UP_TO_DATE);
    assertThat(b.training().check()).isEqualTo(Outcome.UP_TO_DATE);
    assertThat(a.trainings().get() + b.trainings().get()).as("nothing new since").isEqualTo(1);
  }

  @Test
  void aStartingWorkerLoadsTheStoredModelAndNeverTrains() {
    Worker a = worker(CATALOG);
    approve(MISREAD, "opening_hours");
    assertThat(a.training().check()).isEqualTo(Outcome.TRAINED);

    Worker started = worker(CATALOG);

    assertThat(started.version()).as("loaded at start, before its first turn").isEqualTo(a.version());
    assertThat(started.read(MISREAD).intent()).isEqualTo("opening_hours");
    assertThat(started.training().check()).isEqualTo(Outcome.UP_TO_DATE);
    assertThat(started.trainings()).hasValue(0);
  }

  @Test
  void whileOneWorkerTrainsTheOthersAndTheTurnsUnderWayKeepTheOldModel() throws Exception {
    CountDownLatch training = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    Worker a =
        worker(
            CATALOG,
            learned -> {
              training.countDown();
              await(finish);
              return ClassifierBot.train(CATALOG, learned);
            });
    Worker b = worker(CATALOG);
    String base = a.version();
    approve(MISREAD, "opening_hours");

    CompletableFuture<Outcome> onA = CompletableFuture.supplyAsync(() -> a.training().check());
    assertThat(training.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(b.training().check()).as("the lock is taken").isEqualTo(Outcome.OTHER_TRAINS);
    assertThat(b.trainings()).hasValue(0);
    assertThat(a.read(MISREAD).modelVersion()).as("a turn while the model trains").isEqualTo(base);
    assertThat(b.version()).isEqualTo(base);

    finish.countDown();
    assertThat(onA.get(30, TimeUnit.SECONDS)).isEqualTo(Outcome.TRAINED);
    assertThat(b.training().check()).isEqualTo(Outcome.LOADED);
    assertThat(b.version()).isEqualTo(a.version()).isNotEqualTo(base);
    assertThat(b.trainings()).hasValue(0);
  }

  @Test
  void anAnnouncedModelIsLoadedWithoutWaitingForTheNextCheck() throws Exception {
    Worker a = worker(CATALOG);
    Worker b = worker(CATALOG);
    b.training().start(); // checks every hour: only the announcement can bring the model this soon
    awaitTrue(() -> b.training().listening(), "b listens");

    approve(MISREAD, "opening_hours");
    assertThat(a.training().check()).isEqualTo(Outcome.TRAINED);

    awaitTrue(() -> b.version().equals(a.version()), "b loads the announced model");
    assertThat(b.read(MISREAD).modelVersion()).isEqualTo(a.version());
    assertThat(b.trainings()).hasValue(0);
  }

  @Test
  void aModelTrainedForAnotherCatalogueIsNotLoadedAndTheTrainerTrainsOneForTheNewCatalogue() {
    Worker before = worker(CATALOG);
    approve(MISREAD, "opening_hours");
    assertThat(before.training().check()).isEqualTo(Outcome.TRAINED);
    String old = before.version();

    // An upgrade adds an example to intents.yaml: its workers start with the new catalogue.
    IntentCatalog upgraded =
        catalog(CATALOGUE.replace("[hello, hi there,", "[hello, hi there, hiya,"));
    Worker after = worker(upgraded);
    String newBase = after.version();

    assertThat(newBase).as("the model of the new catalogue alone, not the stored one").isNotEqualTo(old);
    assertThat(after.trainings()).as("a starting worker never trains").hasValue(0);

    assertThat(after.training().check()).isEqualTo(Outcome.TRAINED);
    assertThat(after.version()).isNotEqualTo(old).isNotEqualTo(newBase);
    assertThat(after.bot().model().learned()).isEqualTo(1);
    assertThat(after.read(MISREAD).intent()).isEqualTo("opening_hours");
    assertThat(models.newest(newBase)).hasValueSatisfying(m -> assertThat(m.version()).isEqualTo(after.version()));
    assertThat(before.training().check()).as("the old catalogue's worker keeps its own").isEqualTo(Outcome.UP_TO_DATE);
    assertThat(before.version()).isEqualTo(old);
  }

  @Test
  void aFailedTrainingKeepsTheModelInUseAndLetsAnotherWorkerTrain() {
    Worker failing =
        worker(
            CATALOG,
            learned -> {
              throw new IllegalStateException("out of memory");
            });
    Worker b = worker(CATALOG);
    String base = failing.version();
    approve(MISREAD, "opening_hours");

    assertThat(failing.training().check()).isEqualTo(Outcome.FAILED);
    assertThat(failing.version()).isEqualTo(base);
    assertThat(b.training().check()).as("the lock was released").isEqualTo(Outcome.TRAINED);
    assertThat(failing.training().check()).isEqualTo(Outcome.LOADED);
    assertThat(failing.version()).isEqualTo(b.version());
  }

  @Test
  void examplesOfIntentsTheCatalogueDoesNotHaveChangeNothingAndLeaveNothingPending() {
    Worker a = worker(CATALOG);
    String base = a.version();
    long approved = approve("can I buy a gift card", "gift_cards");

    assertThat(a.training().check()).isEqualTo(Outcome.UP_TO_DATE);

    assertThat(a.trainings()).hasValue(0);
    assertThat(a.version()).isEqualTo(base);
    assertThat(reviews.currentModel()).hasValueSatisfying(m -> {
      assertThat(m.version()).isEqualTo(base);
      assertThat(m.lastExampleId()).isEqualTo(approved);
    });
  }

  @Test
  void aTeamsOwnCatalogueIsTrainedAtTheFirstStartAndStoredAndLaterStartsLoadIt() {
    BotConfiguration configuration = new BotConfiguration();
    MockEnvironment env = new MockEnvironment();
    ClassifierBot first = (ClassifierBot) configuration.bot(CATALOG, ANSWERS, env, null, null, models, null);
    String base = first.model().version();
    assertThat(models.newest(base)).as("stored for the workers started after").hasValueSatisfying(m -> {
      assertThat(m.version()).isEqualTo(base);
      assertThat(m.learned()).isZero();
    });

    // What is stored under the version is what a later start reads with: here, a model that also
    // learnt MISREAD, which one trained at that start would not have.
    Model stored = ClassifierBot.train(CATALOG, List.of(new IntentClassifier.Example(MISREAD, "opening_hours")));
    JDBC.update("update bot_model_files set model = ? where version = ?", new Model(stored.classifier(), base, stored.examples(), 0).toBytes(), base);
    ClassifierBot later = (ClassifierBot) configuration.bot(CATALOG, ANSWERS, env, null, null, models, null);

    assertThat(later.model().version()).isEqualTo(base);
    assertThat(later.respond(new BotRequest("c", MISREAD, null, null, 1)).intent()).as("loaded, not trained").isEqualTo("opening_hours");
    assertThat(first.respond(new BotRequest("c", MISREAD, null, null, 1)).intent()).isNotEqualTo("opening_hours");
  }

  @Test
  void theSameExamplesGiveTheSameVersionOnEveryWorkerAndAnyChangeANewOne() {
    List<IntentClassifier.Example> examples = List.of(new IntentClassifier.Example(MISREAD, "opening_hours"));

    assertThat(TrainingSet.version(examples)).isEqualTo(TrainingSet.version(List.copyOf(examples))).hasSize(12);
    assertThat(TrainingSet.version(List.of(new IntentClassifier.Example(MISREAD, "newsletter"))))
        .isNotEqualTo(TrainingSet.version(examples));
  }

  /** A worker as Spring builds it: the bot, then its training, which loads at construction. */
  private Worker worker(IntentCatalog catalog) {
    return worker(catalog, learned -> ClassifierBot.train(catalog, learned));
  }

  private Worker worker(IntentCatalog catalog, Function<List<IntentClassifier.Example>, Model> trainer) {
    ClassifierBot bot = new ClassifierBot(catalog, ANSWERS, ClassifierBot.AnswerVariables.NONE, (Model) null);
    AtomicInteger trainings = new AtomicInteger();
    BotTraining training =
        new BotTraining(
            bot, catalog, reviews, models, DATA_SOURCE, Duration.ofHours(1),
            learned -> {
              trainings.incrementAndGet();
              return trainer.apply(learned);
            });
    training.load();
    Worker worker = new Worker(bot, training, trainings);
    workers.add(worker);
    return worker;
  }

  /** A supervisor approves a message as an example of {@code intent}; returns the example's id. */
  private long approve(String text, String intent) {
    String conversation = "c-" + ++turns;
    reviews.recordTurn(new BotTurnRow(conversation, 1, text, "unknown", 0.2, "en", "m", false, null, null));
    assertThat(reviews.decide(conversation, 1, intent, "sam")).isEqualTo(BotReviewStore.Decided.DONE);
    return reviews.lastExampleId();
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("within 10 s: " + what);
      }
      Thread.sleep(50);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static IntentCatalog catalog(String yaml) {
    return IntentCatalog.read(stream(yaml));
  }

  private static ByteArrayInputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
