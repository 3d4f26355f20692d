package dev.baton.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.baton.store.review.BotReviewStore;
import dev.baton.store.review.BotReviewStore.ModelRow;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/** The worker learns what supervisors approved, without a restart, and says which model it uses. */
class BotTrainingTest {
  /** The shipped bot reads this as a security concern, with little confidence. */
  private static final String MISREAD = "is someone there on sundays";

  @Test
  void approvedExamplesAreLearnedAtTheNextCheckAndTheModelInUseIsRecorded() {
    ClassifierBot bot = new ClassifierBot(ShippedBot.CATALOG, ShippedBot.ANSWERS, ShippedBot.HOURS, ShippedBot.MODEL);
    BotReviewStore reviews = mock(BotReviewStore.class);
    BotTraining training = new BotTraining(bot, ShippedBot.CATALOG, reviews, Duration.ofSeconds(5));
    String base = bot.model().version();

    when(reviews.lastExampleId()).thenReturn(0L);
    assertThat(training.check()).as("nothing approved yet: the model from the intents file stays").isFalse();
    ArgumentCaptor<ModelRow> recorded = ArgumentCaptor.forClass(ModelRow.class);
    verify(reviews).recordModel(recorded.capture());
    assertThat(recorded.getValue().version()).isEqualTo(base);
    assertThat(recorded.getValue().intents()).contains("product_advice", "track_order").doesNotContain("other_language");

    when(reviews.lastExampleId()).thenReturn(7L);
    when(reviews.examples())
        .thenReturn(
            List.of(
                new BotReviewStore.Example(6, "I want a refund for the weather", "no_such_intent"),
                new BotReviewStore.Example(7, MISREAD, "opening_hours")));
    assertThat(training.check()).isTrue();

    BotTurn turn = bot.respond(new BotRequest("c", MISREAD, null, null, 1));
    assertThat(turn.intent()).isEqualTo("opening_hours");
    assertThat(turn.confidence()).as("sure enough to answer").isGreaterThanOrEqualTo(0.7);
    assertThat(turn.reply()).contains("Monday to Friday");
    assertThat(turn.modelVersion()).isNotEqualTo(base);
    verify(reviews, org.mockito.Mockito.times(2)).recordModel(recorded.capture());
    assertThat(recorded.getValue().version()).isEqualTo(turn.modelVersion());
    assertThat(recorded.getValue().lastExampleId()).isEqualTo(7);
    assertThat(recorded.getValue().learned()).as("an example of an intent the bot does not have is left out").isEqualTo(1);
    assertThat(bot.respond(new BotRequest("c", "where is my order 12345678", null, null, 2)).intent())
        .as("what it read right before, it still reads right")
        .isEqualTo("track_order");

    assertThat(training.check()).as("nothing new since").isFalse();
  }

  @Test
  void theSameExamplesGiveTheSameVersionOnEveryWorkerAndAnyChangeANewOne() {
    List<IntentClassifier.Example> examples = List.of(new IntentClassifier.Example(MISREAD, "opening_hours"));

    assertThat(TrainingSet.version(examples)).isEqualTo(TrainingSet.version(List.copyOf(examples))).hasSize(12);
    assertThat(TrainingSet.version(List.of(new IntentClassifier.Example(MISREAD, "newsletter"))))
        .isNotEqualTo(TrainingSet.version(examples));
  }

  @Test
  void aFailedCheckKeepsTheModelInUse() {
    ClassifierBot bot = ShippedBot.BOT;
    BotReviewStore reviews = mock(BotReviewStore.class);
    when(reviews.lastExampleId()).thenThrow(new IllegalStateException("database down"));
    String before = bot.model().version();

    assertThat(new BotTraining(bot, ShippedBot.CATALOG, reviews, Duration.ofSeconds(5)).check()).isFalse();

    assertThat(bot.model().version()).isEqualTo(before);
    verify(reviews, never()).recordModel(any());
  }
}
