package dev.baton.conversation;

/**
 * The person on the other side of the chat, as the front end knows them.
 *
 * @param language a language tag ("de", "en-US"), when known
 * @param timezone an IANA timezone ("Europe/Berlin"), when known: promises of a callback are
 *     given in the customer's own time
 * @param verified whether the site that embeds the chat vouched for this customer with a signed
 *     identity claim. Anonymous callers choose their id freely, so an anonymous customer and a
 *     verified one of the same id are different people: their histories (earlier conversations,
 *     prior contacts, repeat contacts) are never joined. Histories recorded before this field
 *     existed read it as false.
 */
public record Customer(
    String id, String name, String email, String tier, String language, String timezone, boolean verified) {
  public static final String STANDARD_TIER = "standard";

  public Customer {
    if (tier == null || tier.isBlank()) {
      tier = STANDARD_TIER;
    }
  }

  /** An anonymous customer. */
  public Customer(String id, String name, String email, String tier, String language, String timezone) {
    this(id, name, email, tier, language, timezone, false);
  }

  /** An anonymous customer whose timezone is not known. */
  public Customer(String id, String name, String email, String tier, String language) {
    this(id, name, email, tier, language, null, false);
  }
}
