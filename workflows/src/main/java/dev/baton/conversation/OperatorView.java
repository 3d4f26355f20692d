package dev.baton.conversation;

import dev.baton.escalation.Durations;
import dev.baton.escalation.HandoffSummary;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What operators see of a conversation in the Temporal UI: its search attributes and current
 * details. Ids and categories only; the customer's name, email and words, the handoff note and
 * the values of facts stay out (the UI shows these unencrypted; payloads are encrypted).
 *
 * <p>From the {@link Versions#phases} change on, a handler's search-attribute changes are written
 * once, when it ends, and only those that changed; a handler that fails writes none. Runs from
 * before wrote each change where it happened, and replay needs them to go on doing so.
 */
final class OperatorView {
  private final Conversation conversation;
  private final Map<SearchAttributeKey<String>, String> pending = new LinkedHashMap<>();

  OperatorView(Conversation conversation) {
    this.conversation = conversation;
  }

  void set(SearchAttributeKey<String> key, String value) {
    set(Map.of(key, value));
  }

  /**
   * Several attributes that change together (one write in runs that write at once). An ordered
   * map: the order of the attributes is part of the command the workflow issues.
   */
  void set(Map<SearchAttributeKey<String>, String> values) {
    if (conversation.versions.phases()) {
      pending.putAll(values);
      return;
    }
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    values.forEach((key, value) -> updates.add(key.valueSet(value)));
    Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
  }

  /** Writes what changed since the handler began, in one upsert. */
  void flush() {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    var current = Workflow.getTypedSearchAttributes();
    pending.forEach(
        (key, value) -> {
          if (!Objects.equals(current.get(key), value)) {
            updates.add(key.valueSet(value));
          }
        });
    pending.clear();
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
    }
  }

  /** Forgets what a failed handler set. */
  void discard() {
    pending.clear();
  }

  /** The intent search attribute and the current details, from the state as it is now. */
  void describe() {
    ConversationState state = conversation.state;
    if (state.intent != null) {
      set(BatonSearchAttributes.INTENT, state.intent);
    }
    // Ids and categories only: the UI shows current details as they are, unencrypted.
    Customer customer = conversation.customer;
    StringBuilder details =
        new StringBuilder(
            String.format(
                "**%s** · %d turn%s%n%nIntent: %s (confidence %.2f) · sentiment %.2f%n%nCustomer: %s (%s tier) via %s",
                state.status,
                state.turns,
                state.turns == 1 ? "" : "s",
                state.intent == null ? "none yet" : state.intent,
                state.confidence,
                state.sentiment,
                customer.id(),
                customer.tier(),
                conversation.channel));
    HandoffSummary summary = state.summary;
    if (summary != null) {
      details.append(
          String.format(
              "%n%n**Escalated: %s** to queue `%s`, priority %d%n%n- Issue: %s%n- Goal: %s%n- Sentiment: %.2f, %s%n- Prior contacts (%s): %d",
              summary.reason(),
              summary.recommendedQueue(),
              summary.priority(),
              summary.primaryIssue(),
              summary.customerGoal(),
              summary.sentiment(),
              summary.sentimentTrend().toLowerCase(Locale.ROOT),
              Durations.words(conversation.policy.rules().distress().priorContactWindow()),
              summary.priorContacts()));
      if (!summary.keyFacts().isEmpty()) {
        // What kinds of facts the customer gave, never their values (emails, card numbers).
        details.append(
            String.format(
                "%n- Facts given: %s",
                String.join(", ", summary.keyFacts().stream().map(f -> String.valueOf(f.kind())).distinct().toList())));
      }
      if (!summary.botAttempts().isEmpty()) {
        details.append(String.format("%n- Bot attempts: %d", summary.botAttempts().size()));
      }
      if (summary.language() != null) {
        details.append(String.format("%n- Customer language: %s", summary.language()));
      }
    }
    Workflow.setCurrentDetails(details.toString());
  }
}
