package dev.baton.bot;

import dev.baton.store.review.BotReviewStore;
import dev.baton.store.review.BotReviewStore.BotTurnRow;
import io.micrometer.core.instrument.MeterRegistry;
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
    try {
      reviews.recordTurn(
          new BotTurnRow(
              request.conversationId(), request.turn(), request.text() == null ? "" : request.text(), turn.intent(),
              turn.confidence(), turn.language(), turn.modelVersion(), turn.answered(), turn.tornWith(), null));
    } catch (RuntimeException e) {
      // The customer's answer matters more than the review record: the transcript has the message.
      log.warn("Bot turn {} of {} not recorded for review: {}", request.turn(), request.conversationId(), e.getMessage());
    }
    return turn;
  }
}
