package dev.baton.store.tickets;

import static dev.baton.store.StoreDatabase.ADA;
import static dev.baton.store.StoreDatabase.JDBC;
import static dev.baton.store.StoreDatabase.T0;
import static dev.baton.store.StoreDatabase.TX;
import static dev.baton.store.StoreDatabase.summary;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.helpdesk.NewTicket;
import dev.baton.helpdesk.TicketStatus;
import dev.baton.store.StoreDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The built-in helpdesk's tickets: exactly-once writes and the status rules, from either side. */
class TicketStoreTest {
  private final TicketStore tickets = new TicketStore(JDBC, TX);

  @BeforeEach
  void empty() {
    StoreDatabase.clear();
  }

  @Test
  void aRepeatedCreateReturnsTheFirstTicket() {
    long first = tickets.create(ticket("cb-1", "orders", 2));
    long again = tickets.create(ticket("cb-1", "orders", 2));

    assertThat(again).isEqualTo(first);
    TicketDetails details = tickets.find(first).orElseThrow();
    assertThat(details.ticket().reference()).isEqualTo("#" + first);
    assertThat(details.ticket().status()).isEqualTo(TicketStatus.NEW);
    assertThat(details.ticket().promisedBy()).isEqualTo(T0);
    assertThat(details.summary()).isEqualTo(summary("orders", 2));
    assertThat(details.transcriptUrl()).isEqualTo("/api/v1/conversations/c-cb-1/messages");
    assertThat(details.events()).singleElement().satisfies(e -> {
      assertThat(e.kind()).isEqualTo("CREATED");
      assertThat(e.status()).isEqualTo(TicketStatus.NEW);
      assertThat(e.priority()).isEqualTo(2);
    });
  }

  @Test
  void aRepeatedCommentIsAddedOnce() {
    long id = tickets.create(ticket("cb-2", "orders", 1));

    tickets.comment(id, "c-1", "The customer wrote again.");
    tickets.comment(id, "c-1", "The customer wrote again.");

    assertThat(tickets.find(id).orElseThrow().events()).extracting(TicketEvent::kind).containsExactly("CREATED", "COMMENT");
  }

  @Test
  void anUpdateMovesStatusAndPriorityOncePerKey() {
    long id = tickets.create(ticket("cb-3", "orders", 1));

    assertThat(tickets.update(id, TicketStatus.OPEN, 4, "picked up", "u-1")).isTrue();
    assertThat(tickets.update(id, TicketStatus.OPEN, 4, "picked up", "u-1")).isTrue();
    tickets.update(id, null, 5, null, "u-2");

    TicketDetails details = tickets.find(id).orElseThrow();
    assertThat(details.ticket().status()).isEqualTo(TicketStatus.OPEN);
    assertThat(details.ticket().priority()).isEqualTo(5);
    assertThat(details.events()).extracting(TicketEvent::kind).containsExactly("CREATED", "UPDATE", "UPDATE");
  }

  @Test
  void updatesWithoutAKeyAreEachRecorded() {
    long id = tickets.create(ticket("cb-4", "orders", 1));

    tickets.update(id, TicketStatus.PENDING, null, "waiting for the customer", null);
    tickets.update(id, TicketStatus.OPEN, null, null, null);

    assertThat(tickets.find(id).orElseThrow().events()).extracting(TicketEvent::status)
        .containsExactly(TicketStatus.NEW, TicketStatus.PENDING, TicketStatus.OPEN);
  }

  @Test
  void aClosedTicketStaysClosedAndNothingIsWritten() {
    long id = tickets.create(ticket("cb-5", "orders", 1));
    tickets.update(id, TicketStatus.CLOSED, null, null, null);

    assertThatThrownBy(() -> tickets.update(id, TicketStatus.OPEN, null, "reopen", "u-9"))
        .isInstanceOfSatisfying(TicketStatusConflict.class, e -> {
          assertThat(e.current()).isEqualTo(TicketStatus.CLOSED);
          assertThat(e.target()).isEqualTo(TicketStatus.OPEN);
          assertThat(e).hasMessage("Ticket #" + id + " is CLOSED and cannot become OPEN.");
        });
    assertThat(tickets.find(id).orElseThrow().events()).hasSize(2);
  }

  @Test
  void anUnknownTicketIsReportedNotCreated() {
    assertThat(tickets.update(999_999, TicketStatus.OPEN, null, null, null)).isFalse();
    assertThat(tickets.exists(999_999)).isFalse();
    assertThat(tickets.find(999_999)).isEmpty();
  }

  @Test
  void theListIsHighestPriorityFirstThenOldestAndFilters() {
    long low = tickets.create(ticket("l-1", "orders", 1));
    long high = tickets.create(ticket("l-2", "orders", 5));
    long billing = tickets.create(ticket("l-3", "billing", 3));
    tickets.update(billing, TicketStatus.SOLVED, null, null, null);

    assertThat(tickets.list(null, null, 100)).extracting(TicketRow::id).containsExactly(high, billing, low);
    assertThat(tickets.list(null, "orders", 100)).extracting(TicketRow::id).containsExactly(high, low);
    assertThat(tickets.list(TicketStatus.SOLVED, null, 100)).extracting(TicketRow::id).containsExactly(billing);
    assertThat(tickets.list(null, null, 1)).extracting(TicketRow::id).containsExactly(high);
  }

  private static NewTicket ticket(String key, String queue, int priority) {
    return new NewTicket(
        key, "c-" + key, queue, priority, "Callback: order tracking", ADA, summary(queue, priority),
        "/api/v1/conversations/c-" + key + "/messages", T0);
  }
}
