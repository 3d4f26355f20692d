package dev.baton.store.conversation;

import static dev.baton.store.StoreDatabase.ADA;
import static dev.baton.store.StoreDatabase.JDBC;
import static dev.baton.store.StoreDatabase.T0;
import static dev.baton.store.StoreDatabase.change;
import static dev.baton.store.StoreDatabase.entry;
import static dev.baton.store.StoreDatabase.message;
import static dev.baton.store.StoreDatabase.view;
import static dev.baton.store.StoreDatabase.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.conversation.Author;
import dev.baton.conversation.Callback;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.Customer;
import dev.baton.conversation.TranscriptEntry;
import dev.baton.store.StoreDatabase;
import dev.baton.store.notify.Channels;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The transcript and read model on a real PostgreSQL with the shipped migrations. */
class ConversationStoreTest {
  private final ConversationStore store = StoreDatabase.conversations();

  @BeforeEach
  void empty() {
    StoreDatabase.clear();
  }

  @Test
  void writesTheConversationAndItsMessages() {
    store.record(entry(view("t-1", ConversationStatus.BOT_ACTIVE, 2), null, message(1, Author.CUSTOMER, "hi"), message(2, Author.BOT, "hello")));

    Map<String, Object> row = JDBC.queryForMap("select * from conversations where conversation_id = 't-1'");
    assertThat(row).containsEntry("status", "BOT_ACTIVE").containsEntry("customer_tier", "vip").containsEntry("last_seq", 2L);
    assertThat(texts("t-1")).containsExactly("hi", "hello");
  }

  @Test
  void readsTheTranscriptBackwardsPageByPage() {
    store.record(entry(view("t-pages", ConversationStatus.BOT_ACTIVE, 5), null,
        message(1, Author.CUSTOMER, "one"), message(2, Author.BOT, "two"), message(3, Author.CUSTOMER, "three"),
        message(4, Author.BOT, "four"), message(5, Author.CUSTOMER, "five")));

    assertThat(store.messagesBefore("t-pages", Long.MAX_VALUE, 2)).extracting(m -> m.text()).containsExactly("four", "five");
    assertThat(store.messagesBefore("t-pages", 4, 2)).extracting(m -> m.text()).containsExactly("two", "three");
    assertThat(store.messagesBefore("t-pages", 2, 2)).extracting(m -> m.text()).containsExactly("one");
    assertThat(store.messagesBefore("t-pages", 1, 2)).isEmpty();
  }

  @Test
  void textPostgresRefusesIsRepairedAndTheNextWriteGoesThrough() {
    // NUL is refused by PostgreSQL in text and jsonb alike; before the repair the write failed,
    // and every later write that carried the line failed with it.
    store.record(entry(view("t-nul", ConversationStatus.BOT_ACTIVE, 2), null,
        message(1, Author.CUSTOMER, "x\u0000y"), message(2, Author.BOT, "bell\u0007 half\ud83d")));
    store.record(entry(view("t-nul", ConversationStatus.BOT_ACTIVE, 3), null, message(3, Author.CUSTOMER, "next")));

    assertThat(texts("t-nul")).containsExactly("x\uFFFDy", "bell\uFFFD half\uFFFD", "next");
    assertThat(JDBC.queryForObject("select last_seq from conversations where conversation_id = 't-nul'", Long.class)).isEqualTo(3L);
  }

  @Test
  void aRetriedWriteAddsNothing() {
    TranscriptEntry entry =
        entry(view("t-2", ConversationStatus.CLOSED, 1), change(1, ConversationStatus.BOT_ACTIVE, ConversationStatus.CLOSED, T0), message(1, Author.SYSTEM, "closed"));

    store.record(entry);
    store.record(entry);

    assertThat(texts("t-2")).containsExactly("closed");
    assertThat(JDBC.queryForObject("select count(*) from conversation_status_changes where conversation_id = 't-2'", Integer.class))
        .isEqualTo(1);
  }

  @Test
  void aLateRetryOfAnOlderWriteDoesNotRollTheConversationBack() {
    TranscriptEntry older = entry(view("t-3", ConversationStatus.BOT_ACTIVE, 2), null, message(1, Author.CUSTOMER, "a"), message(2, Author.BOT, "b"));
    TranscriptEntry newer =
        entry(view("t-3", ConversationStatus.RESOLVED, 4), change(1, ConversationStatus.BOT_ACTIVE, ConversationStatus.RESOLVED, T0),
            message(3, Author.CUSTOMER, "c"), message(4, Author.BOT, "d"));

    store.record(older);
    store.record(newer);
    store.record(older);

    assertThat(store.find("t-3")).get().extracting(ConversationView::status).isEqualTo(ConversationStatus.RESOLVED);
    assertThat(texts("t-3")).containsExactly("a", "b", "c", "d");
  }

  @Test
  void aConversationReadsBackAsItWasWritten() {
    ConversationView escalated = waiting("t-4", "orders", 3, T0);
    ConversationView withCallback =
        new ConversationView(
            escalated.conversationId(), escalated.customer(), escalated.channel(), ConversationStatus.CALLBACK_SCHEDULED,
            escalated.intent(), escalated.confidence(), escalated.sentiment(), escalated.queue(), null, 2, 1,
            escalated.escalation(), escalated.summary(),
            new Callback("17", "#17", T0.plusSeconds(3600), T0.plusSeconds(5400)));

    store.record(entry(withCallback, null, message(1, Author.CUSTOMER, "a"), message(2, Author.SYSTEM, "b")));

    assertThat(store.find("t-4")).contains(withCallback);
    assertThat(store.find("nope")).isEmpty();
  }

  @Test
  void messagesArePagedAfterASequenceNumber() {
    store.record(entry(view("t-5", ConversationStatus.BOT_ACTIVE, 4), null,
        message(1, Author.CUSTOMER, "a"), message(2, Author.BOT, "b"), message(3, Author.CUSTOMER, "c"), message(4, Author.BOT, "d")));

    assertThat(store.messages("t-5", 1, 2)).extracting(m -> m.text()).containsExactly("b", "c");
    assertThat(store.messages("t-5", 4, 10)).isEmpty();
    assertThat(store.messages("t-5", 0, 10).get(0)).isEqualTo(message(1, Author.CUSTOMER, "a"));
  }

  @Test
  void theWaitingListIsHighestPriorityFirstThenLongestWaiting() {
    store.record(entry(waiting("w-late", "orders", 2, T0.plusSeconds(60)), null));
    store.record(entry(waiting("w-early", "orders", 2, T0), null));
    store.record(entry(waiting("w-urgent", "orders", 5, T0.plusSeconds(120)), null));
    store.record(entry(waiting("w-other", "billing", 9, T0), null));
    store.record(entry(view("bot", ConversationStatus.BOT_ACTIVE, 1), null));

    assertThat(store.waitingIn("orders")).extracting(WaitingConversation::conversationId).containsExactly("w-urgent", "w-early", "w-late");
    assertThat(store.waitingIn("orders").get(0).summary().keyFacts()).singleElement().satisfies(f -> assertThat(f.value()).isEqualTo("12345678"));
    assertThat(store.waitingCount("orders")).isEqualTo(3);
    assertThat(store.waitingCount("general")).isZero();
  }

  @Test
  void anAgentsWorklistHasWhatTheyHoldWithTheCustomersLastMessageAndWhetherItWaitsForAReply() {
    store.record(entry(held("h-waits", "alice", 3), null,
        message(1, Author.CUSTOMER, "my parcel is late"), agentMessage(2, "alice", "Let me check"),
        message(3, Author.CUSTOMER, "any news?")));
    store.record(entry(held("h-answered", "alice", 2), null,
        message(1, Author.CUSTOMER, "hello"), agentMessage(2, "alice", "Hi, how can I help?")));
    store.record(entry(held("h-bob", "bob", 1), null, message(1, Author.CUSTOMER, "hi")));
    store.record(entry(waiting("h-waiting", "orders", 2, T0), null));

    List<HeldConversation> worklist = store.heldBy("alice");

    assertThat(worklist).extracting(HeldConversation::conversationId).containsExactlyInAnyOrder("h-waits", "h-answered");
    HeldConversation waits = worklist.stream().filter(c -> c.conversationId().equals("h-waits")).findFirst().orElseThrow();
    assertThat(waits.lastCustomerText()).isEqualTo("any news?");
    assertThat(waits.waitingForReplySince()).isEqualTo(T0.plusSeconds(3));
    assertThat(waits.summary().recommendedQueue()).isEqualTo("orders");
    HeldConversation answered = worklist.stream().filter(c -> c.conversationId().equals("h-answered")).findFirst().orElseThrow();
    assertThat(answered.lastCustomerText()).isEqualTo("hello");
    assertThat(answered.waitingForReplySince()).as("the agent answered last").isNull();
    assertThat(store.heldBy("carol")).isEmpty();
  }

  @Test
  void theCustomersEarlierConversationsAreListedNewestFirstWithoutTheOneHeld() {
    store.record(entry(view("e-1", ConversationStatus.RESOLVED, 1), null));
    store.record(entry(waiting("e-2", "orders", 2, T0), null));
    store.record(entry(held("e-now", "alice", 1), null));
    JDBC.update("update conversations set created_at = now() - interval '200 days' where conversation_id = 'e-1'");
    JDBC.update("update conversations set created_at = now() - interval '3 days' where conversation_id = 'e-2'");

    List<EarlierConversation> earlier = store.earlierOf("e-now", java.time.Instant.now().minus(java.time.Duration.ofDays(90)));

    assertThat(earlier).extracting(EarlierConversation::conversationId).containsExactly("e-2");
    assertThat(earlier.get(0).status()).isEqualTo("AWAITING_AGENT");
    assertThat(earlier.get(0).issue()).isNotBlank();
    assertThat(store.earlierOf("e-now", java.time.Instant.now().minus(java.time.Duration.ofDays(365))))
        .extracting(EarlierConversation::conversationId)
        .containsExactly("e-2", "e-1");
  }

  @Test
  void theCallbacksOfAQueueAreListedEarliestPromiseFirst() {
    store.record(entry(callback("cb-late", "#2", T0.plusSeconds(7200)), null));
    store.record(entry(callback("cb-early", "#1", T0.plusSeconds(3600)), null));
    store.record(entry(waiting("cb-waiting", "orders", 2, T0), null));

    assertThat(store.callbacksIn("orders")).extracting(PromisedCallback::conversationId).containsExactly("cb-early", "cb-late");
    assertThat(store.callbacksIn("orders").get(0).ticketReference()).isEqualTo("#1");
    assertThat(store.callbacksIn("orders").get(0).promisedBy()).isEqualTo(T0.plusSeconds(3600));
    assertThat(store.callbacksIn("billing")).isEmpty();
  }

  /** A conversation with a callback promised in the orders queue by {@code promisedBy}. */
  private static ConversationView callback(String id, String ticket, java.time.Instant promisedBy) {
    ConversationView waiting = waiting(id, "orders", 2, T0);
    return new ConversationView(
        id, waiting.customer(), "web", ConversationStatus.CALLBACK_SCHEDULED, waiting.intent(), 0.8, -0.2, "orders", null,
        2, 1, waiting.escalation(), waiting.summary(), new Callback("t-" + ticket, ticket, promisedBy.minusSeconds(1800), promisedBy));
  }

  /** A conversation {@code agent} holds, taken over from the orders queue. */
  private static ConversationView held(String id, String agent, long lastSeq) {
    ConversationView waiting = waiting(id, "orders", 2, T0);
    return new ConversationView(
        id, waiting.customer(), "web", ConversationStatus.AGENT_ACTIVE, waiting.intent(), 0.8, -0.2, "orders", agent,
        lastSeq, 1, waiting.escalation(), waiting.summary(), null);
  }

  private static dev.baton.conversation.Message agentMessage(long seq, String agent, String text) {
    return new dev.baton.conversation.Message(seq, Author.AGENT, agent, text, T0.plusSeconds(seq));
  }

  @Test
  void priorContactsCountTheCustomersOtherRecentConversations() {
    store.record(entry(view("p-1", ConversationStatus.BOT_ACTIVE, 1), null));
    store.record(entry(view("p-2", ConversationStatus.BOT_ACTIVE, 1), null));

    assertThat(store.priorContacts(ADA.id(), false, "p-2", T0.minusSeconds(1_000_000_000L))).isEqualTo(1);
    assertThat(store.priorContacts(ADA.id(), false, "p-2", java.time.Instant.now().plusSeconds(3600))).isZero();
    assertThat(store.priorContacts("someone-else", false, "p-2", T0.minusSeconds(1_000_000_000L))).isZero();
  }

  /**
   * An anonymous caller may name any customer id. A verified customer's conversations are no
   * history of an anonymous one of the same id, nor the other way round, and rows from before
   * the kind was kept (null) are nobody's history.
   */
  @Test
  void anAnonymousCustomerAndAVerifiedOneOfTheSameIdShareNoHistory() {
    Customer verified = new Customer("cust-42", "Ada", "ada@example.com", "vip", "en", null, true);
    Customer impostor = new Customer("cust-42", "Eve", null, "standard", "en");
    store.record(entry(as(view("v-1", ConversationStatus.RESOLVED, 1), verified), null));
    store.record(entry(as(view("v-old", ConversationStatus.RESOLVED, 1), verified), null));
    JDBC.update("update conversations set customer_verified = null where conversation_id = 'v-old'");
    store.record(entry(as(view("a-1", ConversationStatus.BOT_ACTIVE, 1), impostor), null));
    store.record(entry(as(view("v-2", ConversationStatus.BOT_ACTIVE, 1), verified), null));
    java.time.Instant since = T0.minusSeconds(1_000_000_000L);

    assertThat(store.earlierOf("a-1", since)).isEmpty();
    assertThat(store.priorContacts("cust-42", false, "a-1", since)).isZero();
    assertThat(store.earlierOf("v-2", since)).extracting(EarlierConversation::conversationId).containsExactly("v-1");
    assertThat(store.priorContacts("cust-42", true, "v-2", since)).isEqualTo(1);
    assertThat(store.find("v-2").orElseThrow().customer().verified()).isTrue();
    assertThat(store.find("a-1").orElseThrow().customer().verified()).isFalse();
  }

  private static ConversationView as(ConversationView view, Customer customer) {
    return new ConversationView(
        view.conversationId(), customer, view.channel(), view.status(), view.intent(), view.confidence(), view.sentiment(),
        view.queue(), view.assignedAgent(), view.lastSeq(), view.turns(), view.escalation(), view.summary(), view.callback());
  }

  @Test
  void ratingAgainReplacesTheRating() {
    store.record(entry(view("r-1", ConversationStatus.RESOLVED, 1), null));

    store.rate("r-1", 2, "slow");
    store.rate("r-1", 5, null);

    assertThat(JDBC.queryForList("select score || ':' || coalesce(comment, '-') from csat where conversation_id = 'r-1'", String.class))
        .containsExactly("5:-");
  }

  @Test
  void aWriteNotifiesTheConversationAndWhileItWaitsItsQueueOnCommit() throws Exception {
    try (Connection listener = StoreDatabase.DATA_SOURCE.getConnection(); Statement listen = listener.createStatement()) {
      listen.execute("LISTEN " + Channels.CONVERSATION);
      listen.execute("LISTEN " + Channels.QUEUES);

      store.record(entry(view("n-1", ConversationStatus.BOT_ACTIVE, 1), null, message(1, Author.CUSTOMER, "hi")));
      store.record(entry(waiting("n-2", "orders", 1, T0), null));

      assertThat(notifications(listener))
          .containsExactly(Channels.CONVERSATION + ":n-1", Channels.CONVERSATION + ":n-2", Channels.QUEUES + ":orders");
    }
  }

  private static List<String> notifications(Connection listener) throws Exception {
    List<String> received = new ArrayList<>();
    PGConnection postgres = listener.unwrap(PGConnection.class);
    PGNotification[] batch;
    while ((batch = postgres.getNotifications(500)) != null && batch.length > 0) {
      for (PGNotification n : batch) {
        received.add(n.getName() + ":" + n.getParameter());
      }
    }
    return received;
  }

  private static List<String> texts(String conversationId) {
    return JDBC.queryForList("select text from messages where conversation_id = ? order by seq", String.class, conversationId);
  }

  @Test
  void theListPagesNewestFirstWithEachConversationOnce() {
    for (String id : List.of("l-1", "l-2", "l-3", "l-4", "l-5")) {
      store.record(entry(view(id, ConversationStatus.BOT_ACTIVE, 1), null, message(1, Author.CUSTOMER, "hi")));
    }
    ConversationQuery everything = new ConversationQuery(null, null, null, null, null, null, null, null);

    List<String> seen = new java.util.ArrayList<>();
    ListedConversation.Position after = null;
    do {
      List<ListedConversation> page = store.list(everything, after, 2);
      page.forEach(c -> seen.add(c.conversationId()));
      after = page.size() < 2 ? null : page.get(page.size() - 1).position();
    } while (after != null);

    assertThat(seen).containsExactly("l-5", "l-4", "l-3", "l-2", "l-1");
  }

  @Test
  void theListFiltersAndKeepsAnAgentToTheirQueuesAndTheirOwn() {
    store.record(entry(waiting("w-orders", "orders", 2, T0), null, message(1, Author.CUSTOMER, "hi")));
    store.record(entry(waiting("w-billing", "billing", 3, T0), null, message(1, Author.CUSTOMER, "hi")));
    store.record(entry(view("bot", ConversationStatus.BOT_ACTIVE, 1), null, message(1, Author.CUSTOMER, "hi")));

    assertThat(ids(new ConversationQuery(ConversationStatus.AWAITING_AGENT, null, null, null, null, null, null, null)))
        .containsExactlyInAnyOrder("w-orders", "w-billing");
    assertThat(ids(new ConversationQuery(null, "billing", null, null, null, null, null, null))).containsExactly("w-billing");
    assertThat(ids(new ConversationQuery(null, null, null, ADA.id(), null, null, List.of("orders"), "alice")))
        .containsExactly("w-orders");
    // All three started now, long after T0.
    assertThat(ids(new ConversationQuery(null, null, null, null, null, T0, null, null))).isEmpty();
    assertThat(ids(new ConversationQuery(null, null, null, null, T0, null, null, null))).hasSize(3);
  }

  private List<String> ids(ConversationQuery query) {
    return store.list(query, null, 50).stream().map(ListedConversation::conversationId).toList();
  }
}
