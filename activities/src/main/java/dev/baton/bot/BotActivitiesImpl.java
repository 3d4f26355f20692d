package dev.baton.bot;

import dev.baton.store.review.BotReviewStore;
import dev.baton.store.review.BotReviewStore.BotTurnRow;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs the configured {@link Bot} as the conversation workflow's bot activity, and records how
 * it read the message (intent, confidence, language, model version) for the review loop.
 */
@Component
public class BotActivitiesImpl implements BotActivities {
  private static final Logger log = LoggerFactory.getLogger(BotActivitiesImpl.class);

  /** How long a turn waits for its review row; a healthy database writes one in milliseconds. */
  static final Duration REVIEW_WAIT = Duration.ofMillis(100);
  /** Review rows waiting to be written while the database is slow; past it, new ones are skipped. */
  static final int REVIEW_BACKLOG = 1000;
  /** Threads writing review rows (each holds a pooled connection while it writes). */
  private static final int REVIEW_WRITERS = 4;

  private final ExecutorService reviewWrites =
      new ThreadPoolExecutor(
          REVIEW_WRITERS, REVIEW_WRITERS, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(REVIEW_BACKLOG),
          runnable -> {
            Thread thread = new Thread(runnable, "baton-review-writes");
            thread.setDaemon(true);
            return thread;
          },
          new ThreadPoolExecutor.AbortPolicy());
  private final Bot bot;
  private final BotReviewStore reviews;
  /** How long the bot takes to read a message and answer, without Temporal or the store. */
  private final Timer reading;

  public BotActivitiesImpl(Bot bot, BotReviewStore reviews, MeterRegistry meters) {
    this.bot = bot;
    this.reviews = reviews;
    this.reading =
        Timer.builder("baton.bot.read")
            .description("The bot reading one customer message and answering it (language, intent, facts, reply)")
            .publishPercentileHistogram()
            // The bot reads in about a millisecond: buckets from 0.1 ms, or p50 reads "1 ms or less".
            .minimumExpectedValue(java.time.Duration.ofNanos(100_000))
            .register(meters);
  }

  @Override
  public BotTurn respond(BotRequest request) {
    BotTurn turn = reading.record(() -> bot.respond(request));
    BotTurnRow row =
        new BotTurnRow(
            request.conversationId(), request.turn(), request.text() == null ? "" : request.text(), turn.intent(),
            turn.confidence(), turn.language(), turn.modelVersion(), turn.answered(), turn.tornWith(), null);
    // The customer's answer matters more than the review record (the transcript has the message):
    // the row is written beside the turn and waited for only briefly, so a database that is down
    // or hangs holds no reply.
    Future<?> written;
    try {
      written = reviewWrites.submit(() -> write(row));
    } catch (RejectedExecutionException e) {
      log.warn("Bot turn {} of {} not recorded for review: {} writes already wait", row.turn(), row.conversationId(), REVIEW_BACKLOG);
      return turn;
    }
    try {
      written.get(REVIEW_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.debug("Bot turn {} of {} recorded for review later", row.turn(), row.conversationId());
    } catch (ExecutionException e) {
      // write() reports its own failures.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return turn;
  }

  private void write(BotTurnRow row) {
    try {
      reviews.recordTurn(row);
    } catch (RuntimeException e) {
      log.warn("Bot turn {} of {} not recorded for review: {}", row.turn(), row.conversationId(), e.getMessage());
    }
  }
}
