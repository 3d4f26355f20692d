package dev.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.bot.Fact;
import dev.baton.conversation.Customer;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the customer is told at a handoff, and what the person taking over reads first. */
class HandoffTest {
  private static final Instant AT = Instant.parse("2025-03-01T10:15:30Z");
  private static final Customer ADA = new Customer("cust-1", "Ada", "ada@example.com", "vip", "fr");
  /** The test card, however it is spaced. */
  private static final String WHOLE_CARD = "4111[\\s-]*1111[\\s-]*1111[\\s-]*1111";

  private final Handoff handoff = new Handoff(new EscalationPolicy(TestRules.defaults()));

  /** The shipped messages all end the same way: nothing to repeat, and where the reply comes. */
  private static final String PROMISE =
      "I've passed on everything you've told me, so you won't need to repeat yourself."
          + " They'll reply right here as soon as they pick up your conversation.";

  @ParameterizedTest(name = "{0} to {1} → \"{2} …\"")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # reason             | queue          | the customer reads, before the promise
          CUSTOMER_REQUEST   | billing        | Of course. I'm bringing in a person from our billing team.
          HIGH_VALUE         | billing        | I'm bringing in a person from our billing team because an amount this size should be checked by a person.
          USER_DISTRESS      | billing_de     | I'm bringing in a person from our billing (German) team because I can see this has been frustrating.
          RISK_OR_COMPLIANCE | account_access | I'm bringing in a person from our account security team because this needs a person to look at your account.
          CAPABILITY_GAP     | technical      | I'm bringing in a person from our technical support team because this is something I can't answer myself.
          CONFIDENCE_GAP     | general        | I'm bringing in a person from our customer support team because I'm not sure I've understood, and I don't want to guess.
          ELAPSED_TIME       | orders         | I'm bringing in a person from our orders team because I haven't been able to solve this quickly.
          WORKFLOW_EXCEPTION | general        | I'm bringing in a person from our customer support team because I'm having technical trouble.
        # a queue the routing table does not describe is named after itself
          HIGH_VALUE         | vip_desk       | I'm bringing in a person from our vip desk team because an amount this size should be checked by a person.
        """)
  void theCustomerIsToldWhoTakesOverAndWhy(EscalationReason reason, String queue, String whoAndWhy) {
    assertThat(handoff.transferMessage(escalation(reason, queue))).isEqualTo(whoAndWhy + " " + PROMISE);
  }

  @ParameterizedTest(name = "templates {0}: {2} to {1} → \"{3}\"")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # templates configured                          | queue   | reason        | the customer reads
        # the most specific template wins: <queue>.<REASON>, then <REASON>, then <queue>, then default
          billing.HIGH_VALUE HIGH_VALUE billing default | billing | HIGH_VALUE    | For billing, about money.
          HIGH_VALUE billing default                    | billing | HIGH_VALUE    | About money, for billing.
          billing default                               | billing | HIGH_VALUE    | From billing.
          default                                       | billing | HIGH_VALUE    | From our billing team.
        # a template for one queue or one reason does not speak for others
          billing.HIGH_VALUE HIGH_VALUE billing default | orders  | HIGH_VALUE    | About money, for orders.
          billing.HIGH_VALUE HIGH_VALUE billing default | billing | USER_DISTRESS | From billing.
          billing.HIGH_VALUE HIGH_VALUE billing default | orders  | USER_DISTRESS | From our orders team.
        """)
  void theMostSpecificTemplateWins(String configured, String queue, EscalationReason reason, String message) {
    Map<String, String> all =
        Map.of(
            "billing.HIGH_VALUE", "For {team}, about money.",
            "HIGH_VALUE", "About money, for {team}.",
            "billing", "From {team}.",
            "default", "From our {team} team.");
    Map<String, String> transfer = new LinkedHashMap<>();
    Arrays.stream(configured.split(" ")).forEach(key -> transfer.put(key, all.get(key)));
    Handoff custom = handoffWith(new EscalationRules.Copy("?", transfer, Map.of(), "We'll be in touch.", null));

    assertThat(custom.transferMessage(escalation(reason, queue))).isEqualTo(message);
  }

  @Test
  void aMissingWhyLeavesNoGapInTheSentence() {
    Handoff custom =
        handoffWith(
            new EscalationRules.Copy(
                "?",
                Map.of("default", "I'm bringing in our {team} team {why}, right now. {next}"),
                Map.of(),
                "They'll reply here.",
                null));

    assertThat(custom.transferMessage(escalation(EscalationReason.CUSTOMER_REQUEST, "billing")))
        .isEqualTo("I'm bringing in our billing team, right now. They'll reply here.");
  }

  @ParameterizedTest(name = "{1} after \"{0}\" → \"{2}\"")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      nullValues = "-",
      textBlock = """
        # the customer's first message about the problem | bot's intent      | primary issue                                          | customer's goal
          I was charged twice for order 12345             | billing_dispute   | Billing dispute: “I was charged twice for order 12345” | Have a wrong or double charge corrected
          Where is my parcel?                             | track_order       | Order tracking: “Where is my parcel?”                  | Know where the order is and when it arrives
          blorp                                           | unknown           | An unrecognised request: “blorp”                       | Not clear yet; see the transcript
          I think someone got into my account             | security_concern  | Security concern: “I think someone got into my account” | Not clear yet; see the transcript
        # the customer only said hello
          -                                               | greeting          | Greeting                                               | Get help with something not yet said
        """)
  void theSummaryStatesTheProblemAndTheGoal(String firstMessage, String intent, String primaryIssue, String goal) {
    Dossier dossier = firstMessage == null ? Dossier.EMPTY : Dossier.EMPTY.withMessage(firstMessage, true, List.of(), 0.0);

    HandoffSummary summary = summary(dossier, intent);

    assertThat(summary.primaryIssue()).isEqualTo(primaryIssue);
    assertThat(summary.customerGoal()).isEqualTo(goal);
  }

  @Test
  void theSummaryCarriesWhatTheAgentNeeds() {
    Dossier dossier =
        Dossier.EMPTY
            .withMessage("hello", false, List.of(), 0.2)
            .withMessage("I want my $80 back for order 12345", true, List.of(amount("$80"), order("12345")), 0.0)
            .withAttempt("Asked: Which order is it about?")
            .withMessage("order 12345, I already told you", true, List.of(order("12345")), -0.4);
    Escalation escalation =
        new Escalation(
            EscalationReason.USER_DISTRESS,
            "The customer is repeating themselves (\"I already told you\").",
            "billing",
            5,
            "fr",
            AT);

    HandoffSummary summary = handoff.summary("conv-7", dossier, "refund_request", 0.91, ADA, escalation, 2);

    assertThat(summary)
        .isEqualTo(
            new HandoffSummary(
                "Refund request: “I want my $80 back for order 12345”",
                "Get money back",
                List.of(amount("$80"), order("12345")),
                List.of("Asked: Which order is it about?"),
                EscalationReason.USER_DISTRESS,
                "The customer is repeating themselves (\"I already told you\").",
                -0.4,
                "WORSENING",
                0.91,
                "refund_request",
                "billing",
                5,
                "vip",
                "fr",
                2,
                "/api/v1/conversations/conv-7/messages",
                List.of()));
  }

  /** The summary goes to the helpdesk: a card number the customer typed must never reach it. */
  @ParameterizedTest(name = "card written as \"{0}\" in the {1}")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # how the customer wrote the card | where
          4111 1111 1111 1111             | first message
          4111-1111-1111-1111             | first message
          4111111111111111                | first message
          4111 1111 1111 1111             | facts the bot found
        """)
  void cardNumbersNeverReachTheSummary(String card, String where) {
    HandoffSummary summary = summary(dossierWithCard(card, where), "refund_request");

    assertThat(summary.toString()).doesNotContainPattern(WHOLE_CARD).contains("•••• 1111");
  }

  /**
   * The same guarantee, for cards the customer wrote next to other numbers or with irregular
   * spacing, and for the note they leave when they press "talk to a person".
   */
  @ParameterizedTest(name = "card written as \"{0}\" in the {1}")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # how the customer wrote the card | where
          4111 1111 1111 1111 123         | first message
          4111 1111 1111 1111 12/27       | first message
          4111  1111  1111  1111          | first message
          4111 1111 1111 1111             | note to the agent
        """)
  void cardNumbersWrittenLooselyNeverReachTheSummary(String card, String where) {
    HandoffSummary summary = summary(dossierWithCard(card, where), "refund_request");

    assertThat(summary.toString()).doesNotContainPattern(WHOLE_CARD);
  }

  @ParameterizedTest(name = "sentiments {0} → {1}")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # the customer's latest sentiments, oldest first | trend
          ""                                              | STABLE
          -0.9                                            | STABLE
          0.5 0.2                                         | WORSENING
          0.0 -0.2                                        | WORSENING
          0.0 -0.1                                        | STABLE
          -0.6 0.0                                        | IMPROVING
          -0.5 -0.3                                       | IMPROVING
          -0.5 -0.4                                       | STABLE
        # only the first and the latest count: a dip in between is not a trend
          0.4 -0.9 0.4                                    | STABLE
        """)
  void theSentimentTrendComparesTheFirstAndLatestMessages(String sentiments, String trend) {
    List<Double> values =
        sentiments.isBlank() ? List.of() : Arrays.stream(sentiments.split(" ")).map(Double::valueOf).toList();

    assertThat(Handoff.trend(values)).isEqualTo(trend);
  }

  private HandoffSummary summary(Dossier dossier, String intent) {
    return handoff.summary(
        "conv-1", dossier, intent, 0.9, ADA, escalation(EscalationReason.CUSTOMER_REQUEST, "billing"), 0);
  }

  private static Dossier dossierWithCard(String card, String where) {
    return switch (where) {
      case "first message" ->
          Dossier.EMPTY.withMessage("Please refund to my card " + card + " today", true, List.of(), 0.0);
      case "facts the bot found" ->
          Dossier.EMPTY.withMessage("Please refund to my card", true, List.of(new Fact(Fact.Kind.PAYMENT_CARD, card)), 0.0);
      case "note to the agent" ->
          Dossier.EMPTY
              .withMessage("I want a refund", true, List.of(), 0.0)
              .withAttempt("Customer's note: refund to my card " + card + " please");
      default -> throw new IllegalArgumentException(where);
    };
  }

  private Handoff handoffWith(EscalationRules.Copy copy) {
    return new Handoff(new EscalationPolicy(TestRules.withCopy(TestRules.defaults(), copy)));
  }

  private static Escalation escalation(EscalationReason reason, String queue) {
    return new Escalation(reason, "detail", queue, 2, null, AT);
  }

  private static Fact amount(String value) {
    return new Fact(Fact.Kind.AMOUNT, value);
  }

  private static Fact order(String value) {
    return new Fact(Fact.Kind.ORDER_NUMBER, value);
  }
}
