package dev.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.bot.BotTurn;
import dev.baton.bot.Fact;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The escalation matrix, one row per situation, on the shipped rules (see {@link TestRules}). An
 * outcome is either the escalation reason or what the bot does instead:
 *
 * <ul>
 *   <li>{@code bot answers}: the bot's answer stands
 *   <li>{@code bot asks for details}: the bot's reply stands, but it asked for something (an order
 *       number) rather than answered
 *   <li>{@code bot clarifies}: the bot is unsure and asks a clarifying question instead
 *   <li>{@code bot apologises}: the bot failed this time; the conversation goes on
 * </ul>
 */
class EscalationPolicyTest {
  private static final String ANSWER = "Your parcel arrives on Tuesday.";
  private static final String ASKS_FOR_DETAILS = "What is your order number?";

  private final EscalationPolicy policy = new EscalationPolicy(TestRules.defaults());

  @ParameterizedTest(name = "\"{0}\" (bot reads {1}) → {2}")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # customer writes                               | bot reads          | outcome
        # asking for a person, by any of the phrases, in any case, escalates at once
          Can I speak to an agent please?               | track_order        | CUSTOMER_REQUEST
          an agent please                               | track_order        | CUSTOMER_REQUEST
          I want a HUMAN                                | track_order        | CUSTOMER_REQUEST
          Let me talk to a real person                  | track_order        | CUSTOMER_REQUEST
          I need a person to look at this               | track_order        | CUSTOMER_REQUEST
          Is a representative available?                | track_order        | CUSTOMER_REQUEST
          someone real, please                          | track_order        | CUSTOMER_REQUEST
          can I speak   to someone                      | track_order        | CUSTOMER_REQUEST
          I'd like to talk to someone                   | track_order        | CUSTOMER_REQUEST
          Operator!                                     | track_order        | CUSTOMER_REQUEST
        # ... and so does the bot's own reading of it
          Could one of your colleagues take over?       | human_request      | CUSTOMER_REQUEST
        # phrases match whole words only
          Your management never answers my emails       | track_order        | bot answers
          Humanity is doomed, where is my parcel?       | track_order        | bot answers
          Is it a personal delivery?                    | track_order        | bot answers
        # strong language and repeating oneself are distress, whatever the sentiment
          This is a useless bot                         | track_order        | USER_DISTRESS
          wtf, where is my parcel                       | track_order        | USER_DISTRESS
          Where is my damn parcel?                      | track_order        | USER_DISTRESS
          I already told you, order 12345               | track_order        | USER_DISTRESS
          I’ve already said it: order 12345             | track_order        | USER_DISTRESS
          For the LAST time: order 12345                | track_order        | USER_DISTRESS
          How many times do I have to ask?              | track_order        | USER_DISTRESS
        # ... again as whole words only
          Where is my scrap metal order?                | track_order        | bot answers
          I ordered shiitake mushrooms                  | track_order        | bot answers
        """)
  void whatTheCustomerWritesDecides(String customerWrites, String intent, String outcome) {
    BotTurn turn = new BotTurn(intent, 0.95, 0.0, List.of(), ANSWER, false);

    Verdict verdict = policy.afterTurn(standard(customerWrites, turn));

    assertThat(outcome(verdict)).isEqualTo(outcome);
  }

  @ParameterizedTest(name = "{0} of {1} for a {2} customer → {3}")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # bot reads          | amounts the bot found  | customer | outcome
        # above the limit of 500 goes to a person; exactly 500 does not
          refund_request     | $501                   | standard | HIGH_VALUE
          refund_request     | $500.01                | standard | HIGH_VALUE
          refund_request     | $500                   | standard | bot answers
          refund_request     | 499.99 dollars         | standard | bot answers
          refund_request     | $1,250.50              | standard | HIGH_VALUE
          refund_request     | 80,00 eur              | standard | bot answers
          refund_request     | € 1.200                | standard | HIGH_VALUE
          payment_issue      | 750 dollars            | standard | HIGH_VALUE
        # the largest amount counts
          refund_request     | $20 and $600           | standard | HIGH_VALUE
        # VIPs: the limit is 250
          refund_request     | $251                   | vip      | HIGH_VALUE
          refund_request     | $250                   | vip      | bot answers
        # amounts only matter for refunds, disputes and payment problems
          track_order        | $900                   | standard | bot answers
          refund_request     |                        | standard | bot answers
        """)
  void moneyAboveTheLimitGoesToAPerson(String intent, String amounts, String tier, String outcome) {
    List<Fact> facts =
        amounts == null
            ? List.of()
            : Arrays.stream(amounts.split(" and ")).map(a -> new Fact(Fact.Kind.AMOUNT, a)).toList();
    BotTurn turn = new BotTurn(intent, 0.95, 0.0, facts, ANSWER, false);

    Verdict verdict = policy.afterTurn(signals("I'd like my money back", turn, tier, 0, 0, 0));

    assertThat(outcome(verdict)).isEqualTo(outcome);
  }

  @ParameterizedTest(name = "{0} → RISK_OR_COMPLIANCE")
  @ValueSource(
      strings = {
        "billing_dispute",
        "account_access",
        "security_concern",
        "delete_account",
        "cancel_subscription",
        "privacy_request",
        "complaint"
      })
  void sensitiveIntentsAlwaysGoToAPerson(String intent) {
    BotTurn turn = new BotTurn(intent, 0.95, 0.0, List.of(), ANSWER, false);

    Verdict verdict = policy.afterTurn(standard("I need help with this", turn));

    assertThat(outcome(verdict)).isEqualTo("RISK_OR_COMPLIANCE");
  }

  @ParameterizedTest(name = "sentiment {0} for a {1} customer → {2}")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # sentiment | customer | outcome
        # below -0.5 is distress; -0.5 itself is not
          -0.49     | standard | bot answers
          -0.5      | standard | bot answers
          -0.51     | standard | USER_DISTRESS
          -1.0      | standard | USER_DISTRESS
        # VIPs: below -0.3
          -0.3      | vip      | bot answers
          -0.31     | vip      | USER_DISTRESS
        """)
  void veryNegativeSentimentIsDistress(double sentiment, String tier, String outcome) {
    BotTurn turn = new BotTurn("track_order", 0.95, sentiment, List.of(), ANSWER, false);

    Verdict verdict = policy.afterTurn(signals("where is my parcel", turn, tier, 0, 0, 0));

    assertThat(outcome(verdict)).isEqualTo(outcome);
  }

  @ParameterizedTest(name = "{0} at confidence {1}, {2} customer, {3} questions asked, answer: {4} → {5}")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # bot reads         | confidence | customer | clarifying questions asked | bot has an answer | outcome
        # low-risk intents need 0.70
          product_advice    | 0.70       | standard | 0                          | yes               | bot answers
          product_advice    | 0.69       | standard | 0                          | yes               | bot clarifies
          product_advice    | 0.69       | standard | 1                          | yes               | bot clarifies
          product_advice    | 0.69       | standard | 2                          | yes               | CONFIDENCE_GAP
        # account and billing intents need 0.85
          refund_request    | 0.86       | standard | 0                          | yes               | bot answers
          refund_request    | 0.85       | standard | 0                          | yes               | bot answers
          refund_request    | 0.84       | standard | 0                          | yes               | bot clarifies
          payment_issue     | 0.84       | standard | 2                          | yes               | CONFIDENCE_GAP
        # VIPs: 0.80 for every intent, and one clarifying question only
          product_advice    | 0.80       | vip      | 0                          | yes               | bot answers
          product_advice    | 0.79       | vip      | 0                          | yes               | bot clarifies
          product_advice    | 0.79       | vip      | 1                          | yes               | CONFIDENCE_GAP
          refund_request    | 0.80       | vip      | 0                          | yes               | bot answers
        # a request the bot did not recognise is never a confident one
          unknown           | 0.95       | standard | 0                          | yes               | bot clarifies
          unknown           | 0.95       | standard | 2                          | yes               | CONFIDENCE_GAP
        # recognised with confidence, but the bot has no answer for it
          technical_issue   | 0.95       | standard | 0                          | no                | CAPABILITY_GAP
          technical_issue   | 0.70       | standard | 0                          | no                | CAPABILITY_GAP
          technical_issue   | 0.69       | standard | 0                          | no                | bot clarifies
        """)
  void anUnsureBotClarifiesThenStepsAside(
      String intent, double confidence, String tier, int asked, String hasAnswer, String outcome) {
    String reply = hasAnswer.equals("yes") ? ANSWER : null;
    BotTurn turn = new BotTurn(intent, confidence, 0.0, List.of(), reply, false);

    Verdict verdict = policy.afterTurn(signals("something about my order", turn, tier, asked, 0, 0));

    assertThat(outcome(verdict)).isEqualTo(outcome);
  }

  @ParameterizedTest(name = "{0} customer, {1} earlier turns without an answer, bot answered: {2} → {3}")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # customer | earlier turns without an answer | bot answered | outcome
        # two more turns after the first unanswered one, then a person
          standard | 0                               | no           | bot asks for details
          standard | 1                               | no           | bot asks for details
          standard | 2                               | no           | ELAPSED_TIME
          standard | 5                               | yes          | bot answers
        # VIPs: one more turn
          vip      | 0                               | no           | bot asks for details
          vip      | 1                               | no           | ELAPSED_TIME
        """)
  void aBotThatKeepsAskingStepsAside(String tier, int turnsWithoutProgress, String answered, String outcome) {
    BotTurn turn =
        answered.equals("yes")
            ? new BotTurn("track_order", 0.95, 0.0, List.of(), ANSWER, false)
            : new BotTurn("track_order", 0.95, 0.0, List.of(), ASKS_FOR_DETAILS, false, false);

    Verdict verdict = policy.afterTurn(signals("where is my parcel", turn, tier, 0, turnsWithoutProgress, 0));

    assertThat(outcome(verdict)).isEqualTo(outcome);
  }

  @ParameterizedTest(name = "bot failed {0} times in a row, customer writes \"{1}\" → {2}")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # bot failures in a row | customer writes       | outcome
          1                     | where is my parcel    | bot apologises
          2                     | where is my parcel    | WORKFLOW_EXCEPTION
          3                     | where is my parcel    | WORKFLOW_EXCEPTION
        # a request for a person needs no bot
          1                     | I want a human        | CUSTOMER_REQUEST
        """)
  void aFailingBotHandsOverAfterTwoFailures(int failures, String customerWrites, String outcome) {
    Verdict verdict = policy.afterTurn(signals(customerWrites, null, "standard", 0, 0, failures));

    assertThat(outcome(verdict)).isEqualTo(outcome);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # why                                            | customer writes                      | bot reads       | amount | sentiment | bot has an answer | outcome
          a request for a person is never argued with      | I want a human, I was charged twice  | billing_dispute |        | -0.9      | yes               | CUSTOMER_REQUEST
          the money at stake comes before the risk         | You charged me twice                 | billing_dispute | $900   | 0.0       | yes               | HIGH_VALUE
          the money at stake comes before the anger        | wtf, refund my $900                  | refund_request  | $900   | -0.9      | yes               | HIGH_VALUE
          the risk comes before the swearing               | Delete my damn account               | delete_account  |        | -0.9      | yes               | RISK_OR_COMPLIANCE
          distress comes before a missing answer           | This stupid bot can't fix my login   | technical_issue |        | 0.0       | no                | USER_DISTRESS
          distress comes before an unsure bot              | I told you already, it's broken      | unknown         |        | 0.0       | yes               | USER_DISTRESS
        """)
  void theFirstRuleThatAppliesWins(
      String why, String customerWrites, String intent, String amount, double sentiment, String hasAnswer,
      String outcome) {
    List<Fact> facts = amount == null ? List.of() : List.of(new Fact(Fact.Kind.AMOUNT, amount));
    String reply = hasAnswer.equals("yes") ? ANSWER : null;
    BotTurn turn = new BotTurn(intent, 0.95, sentiment, facts, reply, false);

    Verdict verdict = policy.afterTurn(standard(customerWrites, turn));

    assertThat(outcome(verdict)).isEqualTo(outcome);
  }

  @Test
  void theClarifyingQuestionNamesTheIssueInLowerCase() {
    BotTurn unsure = new BotTurn("refund_request", 0.6, 0.0, List.of(), ANSWER, false);

    Verdict verdict = policy.afterTurn(standard("money back?", unsure));

    assertThat(verdict)
        .isEqualTo(
            new Verdict.Clarify(
                "Just to make sure I help with the right thing: is this about refund request?"
                    + " A few more words would help me."));
  }

  @Test
  void forAnUnrecognisedRequestTheBotAsksInItsOwnWords() {
    BotTurn lost = new BotTurn("unknown", 0.0, 0.0, List.of(), "Sorry, could you put that another way?", false, false);

    Verdict verdict = policy.afterTurn(standard("blorp", lost));

    assertThat(verdict).isEqualTo(new Verdict.Clarify("Sorry, could you put that another way?"));
  }

  /** The detail is what the agent reads first, next to the reason. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("escalationDetails")
  void theAgentIsToldWhy(String situation, TurnSignals signals, String detail) {
    Verdict verdict = policy.afterTurn(signals);

    assertThat(verdict).isInstanceOf(Verdict.Escalate.class);
    assertThat(((Verdict.Escalate) verdict).detail()).isEqualTo(detail);
  }

  static Stream<Arguments> escalationDetails() {
    return Stream.of(
        Arguments.of(
            "asked for a person, in their own words",
            standard("Can I speak to an Agent?", answering("track_order")),
            "The customer asked for a person (\"Agent\")."),
        Arguments.of(
            "asked for a person, as the bot read it",
            standard("one of your colleagues, please", answering("human_request")),
            "The customer asked for a person."),
        Arguments.of(
            "the bot kept failing",
            signals("where is my parcel", null, "standard", 0, 0, 2),
            "The bot failed 2 times in a row."),
        Arguments.of(
            "a large refund",
            standard(
                "refund please",
                new BotTurn("refund_request", 0.95, 0.0, List.of(new Fact(Fact.Kind.AMOUNT, "$1,250.50")), ANSWER, false)),
            "Refund request of 1250.50, above the limit of 500."),
        Arguments.of(
            "a sensitive intent",
            standard("I want to complain", answering("complaint")),
            "Complaint is handled by people only."),
        Arguments.of(
            "strong language",
            standard("this is crap", answering("track_order")),
            "The customer used strong language."),
        Arguments.of(
            "repeating themselves",
            standard("As I said, order 12345", answering("track_order")),
            "The customer is repeating themselves (\"As I said\")."),
        Arguments.of(
            "very negative sentiment",
            standard("where is it", new BotTurn("track_order", 0.95, -0.8, List.of(), ANSWER, false)),
            "Very negative sentiment (-0.80, limit -0.50)."),
        Arguments.of(
            "no answer for a recognised request",
            standard("the app crashes", new BotTurn("technical_issue", 0.95, 0.0, List.of(), null, false)),
            "The bot has no answer for technical problem."),
        Arguments.of(
            "still unsure after clarifying",
            signals("hmm", new BotTurn("product_advice", 0.4, 0.0, List.of(), ANSWER, false), "standard", 2, 0, 0),
            "Still unsure after 2 clarifying questions (confidence 0.40, needs 0.70)."),
        Arguments.of(
            "still unsure after one clarifying question (VIP)",
            signals("hmm", new BotTurn("product_advice", 0.4, 0.0, List.of(), ANSWER, false), "vip", 1, 0, 0),
            "Still unsure after 1 clarifying question (confidence 0.40, needs 0.80)."),
        Arguments.of(
            "the bot keeps asking",
            signals(
                "where is it",
                new BotTurn("track_order", 0.95, 0.0, List.of(), ASKS_FOR_DETAILS, false, false),
                "standard",
                0,
                2,
                0),
            "No answer after 3 turns."));
  }

  @ParameterizedTest(name = "no answer for {0} → \"{1}\"")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # waited      | the agent reads
          PT90S       | No answer 90 seconds after the customer's first unanswered message.
          PT1M        | No answer 1 minute after the customer's first unanswered message.
          PT2M        | No answer 2 minutes after the customer's first unanswered message.
          PT3H        | No answer 3 hours after the customer's first unanswered message.
        """)
  void noProgressForTooLongIsElapsedTime(Duration waited, String detail) {
    assertThat(policy.noProgress(waited)).isEqualTo(new Verdict.Escalate(EscalationReason.ELAPSED_TIME, detail));
  }

  @ParameterizedTest(name = "{0}, {1} customer → a person after {2}")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # bot reads        | customer | a person is brought in after
          track_order      | standard | PT90S
          refund_request   | standard | PT90S
          track_order      | vip      | PT60S
        """)
  void theBotGetsLessTimeWithAVip(String intent, String tier, Duration after) {
    assertThat(policy.noProgressAfter(intent, tier)).isEqualTo(after);
  }

  @Test
  void pressingTalkToAPersonIsACustomerRequest() {
    assertThat(policy.handoffRequested())
        .isEqualTo(
            new Verdict.Escalate(
                EscalationReason.CUSTOMER_REQUEST, "The customer pressed \"talk to a person\"."));
  }

  @ParameterizedTest(name = "{0} → \"{1}\"")
  @CsvSource(
      delimiterString = "|",
      nullValues = "(none)",
      textBlock = """
        # bot's intent          | the problem, for people
          refund_request        | Refund request
          track_order           | Order tracking
          unknown               | An unrecognised request
          (none)                | An unrecognised request
        # intents the rules do not describe are named after themselves
          security_concern      | Security concern
          gift_card_balance     | Gift card balance
        """)
  void theIssueIsNamedForPeople(String intent, String issue) {
    assertThat(policy.issue(intent)).isEqualTo(issue);
  }

  private static BotTurn answering(String intent) {
    return new BotTurn(intent, 0.95, 0.0, List.of(), ANSWER, false);
  }

  @Test
  void aReadingTornBetweenADestructivePairAsksInsteadOfActingOnEither() {
    // "close" or "open" an account: delete_account alone would go to account security at once.
    BotTurn torn = BotTurn.torn("delete_account", "create_account", 0.55, 0, List.of(), "Open a new account, or close yours?", null);

    Verdict verdict = policy.afterTurn(standard("problem with a pro account", torn));

    assertThat(verdict).isEqualTo(new Verdict.Clarify("Open a new account, or close yours?"));
  }

  @Test
  void aReadingStillTornAfterTheClarifyingQuestionsGoesToAPerson() {
    BotTurn torn = BotTurn.torn("review", "complaint", 0.5, 0, List.of(), "A review, or a complaint?", null);

    Verdict verdict = policy.afterTurn(signals("about my order", torn, "standard", 2, 2, 0));

    assertThat(outcome(verdict)).isEqualTo("CONFIDENCE_GAP");
  }

  @Test
  void aQuestionOutOfScopeIsAnsweredPlainlyThenAfterRepeatedMissesGoesToAPersonAsACapabilityGap() {
    BotTurn outOfScope = new BotTurn("out_of_scope", 0.93, 0, List.of(), "Sorry, I can't help with that here.", false, false);

    Verdict first = policy.afterTurn(standard("how do I fix a broken watch", outOfScope));
    Verdict second = policy.afterTurn(signals("how do I back out of a parking spot", outOfScope, "standard", 0, 1, 0));

    assertThat(first).isEqualTo(new Verdict.Reply(false));
    assertThat(second).isInstanceOf(Verdict.Escalate.class);
    assertThat(((Verdict.Escalate) second).reason()).isEqualTo(EscalationReason.CAPABILITY_GAP);
  }

  @Test
  void anUnsureOutOfScopeReadingClarifiesWithWhatTheBotCovers() {
    BotTurn unsure = new BotTurn("out_of_scope", 0.45, 0, List.of(), "I can help with orders and accounts.", false, false);

    assertThat(policy.afterTurn(standard("what about the thing", unsure)))
        .isEqualTo(new Verdict.Clarify("I can help with orders and accounts."));
  }

  @Test
  void aComplaintGoesToAPersonWithItsOwnReasonWhereTheRulesSaySo() {
    EscalationRules rules = TestRules.defaults();
    EscalationPolicy withComplaints =
        new EscalationPolicy(
            new EscalationRules(
                rules.humanRequestPhrases(), List.of(), rules.highValueIntents(), rules.defaults(),
                rules.riskTiers(), rules.distress(), rules.vip(), rules.defaultQueue(), rules.defaultLanguage(),
                rules.queues(), rules.intents(), rules.priorities(), rules.botFailuresBeforeEscalation(), rules.copy(),
                List.of("complaint"), rules.outOfScopeBeforeEscalation()));
    BotTurn complaint = new BotTurn("complaint", 0.95, 0, List.of(), ANSWER, false);

    assertThat(outcome(withComplaints.afterTurn(standard("I want to make a complaint", complaint)))).isEqualTo("COMPLAINT");
  }

  @ParameterizedTest(name = "{0} at {1} → {2}")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        contact_human_agent | 0.95 | CUSTOMER_REQUEST
        contact_human_agent | 0.40 | bot clarifies
        human_request       | 0.40 | CUSTOMER_REQUEST
        """)
  void theBotsReadingOfARequestForAPersonCountsWhenItIsSureOrWhenARecordedRunDecidedSo(
      String intent, double confidence, String outcome) {
    BotTurn turn = new BotTurn(intent, confidence, 0, List.of(), "I understand you'd like to talk to a person.", false);

    assertThat(outcome(policy.afterTurn(standard("speak german", turn)))).isEqualTo(outcome);
  }

  private static TurnSignals standard(String text, BotTurn turn) {
    return signals(text, turn, "standard", 0, 0, 0);
  }

  private static TurnSignals signals(
      String text, BotTurn turn, String tier, int clarificationsAsked, int turnsWithoutProgress, int failures) {
    return new TurnSignals(text, turn, tier, clarificationsAsked, turnsWithoutProgress, failures);
  }

  /** The verdict in the words of the tables above. */
  private static String outcome(Verdict verdict) {
    if (verdict instanceof Verdict.Escalate escalate) {
      return escalate.reason().name();
    }
    if (verdict instanceof Verdict.Reply reply) {
      return reply.progress() ? "bot answers" : "bot asks for details";
    }
    if (verdict instanceof Verdict.Clarify) {
      return "bot clarifies";
    }
    return "bot apologises";
  }
}
