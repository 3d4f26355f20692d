package dev.baton.conversation;

/** Who wrote a message in the transcript. */
public enum Author {
  CUSTOMER,
  BOT,
  AGENT,
  SYSTEM
}
