package dev.baton.conversation;

import io.temporal.common.SearchAttributeKey;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Baton's custom search attributes. The dev server registers them at start (see
 * deploy/run.sh); operators filter on them in the Temporal UI, for example
 * {@code BatonStatus="BOT_ACTIVE"}.
 */
public final class BatonSearchAttributes {
  public static final SearchAttributeKey<String> STATUS = SearchAttributeKey.forKeyword("BatonStatus");
  public static final SearchAttributeKey<String> INTENT = SearchAttributeKey.forKeyword("BatonIntent");
  public static final SearchAttributeKey<String> QUEUE = SearchAttributeKey.forKeyword("BatonQueue");
  public static final SearchAttributeKey<String> CUSTOMER_TIER =
      SearchAttributeKey.forKeyword("BatonCustomerTier");
  public static final SearchAttributeKey<String> CUSTOMER_ID =
      SearchAttributeKey.forKeyword("BatonCustomerId");
  public static final SearchAttributeKey<String> CHANNEL = SearchAttributeKey.forKeyword("BatonChannel");
  public static final SearchAttributeKey<String> ESCALATION_REASON =
      SearchAttributeKey.forKeyword("BatonEscalationReason");

  /** The agent holding the conversation (an agent id); unset while nobody does. */
  public static final SearchAttributeKey<String> HOLDER = SearchAttributeKey.forKeyword("BatonHolder");
  /** The escalation's priority, raised when the pickup SLA is missed. */
  public static final SearchAttributeKey<Long> PRIORITY = SearchAttributeKey.forLong("BatonPriority");
  /** When the conversation was first escalated. */
  public static final SearchAttributeKey<OffsetDateTime> ESCALATED_AT =
      SearchAttributeKey.forOffsetDateTime("BatonEscalatedAt");
  /** When a callback was promised by; unset once the conversation is no longer waiting for one. */
  public static final SearchAttributeKey<OffsetDateTime> CALLBACK_DUE =
      SearchAttributeKey.forOffsetDateTime("BatonCallbackDue");

  /** Every key above, for registering them with a server. */
  public static final List<SearchAttributeKey<?>> ALL =
      List.of(
          STATUS, INTENT, QUEUE, CUSTOMER_TIER, CUSTOMER_ID, CHANNEL, ESCALATION_REASON, HOLDER, PRIORITY,
          ESCALATED_AT, CALLBACK_DUE);

  private BatonSearchAttributes() {}
}
