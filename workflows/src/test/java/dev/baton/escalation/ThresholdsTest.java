package dev.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which numbers apply to a conversation: defaults, then the intent's risk tier, then its queue,
 * then the intent itself, then the VIP thresholds, each overriding only what it sets.
 */
class ThresholdsTest {
  private static final Thresholds DEFAULTS =
      new Thresholds(0.70, 2, new BigDecimal("500"), -0.5, Duration.ofSeconds(90), 2);

  @Test
  void anOverrideReplacesOnlyWhatItSets() {
    Thresholds stricter = new Thresholds(0.85, null, new BigDecimal("300"), null, null, null);

    assertThat(DEFAULTS.with(stricter))
        .isEqualTo(new Thresholds(0.85, 2, new BigDecimal("300"), -0.5, Duration.ofSeconds(90), 2));
  }

  @Test
  void anOverrideThatSetsEverythingReplacesEverything() {
    Thresholds vip = new Thresholds(0.80, 1, new BigDecimal("250"), -0.3, Duration.ofSeconds(60), 1);

    assertThat(DEFAULTS.with(vip)).isEqualTo(vip);
  }

  @Test
  void noOverrideKeepsEverything() {
    assertThat(DEFAULTS.with(null)).isEqualTo(DEFAULTS);
    assertThat(DEFAULTS.with(Thresholds.NONE)).isEqualTo(DEFAULTS);
  }

  /**
   * The shipped rules plus a billing queue override (confidence 0.90, limit 300) and a
   * refund_request override (confidence 0.95, 3 clarifying questions), so every layer shows.
   */
  @ParameterizedTest(name = "{0}, {1} customer → confidence {2}, {3} questions, limit {4} ({5})")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # bot's intent    | customer | confidence | clarifying questions | high-value limit | which layer decides
          greeting        | standard | 0.70       | 2                    | 500              | defaults
          unknown         | standard | 0.70       | 2                    | 500              | defaults
          account_access  | standard | 0.85       | 2                    | 500              | risk tier account_billing
          payment_issue   | standard | 0.90       | 2                    | 300              | billing queue over the risk tier
          refund_request  | standard | 0.95       | 3                    | 300              | the intent over its queue
          refund_request  | vip      | 0.80       | 1                    | 250              | VIP over everything
          greeting        | vip      | 0.80       | 1                    | 250              | VIP over the defaults
        """)
  void theMostSpecificLayerWins(
      String intent, String tier, double confidence, int clarifications, BigDecimal limit, String layer) {
    EscalationRules rules =
        TestRules.withIntent(
            TestRules.withQueue(
                TestRules.defaults(),
                "billing",
                new EscalationRules.QueueRule(
                    "billing",
                    Map.of("de", "billing_de"),
                    new Thresholds(0.90, null, new BigDecimal("300"), null, null, null))),
            "refund_request",
            new EscalationRules.IntentRule(
                "billing", "account_billing", "Refund request", "Get money back",
                new Thresholds(0.95, 3, null, null, null, null)));

    Thresholds thresholds = rules.thresholds(intent, tier);

    assertThat(thresholds.confidence()).isEqualTo(confidence);
    assertThat(thresholds.maxClarifications()).isEqualTo(clarifications);
    assertThat(thresholds.highValueLimit()).isEqualByComparingTo(limit);
  }

  @ParameterizedTest(name = "{0}, {1} customer → confidence {2}, {3} questions, limit {4}, distress below {5}, a person after {6} or {7} turns")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # bot's intent    | customer | confidence | clarifying questions | high-value limit | distress below | no progress after | further turns
          product_advice  | standard | 0.70       | 2                    | 500              | -0.5           | PT90S             | 2
          refund_request  | standard | 0.85       | 2                    | 500              | -0.5           | PT90S             | 2
          delete_account  | standard | 0.85       | 2                    | 500              | -0.5           | PT90S             | 2
          product_advice  | vip      | 0.80       | 1                    | 250              | -0.3           | PT60S             | 1
          refund_request  | vip      | 0.80       | 1                    | 250              | -0.3           | PT60S             | 1
        # a tier name other than "vip" gets the standard numbers
          product_advice  | gold     | 0.70       | 2                    | 500              | -0.5           | PT90S             | 2
          product_advice  |          | 0.70       | 2                    | 500              | -0.5           | PT90S             | 2
        """)
  void theShippedRulesGiveTheseNumbers(
      String intent, String tier, double confidence, int clarifications, BigDecimal limit, double distress,
      Duration after, int turns) {
    assertThat(TestRules.defaults().thresholds(intent, tier))
        .isEqualTo(new Thresholds(confidence, clarifications, limit, distress, after, turns));
  }
}
