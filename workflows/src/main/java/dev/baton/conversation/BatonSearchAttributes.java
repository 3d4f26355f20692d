package dev.baton.conversation;

import io.temporal.common.SearchAttributeKey;
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

  /** Every key above, for registering them with a server. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(STATUS, INTENT, QUEUE, CUSTOMER_TIER, CUSTOMER_ID, CHANNEL, ESCALATION_REASON);

  private BatonSearchAttributes() {}
}
