package dev.baton.conversation;

/** The person on the other side of the chat, as the front end knows them. */
public record Customer(String id, String name, String email, String tier, String language) {
  public static final String STANDARD_TIER = "standard";

  public Customer {
    if (tier == null || tier.isBlank()) {
      tier = STANDARD_TIER;
    }
  }
}
