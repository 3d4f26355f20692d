package dev.baton.api.conversation;

import dev.baton.conversation.Message;
import dev.baton.store.conversation.ConversationStore;
import java.util.List;

/**
 * Pages of a conversation's transcript: no answer carries a whole transcript, however long it
 * grew. A conversation's views carry the latest page; {@code GET …/messages} pages forwards
 * ({@code after}) and backwards ({@code before}). One more line than the page is read, to know
 * whether there is a next page without counting.
 */
final class Transcripts {
  /** Lines in a conversation's views, and in a page of messages unless the client asks otherwise. */
  static final int PAGE = 100;
  /** The most lines a client may ask for in one page. */
  static final int MAX_PAGE = 500;

  private Transcripts() {}

  /**
   * Lines of a transcript, oldest first.
   *
   * @param next where the next page in the same direction starts (the {@code after} or {@code
   *     before} to pass); null when there is none
   */
  record Page(List<Message> messages, Long next) {}

  /** The latest page; its {@code next} reads the lines before it. */
  static Page latest(ConversationStore store, String conversationId) {
    return before(store, conversationId, Long.MAX_VALUE, PAGE);
  }

  /** The {@code limit} lines just before {@code beforeSeq}; {@code next} reads the ones before those. */
  static Page before(ConversationStore store, String conversationId, long beforeSeq, int limit) {
    List<Message> found = store.messagesBefore(conversationId, beforeSeq, limit + 1);
    if (found.size() <= limit) {
      return new Page(found, null);
    }
    List<Message> page = List.copyOf(found.subList(1, found.size()));
    return new Page(page, page.get(0).seq());
  }

  /** The {@code limit} lines after {@code afterSeq}; {@code next} reads the ones after those. */
  static Page after(ConversationStore store, String conversationId, long afterSeq, int limit) {
    List<Message> found = store.messages(conversationId, afterSeq, limit + 1);
    if (found.size() <= limit) {
      return new Page(found, null);
    }
    List<Message> page = List.copyOf(found.subList(0, limit));
    return new Page(page, page.get(limit - 1).seq());
  }
}
