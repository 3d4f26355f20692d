package dev.baton.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The escalation matrix and routing table as data, read from one YAML file by the worker (see
 * docs/escalation.md for every key). The workflow gets it through an activity, so the rules a
 * conversation ran under are in its history and replay sees the same ones.
 *
 * @param humanRequestPhrases words and phrases that mean "let me talk to a person"
 * @param sensitiveIntents intents that always go to a person
 * @param highValueIntents intents (refunds, disputes) whose amount is checked against the limit
 * @param defaults the thresholds where nothing more specific applies
 * @param riskTiers thresholds by an intent's risk tier (e.g. account_billing)
 * @param defaultQueue where intents without a queue go
 * @param defaultLanguage the language every queue serves; others need a language queue or a flag
 * @param queues the queues, by name
 * @param intents what Baton knows about each bot intent, by name
 * @param botFailuresBeforeEscalation bot failures in a row after which a person takes over
 * @param complaintIntents intents that always go to a person as a complaint ({@code COMPLAINT});
 *     none in rules recorded before there was such a reason
 * @param outOfScopeBeforeEscalation misses in a row, the last of them a question out of the bot's
 *     scope, after which a person takes over ({@code CAPABILITY_GAP}); 2 where unset
 */
public record EscalationRules(
    List<String> humanRequestPhrases,
    List<String> sensitiveIntents,
    List<String> highValueIntents,
    Thresholds defaults,
    Map<String, Thresholds> riskTiers,
    Distress distress,
    Vip vip,
    String defaultQueue,
    String defaultLanguage,
    Map<String, QueueRule> queues,
    Map<String, IntentRule> intents,
    Priorities priorities,
    int botFailuresBeforeEscalation,
    Copy copy,
    List<String> complaintIntents,
    int outOfScopeBeforeEscalation) {

  /** Misses in a row before a person takes over, where the rules do not say. */
  public static final int OUT_OF_SCOPE_BEFORE_ESCALATION = 2;

  public EscalationRules {
    complaintIntents = complaintIntents == null ? List.of() : List.copyOf(complaintIntents);
    outOfScopeBeforeEscalation = outOfScopeBeforeEscalation < 1 ? OUT_OF_SCOPE_BEFORE_ESCALATION : outOfScopeBeforeEscalation;
  }

  /**
   * @param profanity words that are distress on their own
   * @param repetitionMarkers phrases of a customer repeating themselves ("I already told you")
   * @param priorContactWindow how far back an earlier conversation of the same customer counts
   * @param repeatContactBoost priority added when a distressed customer contacted us recently
   */
  public record Distress(
      List<String> profanity,
      List<String> repetitionMarkers,
      Duration priorContactWindow,
      int repeatContactBoost) {}

  /**
   * @param tiers customer tiers treated as VIP
   * @param thresholds the VIP thresholds, applied over everything else
   * @param priorityBoost added to a VIP's priority
   * @param queue a dedicated VIP queue, or {@code null} to stay in the routed queue
   */
  public record Vip(List<String> tiers, Thresholds thresholds, int priorityBoost, String queue) {}

  /**
   * @param team how the customer is told who takes over ("our billing team")
   * @param languages language code → a queue that serves it
   * @param thresholds overrides for intents routed here
   */
  public record QueueRule(String team, Map<String, String> languages, Thresholds thresholds) {}

  /**
   * @param queue where it goes; {@code null} for the default queue
   * @param risk risk tier, a key of {@code riskTiers}; {@code null} for the default
   * @param issue the one-line name of the problem, for the summary and clarifying questions
   * @param goal what the customer wants, for the summary
   * @param thresholds overrides for this intent
   */
  public record IntentRule(
      String queue, String risk, String issue, String goal, Thresholds thresholds) {}

  /**
   * @param base priority of an escalation whose reason has no entry in {@code byReason}
   * @param byReason priority by reason; higher is picked up first
   * @param max no priority goes above this
   */
  public record Priorities(int base, Map<EscalationReason, Integer> byReason, int max) {
    public int of(EscalationReason reason) {
      return byReason.getOrDefault(reason, base);
    }
  }

  /**
   * What the customer reads. Placeholders: {@code {issue}}, {@code {team}}, {@code {why}},
   * {@code {next}}.
   *
   * @param clarify the clarifying question for a recognised but uncertain intent
   * @param transfer the warm-transfer message; keys {@code <queue>.<REASON>}, {@code <REASON>},
   *     {@code <queue>} and {@code default}, the most specific one present wins
   * @param why why a person is brought in, by reason, for {@code {why}}
   * @param next what happens next, for {@code {next}}
   */
  public record Copy(
      String clarify,
      Map<String, String> transfer,
      Map<EscalationReason, String> why,
      String next,
      Sentences sentences) {

    /** The sentences, or the built-in ones where the rules a run started with have none. */
    public Sentences sentencesOrBuiltIn() {
      return sentences != null ? sentences : Sentences.BUILT_IN;
    }
  }

  /**
   * The other sentences a conversation says, in the customer's chat or as notes in its transcript.
   * Placeholders: {@code {name}}, {@code {agent}} (the agent's display name), {@code {queue}},
   * {@code {team}}, {@code {detail}} (why a person was brought in), {@code {why}} (why no person
   * can take it now), {@code {ticket}} ("#123"), {@code {waited}} ("15 minutes").
   */
  public record Sentences(
      String greeting,
      String greetingWithoutName,
      String botTrouble,
      String handedOver,
      String callbackFiled,
      String callbackNotFiled,
      String queueClosed,
      String noAgentFree,
      String noPickup,
      String agentJoined,
      String transferred,
      String handedBack,
      String resolvedByAgent,
      String closed,
      String idleClosed,
      String requeued) {

    /**
     * What runs say whose rules were read before the sentences moved into rules.yaml (and runs
     * from before the escalation engine, which read no rules). Delete with those runs' branches.
     */
    public static final Sentences BUILT_IN =
        new Sentences(
            "Hi {name}! I'm Baton's assistant. How can I help you today?",
            "Hi! I'm Baton's assistant. How can I help you today?",
            "Sorry, I'm having trouble answering right now. Please try again in a moment, or ask to talk to a person.",
            "Handed over to the {queue} queue: {detail}",
            "Handed over to the {queue} queue: {detail} {why} Callback ticket {ticket}.",
            "Handed over to the {queue} queue: {detail} {why} The callback ticket could not be filed.",
            "The queue is closed.",
            "No agent is available.",
            "No agent picked it up within {waited}.",
            "{agent} has joined the conversation.",
            "{agent} is passing you to our {team} team, with everything so far, so you won't need to repeat yourself.",
            "{agent} has handed this conversation back to me, with their notes. What else can I help you with?",
            "{agent} has marked this conversation as resolved. Thanks for your patience!",
            "This conversation was closed.",
            "We closed this chat after {waited} without a reply. Start a new one any time and we'll pick it up from there.",
            "{agent} had to step away. You're first in line for the next person, who will see everything so far.");
  }

  public IntentRule intent(String name) {
    IntentRule rule = name == null ? null : intents.get(name);
    return rule != null ? rule : new IntentRule(null, null, null, null, null);
  }

  /** The queue an intent is routed to. */
  public String queueOf(String intent) {
    String queue = intent(intent).queue();
    return queue != null ? queue : defaultQueue;
  }

  /** How the customer is told who takes over: the queue's team, else its name in words. */
  public String team(String queue) {
    QueueRule rule = queues.get(queue);
    return rule != null && rule.team() != null ? rule.team() : queue.replace('_', ' ');
  }

  public boolean isVip(String tier) {
    return tier != null && vip.tiers().contains(tier);
  }

  /** The thresholds for an intent and customer tier: defaults, risk tier, queue, intent, VIP. */
  public Thresholds thresholds(String intent, String tier) {
    IntentRule rule = intent(intent);
    Thresholds result = defaults;
    if (rule.risk() != null) {
      result = result.with(riskTiers.get(rule.risk()));
    }
    QueueRule queue = queues.get(queueOf(intent));
    if (queue != null) {
      result = result.with(queue.thresholds());
    }
    result = result.with(rule.thresholds());
    if (isVip(tier)) {
      result = result.with(vip.thresholds());
    }
    return result;
  }
}
