package dev.baton.bot;

/** Something concrete the bot pulled out of a message, for the human who may take over. */
public record Fact(Kind kind, String value) {

  /** What kind of thing was extracted. */
  public enum Kind {
    ORDER_NUMBER,
    AMOUNT,
    EMAIL,
    /** An error message or code the customer quoted. */
    ERROR_MESSAGE,
    /** A payment card number, already masked to its last four digits. */
    PAYMENT_CARD
  }
}
