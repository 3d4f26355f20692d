package dev.baton.conversation;

import dev.baton.helpdesk.HelpdeskActivities;
import dev.baton.helpdesk.NewTicket;
import dev.baton.helpdesk.Ticket;
import dev.baton.helpdesk.TicketComment;
import dev.baton.helpdesk.TicketUpdate;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A helpdesk for workflow tests that keeps tickets by idempotency key, as the real adapters do,
 * and fails on demand: transiently (retried) or with a rejection (not retried).
 */
class FakeHelpdesk implements HelpdeskActivities {
  final Map<String, NewTicket> tickets = new ConcurrentHashMap<>();
  final Map<String, String> idsByKey = new ConcurrentHashMap<>();
  final List<TicketComment> comments = new CopyOnWriteArrayList<>();
  final List<TicketUpdate> updates = new CopyOnWriteArrayList<>();
  final AtomicInteger calls = new AtomicInteger();
  /** What reached the helpdesk, in order: "comment <body>" or "update <status> <note>". */
  final List<String> applied = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextId = new AtomicInteger(100);
  volatile int transientFailures;
  volatile boolean reject;
  /** While set, every call fails as a helpdesk outage does (retried). */
  volatile boolean down;

  @Override
  public Ticket createTicket(NewTicket ticket) {
    calls.incrementAndGet();
    fail();
    String id = idsByKey.computeIfAbsent(ticket.idempotencyKey(), k -> String.valueOf(nextId.incrementAndGet()));
    tickets.putIfAbsent(id, ticket);
    return new Ticket(id, "#" + id);
  }

  @Override
  public void addComment(TicketComment comment) {
    calls.incrementAndGet();
    fail();
    if (comments.stream().noneMatch(c -> c.idempotencyKey().equals(comment.idempotencyKey()))) {
      comments.add(comment);
      applied.add("comment " + comment.body());
    }
  }

  @Override
  public void updateTicket(TicketUpdate update) {
    calls.incrementAndGet();
    fail();
    if (updates.stream().noneMatch(u -> u.idempotencyKey().equals(update.idempotencyKey()))) {
      updates.add(update);
      applied.add("update " + update.status() + " " + update.note());
    }
  }

  private void fail() {
    if (down) {
      throw new IllegalStateException("503 Service Unavailable: the helpdesk is down");
    }
    if (reject) {
      throw ApplicationFailure.newNonRetryableFailure("subject is too long", REJECTED);
    }
    if (transientFailures > 0) {
      transientFailures--;
      throw new IllegalStateException("503 Service Unavailable");
    }
  }
}
