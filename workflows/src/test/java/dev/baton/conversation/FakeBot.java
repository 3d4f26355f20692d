package dev.baton.conversation;

import dev.baton.bot.BotActivities;
import dev.baton.bot.BotRequest;
import dev.baton.bot.BotTurn;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A bot for workflow tests: echoes the message, resolves on "solved", fails on "explode". */
class FakeBot implements BotActivities {
  final List<BotRequest> requests = new CopyOnWriteArrayList<>();

  @Override
  public BotTurn respond(BotRequest request) {
    requests.add(request);
    if (request.text().contains("explode")) {
      throw new IllegalStateException("bot is down");
    }
    boolean solved = request.text().contains("solved");
    return new BotTurn(
        solved ? "conversation_resolved" : "echo",
        0.9,
        solved ? 0.8 : 0.0,
        List.of(),
        "You said: " + request.text(),
        solved);
  }
}
