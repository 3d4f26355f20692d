package dev.baton.store.tickets;

import dev.baton.escalation.HandoffSummary;
import java.util.List;

/** A ticket with its handoff summary and its history, oldest event first. */
public record TicketDetails(TicketRow ticket, HandoffSummary summary, String transcriptUrl, List<TicketEvent> events) {}
