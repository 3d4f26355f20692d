package dev.baton.bot;

/**
 * A bot outside Baton (a webhook, a language model) gave no usable answer: it timed out, failed,
 * or answered something Baton will not trust. The message says which, without the customer's
 * words, since it goes into the transcript as a note.
 */
public class BotUnavailableException extends RuntimeException {
  public BotUnavailableException(String message) {
    super(message);
  }

  public BotUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
