package dev.baton.api.conversation;

import dev.baton.api.conversation.ConversationResponses.ChatMessage;
import dev.baton.api.conversation.ConversationResponses.ChatMessages;
import dev.baton.api.conversation.ConversationResponses.Conversation;
import dev.baton.api.conversation.ConversationResponses.ConversationAnswer;
import dev.baton.api.conversation.ConversationResponses.CustomerCallback;
import dev.baton.api.conversation.ConversationResponses.CustomerConversation;
import dev.baton.api.conversation.ConversationResponses.Messages;
import dev.baton.api.conversation.ConversationResponses.MessagesAnswer;
import dev.baton.api.conversation.ConversationResponses.Place;
import dev.baton.api.security.Caller;
import dev.baton.conversation.Author;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Message;
import dev.baton.store.StoreWatch;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * One conversation as the API shows it, for every endpoint that answers with one: its live state
 * from the workflow (or as last recorded), the latest page of its transcript ({@link
 * Transcripts}), and while it waits for a person
 * its place in the queue. Staff get the staff view; everyone else (its customer) the customer
 * view, so a caller the API cannot place reads the less.
 */
@Component
class ConversationReader {
  private static final Logger log = LoggerFactory.getLogger(ConversationReader.class);
  private final ConversationService conversations;
  private final ConversationStore store;
  private final AgentStore agents;
  private final AgentNames names;
  private final TemporalUiLinks links;
  /** Whether the database answered lately: while it does not, reads go without it at once. */
  private final StoreWatch storeWatch;

  ConversationReader(
      ConversationService conversations, ConversationStore store, AgentStore agents, AgentNames names, TemporalUiLinks links) {
    this.conversations = conversations;
    this.store = store;
    this.agents = agents;
    this.names = names;
    this.links = links;
    this.storeWatch = new StoreWatch(StoreWatch.REST).probeWith(() -> store.find("store-probe"));
  }

  /** The conversation as the current caller may read it. */
  ConversationAnswer read(String conversationId) {
    return staffAsks() ? staffView(conversationId) : customerView(conversationId);
  }

  /** A page of its messages, as the current caller may read them. */
  MessagesAnswer messages(String conversationId, Transcripts.Page page) {
    return staffAsks()
        ? new Messages(conversationId, page.messages(), page.next())
        : new ChatMessages(conversationId, forCustomer(page.messages()), page.next());
  }

  Conversation staffView(String conversationId) {
    ConversationView view = conversations.state(conversationId);
    Transcripts.Page latest = latest(view);
    return new Conversation(
        view.conversationId(),
        view.status(),
        view.customer(),
        view.channel(),
        view.intent(),
        view.intent() == null ? null : view.confidence(),
        view.intent() == null ? null : view.sentiment(),
        view.queue(),
        view.assignedAgent(),
        view.escalation(),
        view.summary(),
        view.callback(),
        place(view),
        view.lastSeq(),
        latest.messages(),
        latest.next(),
        links.conversation(conversationId));
  }

  CustomerConversation customerView(String conversationId) {
    ConversationView view = conversations.state(conversationId);
    AgentNames.Lookup lookup = names.lookup();
    Transcripts.Page latest = latest(view);
    return new CustomerConversation(
        view.conversationId(),
        view.status(),
        place(view),
        view.status() == ConversationStatus.AGENT_ACTIVE ? lookup.of(view.assignedAgent()) : null,
        CustomerCallback.of(view.callback()),
        view.lastSeq(),
        forCustomer(latest.messages(), lookup),
        latest.next());
  }

  /**
   * The latest page of the transcript, and after it the lines the conversation said that
   * PostgreSQL does not have yet (its writes are behind, or wait for the catch-up after an
   * outage): a reader sees what the conversation knows. Asked of the workflow only when its last
   * line is past the store's, which is almost never.
   */
  private Transcripts.Page latest(ConversationView view) {
    Transcripts.Page page;
    try {
      if (!storeWatch.tryNow()) {
        throw new DataAccessResourceFailureException("Baton's database is down");
      }
      page = Transcripts.latest(store, view.conversationId());
      storeWatch.answered();
    } catch (DataAccessException e) {
      storeWatch.failed();
      return knownToTheWorkflow(view);
    }
    long written = page.messages().isEmpty() ? 0 : page.messages().get(page.messages().size() - 1).seq();
    if (view.lastSeq() <= written) {
      return page;
    }
    List<Message> behind =
        conversations.unwritten(view.conversationId()).stream().filter(m -> m.seq() > written).toList();
    if (behind.isEmpty()) {
      return page;
    }
    List<Message> lines = new ArrayList<>(page.messages());
    lines.addAll(behind);
    return new Transcripts.Page(List.copyOf(lines), page.next());
  }

  /**
   * While the database does not answer: the lines the conversation holds unwritten, and a cursor
   * to the ones before them, which the paged {@code …/messages} reads when the store is back.
   */
  private Transcripts.Page knownToTheWorkflow(ConversationView view) {
    List<Message> known = conversations.unwritten(view.conversationId());
    long first = known.isEmpty() ? view.lastSeq() + 1 : known.get(0).seq();
    return new Transcripts.Page(known, first > 1 ? first : null);
  }

  /** Transcript lines as the customer reads them: agents by their display names. */
  List<ChatMessage> forCustomer(List<Message> messages) {
    return forCustomer(messages, names.lookup());
  }

  static List<ChatMessage> forCustomer(List<Message> messages, AgentNames.Lookup names) {
    return messages.stream()
        .map(m -> new ChatMessage(m.seq(), m.author(), m.author() == Author.AGENT ? names.of(m.agentId()) : null, m.text(), m.at()))
        .toList();
  }

  /** Whether staff ask: an agent, a supervisor or an admin. Anyone else reads the customer view. */
  static boolean staffAsks() {
    return Caller.of(SecurityContextHolder.getContext().getAuthentication()).map(Caller::staff).orElse(false);
  }

  /**
   * Where the conversation stands in its queue; {@code null} unless it waits for a person, and
   * while the database does not answer: the customer still reads their conversation, without the
   * place for that moment.
   */
  Place place(ConversationView view) {
    if (view.status() != ConversationStatus.AWAITING_AGENT || view.escalation() == null) {
      return null;
    }
    if (!storeWatch.tryNow()) {
      return null;
    }
    try {
      Place place = Place.of(agents.availability(view.escalation().queue(), view.escalation().priority(), view.conversationId()));
      storeWatch.answered();
      return place;
    } catch (DataAccessException e) {
      storeWatch.failed();
      log.debug("Place of {} unknown: the database did not answer: {}", view.conversationId(), e.getMessage());
      return null;
    }
  }
}
