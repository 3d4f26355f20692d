package dev.baton.helpdesk;

/**
 * A ticket as the helpdesk knows it.
 *
 * @param id the helpdesk's id, used in later calls
 * @param reference what the customer is told ("#123")
 */
public record Ticket(String id, String reference) {}
