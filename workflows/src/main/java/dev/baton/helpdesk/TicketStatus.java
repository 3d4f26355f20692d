package dev.baton.helpdesk;

import java.util.EnumSet;
import java.util.Set;

/** Where a helpdesk ticket stands; the names and moves follow Zendesk's. */
public enum TicketStatus {
  NEW,
  OPEN,
  PENDING,
  SOLVED,
  CLOSED;

  private Set<TicketStatus> next;

  static {
    NEW.next = EnumSet.of(OPEN, PENDING, SOLVED, CLOSED);
    OPEN.next = EnumSet.of(PENDING, SOLVED, CLOSED);
    PENDING.next = EnumSet.of(OPEN, SOLVED, CLOSED);
    SOLVED.next = EnumSet.of(OPEN, CLOSED);
    CLOSED.next = EnumSet.noneOf(TicketStatus.class);
  }

  /** Whether a ticket may move from this status to {@code target}; staying put is allowed. */
  public boolean canMoveTo(TicketStatus target) {
    return target == this || next.contains(target);
  }
}
