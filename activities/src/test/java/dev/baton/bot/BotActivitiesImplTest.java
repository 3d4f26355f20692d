package dev.baton.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.mock;

import dev.baton.store.review.BotReviewStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The bot's answer does not wait for its review row: with the database hanging, the turn answers
 * within a fraction of a second (before, it waited as long as the write did), and the row is
 * still written once the database answers.
 */
class BotActivitiesImplTest {
  @Test
  void aHungDatabaseHoldsNoReplyAndTheRowIsWrittenWhenItAnswers() throws InterruptedException {
    Bot bot = mock(Bot.class);
    given(bot.respond(any())).willReturn(new BotTurn("greeting", 0.9, 0, List.of(), "Hello!", false));
    BotReviewStore reviews = mock(BotReviewStore.class);
    CountDownLatch databaseBack = new CountDownLatch(1);
    CountDownLatch written = new CountDownLatch(1);
    willAnswer(call -> {
      if (databaseBack.await(10, TimeUnit.SECONDS)) {
        written.countDown();
      }
      return null;
    }).given(reviews).recordTurn(any());
    BotActivitiesImpl activities = new BotActivitiesImpl(bot, reviews, new SimpleMeterRegistry());

    long started = System.nanoTime();
    BotTurn turn = activities.respond(new BotRequest("c-1", "hi", "en", null, 1));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    databaseBack.countDown();

    assertThat(turn.reply()).isEqualTo("Hello!");
    assertThat(took).isLessThan(Duration.ofSeconds(1));
    assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
  }
}
