package dev.baton.conversation;

import dev.baton.bot.BotActivities;
import dev.baton.bot.BotRequest;
import dev.baton.bot.BotTurn;
import dev.baton.bot.Fact;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bot whose readings the test scripts, one per message, in order. A scripted {@code null} is a
 * bot failure. Unscripted messages get a confident answer.
 */
class ScriptedBot implements BotActivities {
  private static final BotTurn FAILS = new BotTurn("fails", 0, 0, List.of(), "", false, false);

  final List<BotRequest> requests = new CopyOnWriteArrayList<>();
  private final Queue<BotTurn> script = new ConcurrentLinkedQueue<>();
  /** Retries of a turn get what its first attempt got, so a failure fails every attempt. */
  private BotRequest lastRequest;
  private BotTurn lastScripted;

  ScriptedBot then(BotTurn turn) {
    script.add(turn == null ? FAILS : turn);
    return this;
  }

  @Override
  public synchronized BotTurn respond(BotRequest request) {
    BotTurn next;
    if (request.equals(lastRequest)) {
      next = lastScripted;
    } else {
      requests.add(request);
      next = script.poll();
      lastRequest = request;
      lastScripted = next;
    }
    if (next == FAILS) {
      throw new IllegalStateException("bot is down");
    }
    return next != null ? next : answer("track_order", 0.95, 0.0);
  }

  static BotTurn answer(String intent, double confidence, double sentiment, Fact... facts) {
    return new BotTurn(intent, confidence, sentiment, List.of(facts), "Answer about " + intent, false, true);
  }

  /** The bot recognised the request and asks for something it needs (an order number). */
  static BotTurn asks(String intent, double confidence) {
    return new BotTurn(intent, confidence, 0, List.of(), "What's your order number?", false, false);
  }

  static BotTurn noAnswer(String intent, double confidence) {
    return new BotTurn(intent, confidence, 0, List.of(), null, false, false);
  }

  static BotTurn unknown() {
    return new BotTurn("unknown", 0, 0, List.of(), "Sorry, could you say that differently?", false, false);
  }
}
