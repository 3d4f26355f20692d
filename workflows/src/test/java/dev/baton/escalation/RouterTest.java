package dev.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.conversation.Customer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where an escalation goes and how urgently, on the shipped routing table (see {@link TestRules}). */
class RouterTest {
  private final Router router = new Router(TestRules.defaults());

  @ParameterizedTest(name = "{0} on {1}, {2} customer speaking {3}, {4} prior contacts → {5}, priority {6}, flag {7}")
  @CsvSource(
      delimiterString = "|",
      nullValues = "-",
      textBlock = """
        # reason             | bot's intent      | customer | language | prior contacts | queue          | priority | language flag
        # the intent decides the queue; the reason decides the priority
          CUSTOMER_REQUEST   | track_order       | standard | en       | 0              | orders         | 2        | -
          HIGH_VALUE         | refund_request    | standard | en       | 0              | billing        | 3        | -
          RISK_OR_COMPLIANCE | account_access    | standard | en       | 0              | account_access | 3        | -
          CAPABILITY_GAP     | technical_issue   | standard | en       | 0              | technical      | 1        | -
          ELAPSED_TIME       | return_item       | standard | en       | 0              | orders         | 2        | -
          WORKFLOW_EXCEPTION | complaint         | standard | en       | 0              | general        | 2        | -
        # intents the routing table does not know go to the general queue
          CONFIDENCE_GAP     | unknown           | standard | en       | 0              | general        | 1        | -
          CUSTOMER_REQUEST   | gift_card_balance | standard | en       | 0              | general        | 2        | -
          WORKFLOW_EXCEPTION | -                 | standard | en       | 0              | general        | 2        | -
        # a queue for the customer's language when there is one; else the agent is told the language
          HIGH_VALUE         | refund_request    | standard | de       | 0              | billing_de     | 3        | -
          HIGH_VALUE         | refund_request    | standard | DE       | 0              | billing_de     | 3        | -
          HIGH_VALUE         | refund_request    | standard | fr       | 0              | billing        | 3        | fr
          CUSTOMER_REQUEST   | track_order       | standard | de       | 0              | orders         | 2        | de
          CUSTOMER_REQUEST   | track_order       | standard | -        | 0              | orders         | 2        | -
        # VIPs are picked up sooner
          CUSTOMER_REQUEST   | track_order       | vip      | en       | 0              | orders         | 3        | -
          CAPABILITY_GAP     | technical_issue   | vip      | en       | 0              | technical      | 2        | -
        # a distressed customer who contacted us in the last 72 hours too
          USER_DISTRESS      | track_order       | standard | en       | 0              | orders         | 3        | -
          USER_DISTRESS      | track_order       | standard | en       | 1              | orders         | 4        | -
          USER_DISTRESS      | track_order       | standard | en       | 3              | orders         | 4        | -
          CAPABILITY_GAP     | track_order       | standard | en       | 2              | orders         | 1        | -
          USER_DISTRESS      | track_order       | vip      | en       | 1              | orders         | 5        | -
        """)
  void routesByIntentLanguageAndUrgency(
      EscalationReason reason, String intent, String tier, String language, int priorContacts,
      String queue, int priority, String flag) {
    Route route = router.route(reason, intent, customer(tier, language), priorContacts);

    assertThat(route).isEqualTo(new Route(queue, priority, flag));
  }

  /**
   * Front ends send the browser's language tag, and the API accepts any up to 35 characters (the
   * BCP 47 limit): "de-DE" is German and "en-US" is English.
   */
  @ParameterizedTest(name = "customer speaking \"{2}\" on {0} → {3}, flag {5}")
  @CsvSource(
      delimiterString = "|",
      nullValues = "-",
      textBlock = """
        # bot's intent    | reason           | language | queue      | priority | language flag
          refund_request  | HIGH_VALUE       | de-DE    | billing_de | 3        | -
          refund_request  | HIGH_VALUE       | de_AT    | billing_de | 3        | -
          track_order     | CUSTOMER_REQUEST | en-US    | orders     | 2        | -
          track_order     | CUSTOMER_REQUEST | en-GB    | orders     | 2        | -
          refund_request  | HIGH_VALUE       | fr-CA    | billing    | 3        | fr
          track_order     | CUSTOMER_REQUEST | ''       | orders     | 2        | -
        """)
  void regionalLanguageTagsRouteLikeTheirLanguage(
      String intent, EscalationReason reason, String language, String queue, int priority, String flag) {
    Route route = router.route(reason, intent, customer("standard", language), 0);

    assertThat(route).isEqualTo(new Route(queue, priority, flag));
  }

  /**
   * A customer who gave no language is routed by the language the bot detected in their
   * messages; one who gave a language keeps it, whatever the bot guessed.
   */
  @ParameterizedTest(name = "customer language {2}, detected {3}, {0} → {4}, flag {5}")
  @CsvSource(
      delimiterString = "|",
      nullValues = "-",
      textBlock = """
        # bot's intent    | reason           | customer | detected | queue      | language flag | summary language
          refund_request  | HIGH_VALUE       | -        | de       | billing_de | -             | de
          other_language  | CAPABILITY_GAP   | -        | de       | general    | de            | de
          track_order     | CAPABILITY_GAP   | -        | fr       | orders     | fr            | fr
          refund_request  | HIGH_VALUE       | -        | en       | billing    | -             | -
          refund_request  | HIGH_VALUE       | -        | -        | billing    | -             | -
          refund_request  | HIGH_VALUE       | en-GB    | de       | billing    | -             | -
          refund_request  | HIGH_VALUE       | fr       | de       | billing    | fr            | fr
        """)
  void aDetectedLanguageRoutesCustomersWhoGaveNone(
      String intent, EscalationReason reason, String given, String detected, String queue, String flag,
      String summaryLanguage) {
    Customer customer = customer("standard", given);

    Route route = router.route(reason, intent, customer, 0, detected);

    assertThat(route.queue()).isEqualTo(queue);
    assertThat(route.language()).isEqualTo(flag);
    assertThat(router.customerLanguage(customer, detected)).isEqualTo(summaryLanguage);
  }

  @Test
  void noPriorityGoesAboveTheMaximum() {
    EscalationRules generousVip =
        TestRules.withVip(TestRules.defaults(), new EscalationRules.Vip(List.of("vip"), Thresholds.NONE, 4, null));

    Route route =
        new Router(generousVip).route(EscalationReason.USER_DISTRESS, "track_order", customer("vip", "en"), 1);

    assertThat(route.priority()).isEqualTo(5);
  }

  @Test
  void aVipQueueTakesEveryVipEscalation() {
    EscalationRules vipDesk =
        TestRules.withVip(
            TestRules.defaults(),
            new EscalationRules.Vip(
                List.of("vip"),
                new Thresholds(0.80, 1, new BigDecimal("250"), -0.3, Duration.ofSeconds(60), 1),
                1,
                "vip_desk"));
    Router vipRouter = new Router(vipDesk);

    assertThat(vipRouter.route(EscalationReason.HIGH_VALUE, "refund_request", customer("vip", "en"), 0))
        .isEqualTo(new Route("vip_desk", 4, null));
    assertThat(vipRouter.route(EscalationReason.HIGH_VALUE, "refund_request", customer("standard", "en"), 0))
        .isEqualTo(new Route("billing", 3, null));
  }

  private static Customer customer(String tier, String language) {
    return new Customer("cust-1", "Ada", "ada@example.com", tier, language);
  }
}
