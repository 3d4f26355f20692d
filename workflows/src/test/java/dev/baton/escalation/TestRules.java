package dev.baton.escalation;

import static dev.baton.escalation.EscalationReason.CAPABILITY_GAP;
import static dev.baton.escalation.EscalationReason.CONFIDENCE_GAP;
import static dev.baton.escalation.EscalationReason.CUSTOMER_REQUEST;
import static dev.baton.escalation.EscalationReason.ELAPSED_TIME;
import static dev.baton.escalation.EscalationReason.HIGH_VALUE;
import static dev.baton.escalation.EscalationReason.RISK_OR_COMPLIANCE;
import static dev.baton.escalation.EscalationReason.USER_DISTRESS;
import static dev.baton.escalation.EscalationReason.WORKFLOW_EXCEPTION;

import dev.baton.escalation.EscalationRules.Copy;
import dev.baton.escalation.EscalationRules.Distress;
import dev.baton.escalation.EscalationRules.IntentRule;
import dev.baton.escalation.EscalationRules.Priorities;
import dev.baton.escalation.EscalationRules.QueueRule;
import dev.baton.escalation.EscalationRules.Vip;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped escalation matrix (activities/src/main/resources/escalation/rules.yaml) built in
 * Java, value for value, so the policy tests read the numbers a support manager configured. Keep
 * it in step with the YAML.
 */
public final class TestRules {
  private TestRules() {}

  public static EscalationRules defaults() {
    return new EscalationRules(
        List.of(
            "agent",
            "human",
            "real person",
            "a person",
            "representative",
            "someone real",
            "speak to someone",
            "talk to someone",
            "operator"),
        List.of(
            "billing_dispute",
            "account_access",
            "security_concern",
            "delete_account",
            "cancel_subscription",
            "privacy_request",
            "complaint"),
        List.of("refund_request", "billing_dispute", "payment_issue"),
        new Thresholds(0.70, 2, new BigDecimal("500"), -0.5, Duration.ofSeconds(90), 2),
        Map.of("account_billing", new Thresholds(0.85, null, null, null, null, null)),
        new Distress(
            List.of("damn", "crap", "wtf", "bullshit", "shit", "fuck", "fucking", "useless bot", "stupid bot"),
            List.of(
                "i already told you",
                "i told you already",
                "already said",
                "as i said",
                "third time",
                "for the last time",
                "how many times",
                "again and again"),
            Duration.ofHours(72),
            1),
        new Vip(
            List.of("vip"),
            new Thresholds(0.80, 1, new BigDecimal("250"), -0.3, Duration.ofSeconds(60), 1),
            1,
            null),
        "general",
        "en",
        queues(),
        intents(),
        new Priorities(
            1,
            Map.of(
                CUSTOMER_REQUEST, 2,
                RISK_OR_COMPLIANCE, 3,
                HIGH_VALUE, 3,
                USER_DISTRESS, 3,
                WORKFLOW_EXCEPTION, 2,
                CAPABILITY_GAP, 1,
                CONFIDENCE_GAP, 1,
                ELAPSED_TIME, 2),
            5),
        2,
        new Copy(
            "Just to make sure I help with the right thing: is this about {issue}? A few more words would help me.",
            Map.of(
                "default",
                "I'm bringing in a person from our {team} team {why}. I've passed on everything you've told me,"
                    + " so you won't need to repeat yourself. {next}",
                "CUSTOMER_REQUEST",
                "Of course. I'm bringing in a person from our {team} team. I've passed on everything you've told"
                    + " me, so you won't need to repeat yourself. {next}"),
            Map.of(
                CAPABILITY_GAP, "because this is something I can't answer myself",
                CONFIDENCE_GAP, "because I'm not sure I've understood, and I don't want to guess",
                RISK_OR_COMPLIANCE, "because this needs a person to look at your account",
                USER_DISTRESS, "because I can see this has been frustrating",
                HIGH_VALUE, "because an amount this size should be checked by a person",
                ELAPSED_TIME, "because I haven't been able to solve this quickly",
                WORKFLOW_EXCEPTION, "because I'm having technical trouble"),
            "They'll reply right here as soon as they pick up your conversation.",
            EscalationRules.Sentences.BUILT_IN),
        List.of(),
        EscalationRules.OUT_OF_SCOPE_BEFORE_ESCALATION);
  }

  /** The shipped rules with {@code queue}'s entry replaced. */
  static EscalationRules withQueue(EscalationRules rules, String queue, QueueRule rule) {
    Map<String, QueueRule> queues = new LinkedHashMap<>(rules.queues());
    queues.put(queue, rule);
    return new EscalationRules(
        rules.humanRequestPhrases(), rules.sensitiveIntents(), rules.highValueIntents(), rules.defaults(),
        rules.riskTiers(), rules.distress(), rules.vip(), rules.defaultQueue(), rules.defaultLanguage(),
        queues, rules.intents(), rules.priorities(), rules.botFailuresBeforeEscalation(), rules.copy(),
        rules.complaintIntents(), rules.outOfScopeBeforeEscalation());
  }

  /** The shipped rules with {@code intent}'s entry replaced. */
  static EscalationRules withIntent(EscalationRules rules, String intent, IntentRule rule) {
    Map<String, IntentRule> intents = new LinkedHashMap<>(rules.intents());
    intents.put(intent, rule);
    return new EscalationRules(
        rules.humanRequestPhrases(), rules.sensitiveIntents(), rules.highValueIntents(), rules.defaults(),
        rules.riskTiers(), rules.distress(), rules.vip(), rules.defaultQueue(), rules.defaultLanguage(),
        rules.queues(), intents, rules.priorities(), rules.botFailuresBeforeEscalation(), rules.copy(),
        rules.complaintIntents(), rules.outOfScopeBeforeEscalation());
  }

  static EscalationRules withVip(EscalationRules rules, Vip vip) {
    return new EscalationRules(
        rules.humanRequestPhrases(), rules.sensitiveIntents(), rules.highValueIntents(), rules.defaults(),
        rules.riskTiers(), rules.distress(), vip, rules.defaultQueue(), rules.defaultLanguage(),
        rules.queues(), rules.intents(), rules.priorities(), rules.botFailuresBeforeEscalation(), rules.copy(),
        rules.complaintIntents(), rules.outOfScopeBeforeEscalation());
  }

  static EscalationRules withCopy(EscalationRules rules, Copy copy) {
    return new EscalationRules(
        rules.humanRequestPhrases(), rules.sensitiveIntents(), rules.highValueIntents(), rules.defaults(),
        rules.riskTiers(), rules.distress(), rules.vip(), rules.defaultQueue(), rules.defaultLanguage(),
        rules.queues(), rules.intents(), rules.priorities(), rules.botFailuresBeforeEscalation(), copy,
        rules.complaintIntents(), rules.outOfScopeBeforeEscalation());
  }

  private static Map<String, QueueRule> queues() {
    Map<String, QueueRule> queues = new LinkedHashMap<>();
    queues.put("billing", new QueueRule("billing", Map.of("de", "billing_de"), null));
    queues.put("technical", new QueueRule("technical support", null, null));
    queues.put("account_access", new QueueRule("account security", null, null));
    queues.put("orders", new QueueRule("orders", null, null));
    queues.put("general", new QueueRule("customer support", null, null));
    queues.put("billing_de", new QueueRule("billing (German)", null, null));
    return queues;
  }

  private static Map<String, IntentRule> intents() {
    Map<String, IntentRule> intents = new LinkedHashMap<>();
    intents.put("greeting", intent("general", null, "Greeting", "Get help with something not yet said"));
    intents.put("track_order", intent("orders", null, "Order tracking", "Know where the order is and when it arrives"));
    intents.put("cancel_order", intent("orders", null, "Order cancellation", "Cancel an order"));
    intents.put("change_order", intent("orders", null, "Order change", "Change an order or its delivery address"));
    intents.put("return_item", intent("orders", null, "Return", "Return an item"));
    intents.put("refund_request", intent("billing", "account_billing", "Refund request", "Get money back"));
    intents.put(
        "billing_dispute",
        intent("billing", "account_billing", "Billing dispute", "Have a wrong or double charge corrected"));
    intents.put(
        "payment_issue", intent("billing", "account_billing", "Payment problem", "Complete a payment that failed"));
    intents.put(
        "account_access",
        intent("account_access", "account_billing", "Account access", "Get back into their account"));
    intents.put(
        "delete_account",
        intent("account_access", "account_billing", "Account deletion", "Have their account and data deleted"));
    intents.put("technical_issue", intent("technical", null, "Technical problem", "Make the product work again"));
    intents.put("product_advice", intent("general", null, "Product advice", "Choose the right product"));
    intents.put("human_request", intent("general", null, "Request for a person", "Talk to a person"));
    intents.put("complaint", intent("general", null, "Complaint", "Be heard and get the problem put right"));
    intents.put("conversation_resolved", intent("general", null, "Resolved", "Nothing more"));
    return intents;
  }

  private static IntentRule intent(String queue, String risk, String issue, String goal) {
    return new IntentRule(queue, risk, issue, goal, null);
  }
}
