package dev.baton.escalation;

import dev.baton.bot.Fact;
import java.util.List;

/**
 * What the person taking over reads first, so the customer never repeats themselves. Typed, not
 * a text blob: agent consoles, tickets and reports each show the parts they need.
 *
 * @param primaryIssue the problem in one line
 * @param customerGoal what the customer wants to achieve
 * @param keyFacts order numbers, amounts, emails, error messages; payment data masked
 * @param botAttempts what the bot already answered or asked, oldest first
 * @param sentimentTrend IMPROVING, STABLE or WORSENING over the last messages
 * @param transcript where the full transcript is (an API path)
 * @param agentNotes what agents who had the conversation before wrote for the next one
 */
public record HandoffSummary(
    String primaryIssue,
    String customerGoal,
    List<Fact> keyFacts,
    List<String> botAttempts,
    EscalationReason reason,
    String reasonDetail,
    double sentiment,
    String sentimentTrend,
    double confidence,
    String intent,
    String recommendedQueue,
    int priority,
    String customerTier,
    String language,
    int priorContacts,
    String transcript,
    List<String> agentNotes) {

  /**
   * Agent notes kept: the latest ones. The summary travels in the workflow's state and in every
   * transcript write, so it must stay small however often a conversation is passed on.
   */
  public static final int MAX_AGENT_NOTES = 10;

  public HandoffSummary {
    agentNotes = agentNotes == null ? List.of() : List.copyOf(agentNotes);
  }

  /** This summary with an agent's note added (the oldest beyond {@link #MAX_AGENT_NOTES} dropped), and the queue and priority it now has. */
  public HandoffSummary withNote(String note, String queue, int newPriority) {
    List<String> notes = new java.util.ArrayList<>(agentNotes);
    if (note != null && !note.isBlank()) {
      notes.add(note.strip());
    }
    if (notes.size() > MAX_AGENT_NOTES) {
      notes.subList(0, notes.size() - MAX_AGENT_NOTES).clear();
    }
    return new HandoffSummary(
        primaryIssue, customerGoal, keyFacts, botAttempts, reason, reasonDetail, sentiment,
        sentimentTrend, confidence, intent, queue, newPriority, customerTier, language,
        priorContacts, transcript, notes);
  }
}
