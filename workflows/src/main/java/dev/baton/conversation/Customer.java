package dev.baton.conversation;

/**
 * The person on the other side of the chat, as the front end knows them.
 *
 * @param language a language tag ("de", "en-US"), when known
 * @param timezone an IANA timezone ("Europe/Berlin"), when known: promises of a callback are
 *     given in the customer's own time
 */
public record Customer(
    String id, String name, String email, String tier, String language, String timezone) {
  public static final String STANDARD_TIER = "standard";

  public Customer {
    if (tier == null || tier.isBlank()) {
      tier = STANDARD_TIER;
    }
  }

  /** A customer whose timezone is not known. */
  public Customer(String id, String name, String email, String tier, String language) {
    this(id, name, email, tier, language, null);
  }
}
