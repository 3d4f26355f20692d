package dev.baton.bot;

import dev.baton.conversation.Message;
import java.util.List;

/** The last lines of a conversation's transcript, oldest first, for bots that read the context. */
@FunctionalInterface
public interface RecentTurns {
  List<Message> last(String conversationId, int count);

  /** For bots outside a worker (tests, the evaluation command): no history. */
  RecentTurns NONE = (conversationId, count) -> List.of();
}
