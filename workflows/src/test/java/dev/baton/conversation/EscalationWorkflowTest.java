package dev.baton.conversation;

import static dev.baton.conversation.ScriptedBot.answer;
import static dev.baton.conversation.ScriptedBot.asks;
import static dev.baton.conversation.ScriptedBot.noAnswer;
import static dev.baton.conversation.ScriptedBot.unknown;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.bot.BotTurn;
import dev.baton.bot.Fact;
import dev.baton.escalation.EscalationReason;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributeKey;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each escalation rule as the conversation lives it: the customer's messages, what they are
 * told, where the conversation goes, and what the person taking over reads. Timer rules run with
 * time skipping.
 */
class EscalationWorkflowTest {
  private static final Customer STANDARD = new Customer("cust-1", "Ada", "ada@example.com", null, "en");
  private static final Customer VIP = new Customer("cust-2", "Grace", null, "vip", "en");

  @RegisterExtension
  static final TestWorkflowExtension temporal = Conversations.extension();

  private final ScriptedBot bot = new ScriptedBot();
  private final FakeTranscript transcript = new FakeTranscript();
  private final FakeEscalations escalations = new FakeEscalations();
  private WorkflowClient client;
  private TestWorkflowEnvironment env;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    FakeHours hours = new FakeHours();
    worker.registerActivitiesImplementations(bot, transcript, escalations, hours, new FakeHelpdesk(), new FakeAgents(hours));
    env.start();
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  @Test
  void askingForAPersonIsHonouredAtOnceAndTheBotFallsSilent() {
    ConversationWorkflow conversation = start("e-ask", STANDARD);
    conversation.sendMessage(message("m1", "where is my order 12345678"));

    TurnResult asked = conversation.sendMessage(message("m2", "I want to talk to a real person"));

    assertThat(asked.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(asked.replies()).extracting(Message::author).containsExactly(Author.SYSTEM, Author.BOT);
    assertThat(asked.replies().get(1).text())
        .contains("bringing in a person")
        .contains("won't need to repeat yourself");
    ConversationView state = conversation.state();
    assertThat(state.escalation().reason()).isEqualTo(EscalationReason.CUSTOMER_REQUEST);
    assertThat(state.escalation().queue()).isEqualTo("orders");
    assertThat(state.summary().primaryIssue()).contains("where is my order 12345678");
    assertThat(state.summary().botAttempts()).singleElement().asString().startsWith("Answered:");

    int botTurns = bot.requests.size();
    TurnResult later = conversation.sendMessage(message("m3", "hello? anyone?"));
    assertThat(later.replies()).as("the bot never answers once a person is brought in").isEmpty();
    assertThat(bot.requests).hasSize(botTurns);
    assertThat(transcript.messages()).last().satisfies(m -> assertThat(m.text()).isEqualTo("hello? anyone?"));
    assertThat(searchAttribute("e-ask", "BatonEscalationReason")).isEqualTo("CUSTOMER_REQUEST");
    assertThat(searchAttribute("e-ask", "BatonQueue")).isEqualTo("orders");
    assertThat(searchAttribute("e-ask", "BatonStatus")).isEqualTo("AWAITING_AGENT");
  }

  @Test
  void aReadingTornBetweenClosingAndOpeningAnAccountAsksAndTheAnswerDecides() {
    bot.then(BotTurn.torn("delete_account", "create_account", 0.47, 0, List.of(), "Open a new account, or close yours?", "en"))
        .then(answer("delete_account", 0.95, 0));
    ConversationWorkflow conversation = start("e-torn", STANDARD);

    TurnResult asked = conversation.sendMessage(message("m1", "something with my freemium account"));

    assertThat(asked.status()).as("not handed to account security on a guess").isEqualTo(ConversationStatus.BOT_ACTIVE);
    assertThat(asked.replies()).extracting(Message::text).containsExactly("Open a new account, or close yours?");
    TurnResult decided = conversation.sendMessage(message("m2", "close it for good"));
    assertThat(decided.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(conversation.state().escalation().reason()).isEqualTo(EscalationReason.RISK_OR_COMPLIANCE);
    writeHistory("e-torn");
  }

  @Test
  void questionsOutOfScopeGetThePlainAnswerThenAPersonAsACapabilityGap() {
    BotTurn outOfScope = new BotTurn("out_of_scope", 0.95, 0, List.of(), "Sorry, I can't help with that here.", false, false);
    bot.then(outOfScope).then(outOfScope);
    ConversationWorkflow conversation = start("e-scope", STANDARD);

    TurnResult first = conversation.sendMessage(message("m1", "how do I repair a broken watch"));
    TurnResult second = conversation.sendMessage(message("m2", "what's a good way of backing out of a parking spot"));

    assertThat(first.status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
    assertThat(first.replies()).extracting(Message::text).containsExactly("Sorry, I can't help with that here.");
    assertThat(second.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(conversation.state().escalation().reason()).isEqualTo(EscalationReason.CAPABILITY_GAP);
    writeHistory("e-scope");
  }

  /**
   * With {@code -Dbaton.record-histories=DIR}, writes the conversation's history there, to be
   * replayed by {@link ConversationReplayTest} once copied into src/test/resources/histories.
   */
  private void writeHistory(String id) {
    String dir = System.getProperty("baton.record-histories");
    if (dir == null) {
      return;
    }
    try {
      java.nio.file.Files.createDirectories(java.nio.file.Path.of(dir));
      java.nio.file.Files.writeString(
          java.nio.file.Path.of(dir, id + ".json"), client.fetchHistory(ConversationIds.workflowId(id)).toJson(true));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aSensitiveIntentGoesToItsQueueWithoutTheBotAnswering() {
    bot.then(answer("billing_dispute", 0.95, -0.2, new Fact(Fact.Kind.ORDER_NUMBER, "12345678")));
    ConversationWorkflow conversation = start("e-risk", STANDARD);

    TurnResult turn = conversation.sendMessage(message("m1", "I was charged twice for order 12345678"));

    assertThat(turn.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(turn.replies()).noneMatch(m -> m.text().equals("Answer about billing_dispute"));
    ConversationView state = conversation.state();
    assertThat(state.escalation().reason()).isEqualTo(EscalationReason.RISK_OR_COMPLIANCE);
    assertThat(state.escalation().queue()).isEqualTo("billing");
    assertThat(state.queue()).isEqualTo("billing");
    assertThat(state.summary().keyFacts()).containsExactly(new Fact(Fact.Kind.ORDER_NUMBER, "12345678"));
    assertThat(state.summary().customerGoal()).isNotBlank();
    assertThat(transcript.statusChanges())
        .singleElement()
        .satisfies(c -> assertThat(c.reason()).startsWith("RISK_OR_COMPLIANCE"));
  }

  @Test
  void aLargeRefundIsHighValueAndAVipGetsAHigherPriority() {
    bot.then(answer("refund_request", 0.95, 0, new Fact(Fact.Kind.AMOUNT, "$750")));
    ConversationWorkflow standard = start("e-money", STANDARD);
    standard.sendMessage(message("m1", "I want a refund of $750"));
    bot.then(answer("refund_request", 0.95, 0, new Fact(Fact.Kind.AMOUNT, "$750")));
    ConversationWorkflow vip = start("e-money-vip", VIP);
    vip.sendMessage(message("m1", "I want a refund of $750"));

    assertThat(standard.state().escalation().reason()).isEqualTo(EscalationReason.HIGH_VALUE);
    assertThat(standard.state().escalation().detail()).contains("750").contains("500");
    assertThat(vip.state().escalation().priority()).isGreaterThan(standard.state().escalation().priority());
  }

  @Test
  void anUnsureBotAsksTwiceThenBringsInAPerson() {
    bot.then(answer("refund_request", 0.75, 0)).then(unknown()).then(answer("refund_request", 0.80, 0));
    ConversationWorkflow conversation = start("e-unsure", STANDARD);

    TurnResult first = conversation.sendMessage(message("m1", "money thing"));
    TurnResult second = conversation.sendMessage(message("m2", "the thing with the money"));
    TurnResult third = conversation.sendMessage(message("m3", "money from before"));

    assertThat(first.replies()).singleElement().satisfies(m -> assertThat(m.text()).contains("refund request"));
    assertThat(second.replies()).singleElement().satisfies(m -> assertThat(m.text()).contains("say that differently"));
    assertThat(third.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    ConversationView state = conversation.state();
    assertThat(state.escalation().reason()).isEqualTo(EscalationReason.CONFIDENCE_GAP);
    assertThat(state.summary().botAttempts()).hasSize(2).allMatch(a -> a.startsWith("Asked:"));
  }

  @Test
  void aRequestTheBotHasNoAnswerForIsACapabilityGap() {
    bot.then(noAnswer("product_advice", 0.9));
    ConversationWorkflow conversation = start("e-gap", STANDARD);

    conversation.sendMessage(message("m1", "which model is compatible with my printer?"));

    assertThat(conversation.state().escalation().reason()).isEqualTo(EscalationReason.CAPABILITY_GAP);
  }

  @Test
  void aMessageInAnotherLanguageGoesToAPersonFlaggedWithTheLanguageNotToAnEnglishQuestion() {
    Customer noLanguage = new Customer("cust-3", "Jonas", null, null, null);
    bot.then(new BotTurn("other_language", 0.9, 0, List.of(), null, false, false, "de"));
    ConversationWorkflow conversation = start("e-lang-flag", noLanguage);

    TurnResult result = conversation.sendMessage(message("m1", "Wo ist meine Bestellung? Sie ist nicht angekommen."));

    assertThat(result.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(result.replies()).noneSatisfy(m -> assertThat(m.text()).startsWith("Just to make sure"));
    ConversationView state = conversation.state();
    assertThat(state.escalation().queue()).as("no German queue serves general").isEqualTo("general");
    assertThat(state.escalation().language()).isEqualTo("de");
    assertThat(state.summary().language()).isEqualTo("de");
  }

  @Test
  void aDetectedLanguageRoutesToTheQueueForThatLanguageAndTheSummaryStillNamesIt() {
    Customer noLanguage = new Customer("cust-4", "Jonas", null, null, null);
    ConversationWorkflow conversation = start("e-lang-queue", noLanguage);

    // A German greeting the bot answers, then a refund too large for it in a message too short to
    // tell the language of: the language detected before still routes it.
    bot.then(new BotTurn("greeting", 0.95, 0, List.of(), "Hi! How can I help?", false, true, "de"));
    bot.then(new BotTurn("refund_request", 0.95, 0, List.of(new Fact(Fact.Kind.AMOUNT, "900")), null, false, false, null));
    conversation.sendMessage(message("m0", "Hallo, guten Tag zusammen"));
    conversation.sendMessage(message("m1", "900 EUR"));

    ConversationView state = conversation.state();
    assertThat(state.escalation().queue()).isEqualTo("billing_de");
    assertThat(state.escalation().language()).as("the queue serves German: no flag").isNull();
    assertThat(state.summary().language()).isEqualTo("de");
  }

  @Test
  void aDistressedCustomerWhoContactedUsRecentlyIsRaisedInPriority() {
    escalations.priorContacts = 1;
    bot.then(answer("track_order", 0.9, -0.8));
    ConversationWorkflow again = start("e-upset-again", STANDARD);
    again.sendMessage(message("m1", "still nothing, this is awful"));
    escalations.priorContacts = 0;
    bot.then(answer("track_order", 0.9, -0.8));
    ConversationWorkflow first = start("e-upset-first", STANDARD);
    first.sendMessage(message("m1", "still nothing, this is awful"));

    assertThat(again.state().escalation().reason()).isEqualTo(EscalationReason.USER_DISTRESS);
    assertThat(again.state().summary().priorContacts()).isEqualTo(1);
    assertThat(again.state().escalation().priority()).isEqualTo(first.state().escalation().priority() + 1);
    assertThat(escalations.askedSince).isNotNull();
    assertThat(escalations.askedVerified).as("an anonymous customer's contacts are counted among anonymous ones").isFalse();
  }

  @Test
  void aVerifiedCustomersPriorContactsAreCountedAmongVerifiedOnes() {
    Customer verified = new Customer("cust-9", "Ada", null, null, "en", null, true);
    bot.then(answer("track_order", 0.9, -0.8));
    ConversationWorkflow conversation = start("e-verified", verified);
    conversation.sendMessage(message("m1", "still nothing, this is awful"));

    assertThat(conversation.state().escalation().reason()).isEqualTo(EscalationReason.USER_DISTRESS);
    assertThat(escalations.askedVerified).isTrue();
  }

  @Test
  void noAnswerWithinNinetySecondsOfTheFirstUnansweredMessageBringsInAPerson() {
    bot.then(unknown());
    ConversationWorkflow conversation = start("e-slow", STANDARD);
    conversation.sendMessage(message("m1", "hmm"));

    env.sleep(Duration.ofSeconds(80));
    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
    env.sleep(Duration.ofSeconds(15));

    ConversationView state = conversation.state();
    assertThat(state.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(state.escalation().reason()).isEqualTo(EscalationReason.ELAPSED_TIME);
    assertThat(state.escalation().detail()).contains("90 seconds");
    assertThat(transcript.messages()).last().satisfies(m -> assertThat(m.author()).isEqualTo(Author.BOT));
  }

  @Test
  void aRealAnswerStopsTheNoProgressClock() {
    bot.then(unknown()).then(answer("track_order", 0.95, 0));
    ConversationWorkflow conversation = start("e-answered", STANDARD);
    conversation.sendMessage(message("m1", "hmm"));
    env.sleep(Duration.ofSeconds(60));
    conversation.sendMessage(message("m2", "where is my order 12345678"));

    env.sleep(Duration.ofMinutes(5));

    assertThat(conversation.state().status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
  }

  @Test
  void aBotThatKeepsAskingBringsInAPersonAfterTwoMoreTurns() {
    bot.then(asks("track_order", 0.95)).then(asks("track_order", 0.95)).then(asks("track_order", 0.95));
    ConversationWorkflow conversation = start("e-asking", STANDARD);

    conversation.sendMessage(message("m1", "where is my order"));
    conversation.sendMessage(message("m2", "I don't have it"));
    TurnResult third = conversation.sendMessage(message("m3", "I already told you I don't have it"));

    assertThat(third.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(conversation.state().escalation().reason())
        .as("a repetition marker is distress, which comes before elapsed turns")
        .isEqualTo(EscalationReason.USER_DISTRESS);
  }

  @Test
  void aBotThatKeepsAskingQuietlyIsElapsedTime() {
    bot.then(asks("track_order", 0.95)).then(asks("track_order", 0.95)).then(asks("track_order", 0.95));
    ConversationWorkflow conversation = start("e-asking-2", STANDARD);

    conversation.sendMessage(message("m1", "where is my order"));
    TurnResult second = conversation.sendMessage(message("m2", "not sure"));
    TurnResult third = conversation.sendMessage(message("m3", "no idea"));

    assertThat(second.status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
    assertThat(third.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(conversation.state().escalation().reason()).isEqualTo(EscalationReason.ELAPSED_TIME);
  }

  @Test
  void theBotFailingTwiceInARowHandsOverToAPerson() {
    bot.then(null).then(null);
    ConversationWorkflow conversation = start("e-broken", STANDARD);

    TurnResult first = conversation.sendMessage(message("m1", "hello"));
    TurnResult second = conversation.sendMessage(message("m2", "hello?"));

    assertThat(first.status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
    assertThat(first.replies()).singleElement().satisfies(m -> assertThat(m.author()).isEqualTo(Author.SYSTEM));
    assertThat(second.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(conversation.state().escalation().reason()).isEqualTo(EscalationReason.WORKFLOW_EXCEPTION);
  }

  @Test
  void whenAnOutsideBotFailsTheStandInsAnswerIsGivenAndTheFailureNoted() {
    bot.then(answer("return_item", 0.9, 0.0).standingInFor("the webhook bot failed: no answer within 3 s (2 attempts); the built-in bot answered."));
    ConversationWorkflow conversation = start("e-standin", STANDARD);

    TurnResult turn = conversation.sendMessage(message("m1", "how do I return a jacket"));

    assertThat(turn.status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
    assertThat(turn.replies()).extracting(Message::author).containsExactly(Author.SYSTEM, Author.BOT);
    assertThat(turn.replies().get(0).text())
        .isEqualTo("WORKFLOW_EXCEPTION: the webhook bot failed: no answer within 3 s (2 attempts); the built-in bot answered.");
    assertThat(turn.replies().get(1).text()).isEqualTo("Answer about return_item");
    assertThat(bot.requests.get(0).customer()).isEqualTo(STANDARD);
  }

  @Test
  void whenAnOutsideBotFailsAndNoBotStandsInThePersonIsOfferedThenBroughtIn() {
    bot.then(BotTurn.unavailable("the webhook bot failed: answered HTTP 500; no bot answered."))
        .then(BotTurn.unavailable("the webhook bot failed: answered HTTP 500; no bot answered."));
    ConversationWorkflow conversation = start("e-nobot", STANDARD);

    TurnResult first = conversation.sendMessage(message("m1", "how do I return a jacket"));
    TurnResult second = conversation.sendMessage(message("m2", "hello?"));

    assertThat(first.status()).isEqualTo(ConversationStatus.BOT_ACTIVE);
    assertThat(first.replies()).extracting(Message::text).containsExactly(
        "WORKFLOW_EXCEPTION: the webhook bot failed: answered HTTP 500; no bot answered.",
        "Sorry, I'm having trouble answering right now. Please try again in a moment, or ask to talk to a person.");
    assertThat(second.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(conversation.state().escalation().reason()).isEqualTo(EscalationReason.WORKFLOW_EXCEPTION);
  }

  @Test
  void theTalkToAPersonButtonEscalatesOnceHoweverOftenItIsPressed() {
    ConversationWorkflow conversation = start("e-button", STANDARD);
    conversation.sendMessage(message("m1", "where is my order 12345678"));

    ConversationView first = conversation.requestHandoff(new HandoffRequest("please call me"));
    ConversationView again = conversation.requestHandoff(new HandoffRequest(null));

    assertThat(first.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(first.escalation().reason()).isEqualTo(EscalationReason.CUSTOMER_REQUEST);
    assertThat(first.escalation().detail()).contains("please call me");
    assertThat(again.escalation()).isEqualTo(first.escalation());
    assertThat(transcript.statusChanges()).hasSize(1);
  }

  @Test
  void aFinishedConversationRefusesTheHandoffAndStaysFinished() {
    ConversationWorkflow conversation = start("e-closed", STANDARD);
    conversation.sendMessage(message("m1", "hello"));
    conversation.close(new CloseRequest(null));

    // The workflow has ended, so the server refuses the update (the API answers 409).
    assertThatThrownBy(() -> conversation.requestHandoff(new HandoffRequest(null)))
        .isInstanceOf(io.temporal.client.WorkflowException.class);
    assertThat(transcript.statusChanges()).extracting(c -> c.to()).containsExactly(ConversationStatus.CLOSED);
  }

  @Test
  void aConversationWaitingForAPersonIsNeverAbandonedForSilence() {
    ConversationWorkflow conversation = start("e-waiting", STANDARD);
    conversation.requestHandoff(new HandoffRequest(null));

    env.sleep(Duration.ofHours(1));

    assertThat(transcript.statusChanges())
        .extracting(TranscriptEntry.StatusChange::to)
        .doesNotContain(ConversationStatus.ABANDONED);
  }

  @Test
  void theEscalationSurvivesContinueAsNew() {
    ConversationWorkflow conversation = start("e-carried", STANDARD, new ConversationSettings(4000, Duration.ofMinutes(15), 2));
    conversation.sendMessage(message("m1", "where is my order 12345678"));
    conversation.requestHandoff(new HandoffRequest(null));
    conversation.sendMessage(message("m2", "are you there?"));
    conversation.sendMessage(message("m3", "hello?"));

    ConversationView state = conversation.state();

    assertThat(state.status()).isEqualTo(ConversationStatus.AWAITING_AGENT);
    assertThat(state.escalation().reason()).isEqualTo(EscalationReason.CUSTOMER_REQUEST);
    assertThat(state.summary().primaryIssue()).contains("where is my order 12345678");
    assertThat(state.turns()).isEqualTo(3);
  }

  private ConversationWorkflow start(String id, Customer customer) {
    return start(id, customer, ConversationSettings.DEFAULTS);
  }

  private ConversationWorkflow start(String id, Customer customer, ConversationSettings settings) {
    return Conversations.start(client, taskQueue, id, customer, settings);
  }

  private static CustomerMessage message(String id, String text) {
    return new CustomerMessage(id, text);
  }

  private String searchAttribute(String id, String name) {
    var description = client.newUntypedWorkflowStub(ConversationIds.workflowId(id)).describe();
    return description.getTypedSearchAttributes().get(SearchAttributeKey.forKeyword(name));
  }
}
