package dev.baton.api.conversation;

import dev.baton.api.conversation.ConversationResponses.Place;
import dev.baton.api.live.EventStreams;
import dev.baton.api.live.NotificationHandler;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Message;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.notify.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The live streams of conversations on this api instance. A notification that a conversation
 * changed reads its new messages and state from PostgreSQL once and sends each stream what it has
 * not had yet; any instance can serve any stream, since all of them hear every notification.
 * Staff streams carry the staff view's events, the customer's stream the customer view's
 * (docs/live-delivery.md): a customer hears nothing of queues, logins or the bot's reading.
 */
@Component
class ConversationStreams implements NotificationHandler {
  private static final Logger log = LoggerFactory.getLogger(ConversationStreams.class);
  /** Messages read per query while catching a stream up. */
  private static final int PAGE = 500;

  private final ConversationStore store;
  private final ConversationReader reader;
  private final AgentNames names;
  private final EventStreams streams;
  private final Map<String, Topic> topics = new ConcurrentHashMap<>();

  ConversationStreams(ConversationStore store, ConversationReader reader, AgentNames names, EventStreams streams) {
    this.store = store;
    this.reader = reader;
    this.names = names;
    this.streams = streams;
  }

  /** Whose view a stream carries. */
  enum View {
    /** Supervisors, and agents of the conversation's queue or its holder. */
    STAFF,
    /** The conversation's customer. */
    CUSTOMER
  }

  /**
   * The part of a conversation's state an agent console shows, sent to staff as event {@code
   * status} when it changes.
   *
   * @param position place in the queue while waiting for a person; {@code null} otherwise
   */
  record StreamStatus(ConversationStatus status, String queue, String assignedAgent, Integer position) {}

  /**
   * The part of a conversation's state a chat window shows, sent to its customer as event {@code
   * status} when it changes.
   *
   * @param waiting place in line and expected wait while waiting for a person; {@code null} otherwise
   * @param agentName the display name of the agent holding it; {@code null} when none does
   */
  record CustomerStatus(ConversationStatus status, Place waiting, String agentName) {}

  /** One client's stream and how far it has got. Only its topic's drain touches it. */
  private static final class Subscriber {
    final SseEmitter emitter;
    final View view;
    long lastSeq;
    Object lastStatus;

    Subscriber(SseEmitter emitter, View view, long lastSeq) {
      this.emitter = emitter;
      this.view = view;
      this.lastSeq = lastSeq;
    }
  }

  /** Everyone following one conversation on this instance. */
  private static final class Topic {
    final String conversationId;
    final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    /** Pending reads: more than one while a read runs collapses into one more read. */
    final AtomicInteger pending = new AtomicInteger();
    /** The queue it waits in, when it waits: queue news may move it up. */
    volatile String waitingIn;

    Topic(String conversationId) {
      this.conversationId = conversationId;
    }
  }

  /**
   * Opens a stream of {@code view}'s events that first catches up from {@code afterSeq}, then
   * follows the conversation; {@code onEnd} runs when it ends.
   */
  SseEmitter follow(String conversationId, View view, long afterSeq, Runnable onEnd) {
    SseEmitter emitter =
        streams.open(
            ended -> {
              onEnd.run();
              leave(conversationId, ended);
            });
    Subscriber subscriber = new Subscriber(emitter, view, afterSeq);
    Topic topic =
        topics.compute(
            conversationId,
            (id, existing) -> {
              Topic t = existing == null ? new Topic(id) : existing;
              t.subscribers.add(subscriber);
              return t;
            });
    refresh(topic);
    return emitter;
  }

  @Override
  public Set<String> channels() {
    return Set.of(Channels.CONVERSATION, Channels.QUEUES, Channels.TYPING);
  }

  @Override
  public void notified(String channel, String payload) {
    if (Channels.TYPING.equals(channel)) {
      typing(payload);
      return;
    }
    if (Channels.CONVERSATION.equals(channel)) {
      Topic topic = topics.get(payload);
      if (topic != null) {
        refresh(topic);
      }
      return;
    }
    // A queue moved: whoever waits in it may have moved up.
    for (Topic topic : topics.values()) {
      String queue = topic.waitingIn;
      if (queue != null && (payload.isEmpty() || payload.equals(queue))) {
        refresh(topic);
      }
    }
  }

  /**
   * Someone types: event {@code typing} {@code {author, agentId}} to staff following the
   * conversation here, {@code {author}} to its customer; sent at once and never stored (each page
   * ignores its own side's).
   */
  record Typing(String author, String agentId) {}

  /** Someone types, as the customer hears it: which side, not which login. */
  record CustomerTyping(String author) {}

  private void typing(String payload) {
    String[] parts = payload.split("\t", -1);
    if (parts.length != 3) {
      return;
    }
    Topic topic = topics.get(parts[0]);
    if (topic == null) {
      return;
    }
    Typing typing = new Typing(parts[1], parts[2].isEmpty() ? null : parts[2]);
    CustomerTyping heard = new CustomerTyping(parts[1]);
    List<Subscriber> subscribers = List.copyOf(topic.subscribers);
    streams.execute(
        () -> {
          for (Subscriber subscriber : subscribers) {
            Object data = subscriber.view == View.CUSTOMER ? heard : typing;
            streams.send(subscriber.emitter, SseEmitter.event().name("typing").data(data, MediaType.APPLICATION_JSON));
          }
        });
  }

  @Override
  public void resynchronize() {
    topics.values().forEach(this::refresh);
  }

  private void leave(String conversationId, SseEmitter ended) {
    topics.computeIfPresent(
        conversationId,
        (id, topic) -> {
          topic.subscribers.removeIf(s -> s.emitter == ended);
          return topic.subscribers.isEmpty() ? null : topic;
        });
  }

  /** Asks for a read of the topic; reads asked for while one runs become one more read. */
  private void refresh(Topic topic) {
    if (topic.pending.getAndIncrement() == 0) {
      streams.execute(() -> drain(topic));
    }
  }

  private void drain(Topic topic) {
    int asked = topic.pending.get();
    do {
      try {
        deliver(topic);
      } catch (RuntimeException e) {
        // Left to the next notification or resynchronisation; the drain must still end cleanly.
        log.warn("Could not read conversation {} for its streams: {}", topic.conversationId, e.toString());
      }
      asked = topic.pending.addAndGet(-asked);
    } while (asked != 0);
  }

  /**
   * Reads the state first and the messages second: a terminal state read first guarantees the
   * last messages, written in the same transaction, are in the read that follows.
   */
  private void deliver(Topic topic) {
    // One snapshot for the whole round: a stream that joins meanwhile asked for a round of its own.
    List<Subscriber> subscribers = List.copyOf(topic.subscribers);
    if (subscribers.isEmpty()) {
      return;
    }
    Optional<ConversationView> recorded = store.find(topic.conversationId);
    if (recorded.isEmpty()) {
      return;
    }
    ConversationView view = recorded.get();
    Place place = reader.place(view);
    topic.waitingIn = place == null ? null : view.queue();
    long from = subscribers.stream().mapToLong(s -> s.lastSeq).min().orElseThrow();
    List<Message> messages = messagesAfter(topic.conversationId, from);
    Round staff =
        new Round(
            messages.stream().map(m -> new Line(m.seq(), m)).toList(),
            new StreamStatus(view.status(), view.queue(), view.assignedAgent(), place == null ? null : place.position()));
    Round customer = subscribers.stream().anyMatch(s -> s.view == View.CUSTOMER) ? customerRound(view, place, messages) : null;
    for (Subscriber subscriber : subscribers) {
      send(subscriber, subscriber.view == View.CUSTOMER ? customer : staff, view.status());
    }
  }

  /** What the streams of one view are sent in a round: the messages, each with its seq, and the status. */
  private record Round(List<Line> lines, Object status) {}

  private record Line(long seq, Object message) {}

  private Round customerRound(ConversationView view, Place place, List<Message> messages) {
    AgentNames.Lookup lookup = names.lookup();
    String agentName = view.status() == ConversationStatus.AGENT_ACTIVE ? lookup.of(view.assignedAgent()) : null;
    List<Line> lines = ConversationReader.forCustomer(messages, lookup).stream().map(m -> new Line(m.seq(), m)).toList();
    return new Round(lines, new CustomerStatus(view.status(), place, agentName));
  }

  private void send(Subscriber subscriber, Round round, ConversationStatus status) {
    for (Line line : round.lines()) {
      if (line.seq() <= subscriber.lastSeq) {
        continue;
      }
      SseEmitter.SseEventBuilder event =
          SseEmitter.event()
              .id(Long.toString(line.seq()))
              .name("message")
              .data(line.message(), MediaType.APPLICATION_JSON);
      if (!streams.send(subscriber.emitter, event)) {
        return;
      }
      subscriber.lastSeq = line.seq();
    }
    if (!round.status().equals(subscriber.lastStatus)) {
      if (!streams.send(subscriber.emitter, SseEmitter.event().name("status").data(round.status(), MediaType.APPLICATION_JSON))) {
        return;
      }
      subscriber.lastStatus = round.status();
    }
    if (!status.isOpen()) {
      // Nothing will change again; the client closes its EventSource on this status.
      streams.complete(subscriber.emitter);
    }
  }

  private List<Message> messagesAfter(String conversationId, long afterSeq) {
    List<Message> page = store.messages(conversationId, afterSeq, PAGE);
    if (page.size() < PAGE) {
      return page;
    }
    List<Message> all = new ArrayList<>(page);
    while (page.size() == PAGE) {
      page = store.messages(conversationId, all.get(all.size() - 1).seq(), PAGE);
      all.addAll(page);
    }
    return all;
  }

}
