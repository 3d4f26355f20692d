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
    String transcript) {}
