package dev.baton.escalation;

import dev.baton.conversation.Customer;

/**
 * Maps an escalation to a queue and a priority: the intent's queue (or the VIP queue), then a
 * queue for the customer's language (the one they gave, else the one the bot detected in their
 * messages) when one is configured; the reason's priority, raised for
 * VIPs and for distressed customers who contacted us recently. Pure and deterministic.
 */
public final class Router {
  private final EscalationRules rules;

  public Router(EscalationRules rules) {
    this.rules = rules;
  }

  /**
   * @param priorContacts the customer's other conversations within the distress window
   */
  public Route route(EscalationReason reason, String intent, Customer customer, int priorContacts) {
    return route(reason, intent, customer, priorContacts, null);
  }

  /**
   * @param priorContacts the customer's other conversations within the distress window
   * @param detectedLanguage the language the bot detected in the customer's messages; used when
   *     the customer gave none (a language the customer chose wins over a guess)
   */
  public Route route(
      EscalationReason reason, String intent, Customer customer, int priorContacts, String detectedLanguage) {
    boolean vip = rules.isVip(customer.tier());
    String queue = vip && rules.vip().queue() != null ? rules.vip().queue() : rules.queueOf(intent);

    String language = customerLanguage(customer, detectedLanguage);
    String flag = null;
    if (language != null) {
      EscalationRules.QueueRule rule = rules.queues().get(queue);
      String languageQueue = rule == null || rule.languages() == null ? null : rule.languages().get(language);
      if (languageQueue != null) {
        queue = languageQueue;
      } else {
        flag = language;
      }
    }

    int priority = rules.priorities().of(reason);
    if (vip) {
      priority += rules.vip().priorityBoost();
    }
    if (reason == EscalationReason.USER_DISTRESS && priorContacts > 0) {
      priority += rules.distress().repeatContactBoost();
    }
    return new Route(queue, Math.min(priority, rules.priorities().max()), flag);
  }

  /**
   * The customer's language when it is not the one every queue serves: the one they gave, else
   * the one detected in their messages; {@code null} for the default language or none.
   */
  public String customerLanguage(Customer customer, String detectedLanguage) {
    String language = primaryLanguage(customer.language());
    if (language == null) {
      language = primaryLanguage(detectedLanguage);
    }
    return language == null || language.equals(rules.defaultLanguage()) ? null : language;
  }

  /** "de-DE", "de_AT", "DE" → "de"; none or blank → {@code null}. */
  private static String primaryLanguage(String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    return tag.strip().split("[-_]", 2)[0].toLowerCase(java.util.Locale.ROOT);
  }
}
