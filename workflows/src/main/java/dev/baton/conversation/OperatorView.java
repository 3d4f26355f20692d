package dev.baton.conversation;

import dev.baton.conversation.Phase.Deadline;
import dev.baton.escalation.Durations;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.HandoffSummary;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What operators see of a conversation in the Temporal UI: its search attributes and current
 * details. Ids and categories only; the customer's name, email and words, the handoff note and
 * the values of facts stay out (the UI shows these unencrypted; payloads are encrypted).
 *
 * <p>A handler's search-attribute changes are written once, when it ends, and only those that
 * changed; a handler that fails writes none. Runs from before wrote each change where it happened,
 * and replay needs them to go on doing so ({@link Era#setSearchAttributes}).
 */
final class OperatorView {
  private final Conversation conversation;
  private final Supplier<Deadline> nextDeadline;
  /** Key → value to write; a {@code null} value unsets the attribute. */
  private final Map<SearchAttributeKey<?>, Object> pending = new LinkedHashMap<>();

  OperatorView(Conversation conversation, Supplier<Deadline> nextDeadline) {
    this.conversation = conversation;
    this.nextDeadline = nextDeadline;
  }

  void set(SearchAttributeKey<String> key, String value) {
    set(Map.of(key, value));
  }

  /**
   * Several attributes that change together (one write in runs that write at once). An ordered
   * map: the order of the attributes is part of the command the workflow issues.
   */
  void set(Map<SearchAttributeKey<String>, String> values) {
    conversation.era.setSearchAttributes(() -> pending.putAll(values), values);
  }

  /** Writes what changed since the handler began, in one upsert. */
  void flush() {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    var current = Workflow.getTypedSearchAttributes();
    pending.forEach(
        (key, value) -> {
          Object now = current.containsKey(key) ? current.get(key) : null;
          if (!Objects.equals(now, value)) {
            updates.add(value == null ? key.valueUnset() : update(key, value));
          }
        });
    pending.clear();
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> SearchAttributeUpdate<T> update(SearchAttributeKey<T> key, Object value) {
    return key.valueSet((T) value);
  }

  /** Forgets what a failed handler set. */
  void discard() {
    pending.clear();
  }

  /**
   * The intent search attribute and the current details, from the state as it is now. The intent
   * is written only with a status change (the intent the conversation left the bot or ended
   * with): a plain bot turn then writes no search attribute.
   */
  void describe() {
    ConversationState state = conversation.state;
    boolean intentNow =
        !conversation.era.writesIntentWithStatusOnly() || pending.containsKey(BatonSearchAttributes.STATUS);
    if (state.intent != null && intentNow) {
      set(BatonSearchAttributes.INTENT, state.intent);
    }
    boolean operatorAttributes = conversation.era.showsOperatorAttributes();
    if (operatorAttributes) {
      setOperatorAttributes(state);
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
              withoutQuote(summary.primaryIssue()),
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
    if (operatorAttributes) {
      details.append(now(state));
    }
    Workflow.setCurrentDetails(details.toString());
  }

  /**
   * The issue's category without the customer's words that the summary quotes after it ("Order
   * tracking: “where is my order …”" reads "Order tracking"): the UI shows details unencrypted.
   */
  static String withoutQuote(String issue) {
    if (issue == null) {
      return "unknown";
    }
    int quote = issue.indexOf('“');
    return quote < 0 ? issue : issue.substring(0, quote).replaceAll("[:\\s]+$", "");
  }

  /**
   * Who holds it, how urgent it is, when it was escalated and when a callback is due: written
   * (and unset again) in the same flush as the status, so a filter never sees them disagree.
   */
  private void setOperatorAttributes(ConversationState state) {
    Escalation escalation = state.escalation;
    pending.put(BatonSearchAttributes.HOLDER, state.status == ConversationStatus.AGENT_ACTIVE ? state.assignedAgent : null);
    pending.put(BatonSearchAttributes.PRIORITY, escalation == null ? null : (long) escalation.priority());
    pending.put(
        BatonSearchAttributes.ESCALATED_AT, escalation == null || escalation.at() == null ? null : utc(escalation.at()));
    Callback callback = state.callback;
    pending.put(
        BatonSearchAttributes.CALLBACK_DUE,
        state.status == ConversationStatus.CALLBACK_SCHEDULED && callback != null && callback.promisedBy() != null
            ? utc(callback.promisedBy())
            : null);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** Where the conversation stands now: holder, queue, the next deadline and what then, ticket, promise. */
  private String now(ConversationState state) {
    StringBuilder now = new StringBuilder("\n\n**Now**");
    if (state.status == ConversationStatus.AGENT_ACTIVE && state.assignedAgent != null) {
      now.append(String.format("%n- Held by agent `%s`", state.assignedAgent));
    } else {
      now.append(String.format("%n- Held by %s", state.status == ConversationStatus.BOT_ACTIVE ? "the bot" : "nobody"));
    }
    Escalation escalation = state.escalation;
    if (escalation != null) {
      now.append(String.format("%n- Queue `%s`, priority %d", escalation.queue(), escalation.priority()));
      if (state.status == ConversationStatus.AWAITING_AGENT && state.waitingSince != null) {
        now.append(String.format("%n- Waiting since %s", state.waitingSince));
      }
    }
    Deadline next = state.status.isOpen() ? nextDeadline.get() : null;
    if (next != null) {
      now.append(String.format("%n- Next deadline %s: %s", next.at(), next.summary()));
    } else if (state.status.isOpen()) {
      now.append(String.format("%n- No deadline: waits for people"));
    }
    Callback callback = state.callback;
    if (callback != null) {
      now.append(
          String.format(
              "%n- Ticket %s%s",
              callback.ticketReference() == null ? "none (the helpdesk refused it)" : callback.ticketReference(),
              callback.promisedBy() == null ? "" : ", contact promised by " + callback.promisedBy()));
    }
    return now.toString();
  }
}
