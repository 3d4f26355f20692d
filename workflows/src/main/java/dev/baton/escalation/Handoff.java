package dev.baton.escalation;

import dev.baton.conversation.Customer;
import java.util.List;

/** Builds the handoff summary and the warm-transfer message from the rules' data. Pure. */
public final class Handoff {
  private final EscalationPolicy policy;
  private final EscalationRules rules;

  public Handoff(EscalationPolicy policy) {
    this.policy = policy;
    this.rules = policy.rules();
  }

  public HandoffSummary summary(
      String conversationId,
      Dossier dossier,
      String intent,
      double confidence,
      Customer customer,
      Escalation escalation,
      int priorContacts) {
    return summary(conversationId, dossier, intent, confidence, customer, escalation, priorContacts, escalation.language());
  }

  /**
   * The summary, naming {@code language} as the customer's (even when the queue serves it, so the
   * person taking over knows before reading the first line).
   */
  public HandoffSummary summary(
      String conversationId,
      Dossier dossier,
      String intent,
      double confidence,
      Customer customer,
      Escalation escalation,
      int priorContacts,
      String language) {
    String issue = policy.issue(intent);
    String primary =
        dossier.firstMessage() == null ? issue : issue + ": \u201c" + dossier.firstMessage() + "\u201d";
    String goal = rules.intent(intent).goal();
    List<Double> sentiments = dossier.sentiments();
    double sentiment = sentiments.isEmpty() ? 0 : sentiments.get(sentiments.size() - 1);
    return new HandoffSummary(
        primary,
        goal != null ? goal : "Not clear yet; see the transcript",
        dossier.facts(),
        dossier.attempts(),
        escalation.reason(),
        escalation.detail(),
        sentiment,
        trend(sentiments),
        confidence,
        intent,
        escalation.queue(),
        escalation.priority(),
        customer.tier(),
        language,
        priorContacts,
        "/api/v1/conversations/" + conversationId + "/messages",
        List.of());
  }

  /** The one honest message the customer gets when a person is brought in. */
  public String transferMessage(Escalation escalation) {
    return transferMessage(escalation, null);
  }

  /** The warm-transfer message; {@code issueIntent} fills {@code {issue}}. */
  public String transferMessage(Escalation escalation, String issueIntent) {
    EscalationRules.Copy copy = rules.copy();
    String reason = escalation.reason().name();
    String queue = escalation.queue();
    String template = copy.transfer().get(queue + "." + reason);
    if (template == null) {
      template = copy.transfer().get(reason);
    }
    if (template == null) {
      template = copy.transfer().get(queue);
    }
    if (template == null) {
      template = copy.transfer().get("default");
    }
    String team = rules.team(queue);
    String why = copy.why().getOrDefault(escalation.reason(), "");
    return template
        .replace("{issue}", lower(policy.issue(issueIntent)))
        .replace("{team}", team)
        .replace("{why}", why)
        .replace("{next}", copy.next())
        .replaceAll(" +", " ")
        .replace(" .", ".")
        .replace(" ,", ",")
        .strip();
  }

  static String trend(List<Double> sentiments) {
    if (sentiments.size() < 2) {
      return "STABLE";
    }
    // Rounded to hundredths first: 0.1 - 0.3 is -0.19999… in doubles, and people read -0.2.
    double change = Math.round((sentiments.get(sentiments.size() - 1) - sentiments.get(0)) * 100) / 100.0;
    if (change <= -0.2) {
      return "WORSENING";
    }
    return change >= 0.2 ? "IMPROVING" : "STABLE";
  }

  private static String lower(String issue) {
    return issue.isEmpty() ? issue : Character.toLowerCase(issue.charAt(0)) + issue.substring(1);
  }
}
