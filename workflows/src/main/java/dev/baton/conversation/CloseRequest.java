package dev.baton.conversation;

/** Asks to end a conversation; {@code reason} is kept in the transcript for operators. */
public record CloseRequest(String reason) {}
