package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The bot steps aside for a person, one test per rule of the escalation matrix, as people see it
 * over the REST API on the real stack: the conversation waits for an agent, the customer is told
 * once who takes over and why, the agent gets the reason, queue, priority and a summary that
 * spares the customer repeating themselves, and the bot says nothing more.
 *
 * <p>Customers are of the standard tier, so the default thresholds of the shipped rules apply
 * (activities/src/main/resources/escalation/rules.yaml), and each test uses customer ids of its
 * own, so no test's conversations count as another's prior contacts. The clock rule is in {@link
 * EscalationTimerIT}.
 */
@ExtendWith(BatonStackExtension.class)
class EscalationIT {
  /** A message the shipped model reads as either opening or closing an account. */
  static final String TORN = "i want to do something with a freemium account";
  private static final String STANDARD = "standard";
  /** Visibility is eventually consistent, even on the dev server. */
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

  private final BatonStack stack;
  private final ApiClient api;

  EscalationIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  /** A person is promised only when one is there: an agent is online for every queue. */
  @org.junit.jupiter.api.BeforeEach
  void anAgentIsOnline() {
    api.agentOnline("e2e-desk", java.util.List.of("billing", "billing_de", "technical", "account_access", "orders", "general"), 50);
  }

  @Test
  void aCustomerWhoAsksForAPersonInWordsGetsOneAtOnce() {
    JsonNode started =
        api.startConversation(customerId("asks"), STANDARD, "I want to talk to a real person");

    assertThat(started.path("status").asText()).isEqualTo("AWAITING_AGENT");
    assertWarmTransfer(
        started.path("replies"),
        "general",
        "Of course. I'm bringing in a person from our customer support team.");
    String id = started.path("conversationId").asText();
    JsonNode conversation = api.conversation(id);
    assertEscalation(conversation, "CUSTOMER_REQUEST", "general", 2);
    assertThat(conversation.path("escalation").path("detail").asText()).contains("real person");
    JsonNode summary = conversation.path("summary");
    assertThat(summary.path("intent").asText()).isEqualTo("contact_human_agent");
    assertThat(summary.path("primaryIssue").asText()).contains("I want to talk to a real person");
    assertThat(summary.path("customerGoal").asText()).isEqualTo("Talk to a person");
    assertThat(summary.path("customerTier").asText()).isEqualTo(STANDARD);
    assertThat(summary.path("priorContacts").asInt()).isZero();
    assertThat(summary.path("transcript").asText())
        .isEqualTo("/api/v1/conversations/" + id + "/messages");
    assertBotStaysSilent(id);
  }

  @Test
  void theTalkToAPersonButtonEscalatesOnceAndNotAfterTheConversationEnded() {
    String id =
        api.startConversation(customerId("button"), STANDARD, "where is my order 12345678")
            .path("conversationId")
            .asText();

    JsonNode answered = api.handoff(id, "The parcel shows delivered but it is not here").expect(200);

    assertThat(answered.path("status").asText()).isEqualTo("AWAITING_AGENT");
    assertThat(answered.has("escalation") || answered.has("summary")).as("the customer's answer is the customer view").isFalse();
    JsonNode pressed = api.conversation(id);
    assertEscalation(pressed, "CUSTOMER_REQUEST", "orders", 2);
    assertThat(pressed.path("escalation").path("detail").asText())
        .contains("The parcel shows delivered but it is not here");
    JsonNode summary = pressed.path("summary");
    assertThat(facts(summary)).contains("ORDER_NUMBER 12345678");
    assertThat(summary.path("botAttempts").get(0).asText())
        .as("what the bot already answered, for the agent")
        .startsWith("Answered: Thanks! Order 12345678 is on its way.");
    List<JsonNode> transcript = api.transcript(id);
    assertWarmTransfer(
        transcript.subList(transcript.size() - 2, transcript.size()),
        "orders",
        "Of course. I'm bringing in a person from our orders team.");

    assertThat(api.handoff(id, null).expect(200).path("status").asText()).isEqualTo("AWAITING_AGENT");
    assertThat(api.conversation(id).path("escalation")).isEqualTo(pressed.path("escalation"));
    assertThat(api.transcript(id)).isEqualTo(transcript);

    assertThat(api.close(id).path("status").asText()).isEqualTo("CLOSED");
    assertThat(api.conversation(id).path("escalation").path("reason").asText())
        .as("the escalation, read back from PostgreSQL once the workflow finished")
        .isEqualTo("CUSTOMER_REQUEST");

    ApiClient.Response tooLate = api.handoff(id, "hello?");
    assertProblem(tooLate, 409, "urn:baton:problem:conversation-closed");
    assertThat(tooLate.body().path("conversationStatus").asText()).isEqualTo("CLOSED");
  }

  @Test
  void theTalkToAPersonButtonOnAnUnknownConversationIsNotFound() {
    assertProblem(
        api.handoff("no-such-conversation", null), 404, "urn:baton:problem:conversation-not-found");
  }

  @Test
  void aDoubleChargeGoesToBillingPeopleWithTheOrderNumber() {
    JsonNode started =
        api.startConversation(
            customerId("dispute"), STANDARD, "I was charged twice for order 12345678");

    assertThat(started.path("status").asText()).isEqualTo("AWAITING_AGENT");
    assertWarmTransfer(
        started.path("replies"),
        "billing",
        "I'm bringing in a person from our billing team because this needs a person to look at"
            + " your account.");
    String id = started.path("conversationId").asText();
    JsonNode conversation = api.conversation(id);
    assertEscalation(conversation, "RISK_OR_COMPLIANCE", "billing", 3);
    JsonNode summary = conversation.path("summary");
    assertThat(summary.path("intent").asText()).isEqualTo("billing_dispute");
    assertThat(summary.path("primaryIssue").asText()).startsWith("Billing dispute");
    assertThat(facts(summary)).contains("ORDER_NUMBER 12345678");
    assertBotStaysSilent(id);
  }

  @Test
  void aRefundAboveTheLimitGoesToBillingPeopleWhileASmallOneIsAnswered() {
    String customer = customerId("refund");
    JsonNode small =
        api.startConversation(customer, STANDARD, "I want a refund of $40 for order 12345678");
    assertThat(small.path("status").asText()).isEqualTo("BOT_ACTIVE");
    assertThat(small.path("replies").get(0).path("author").asText()).isEqualTo("BOT");

    JsonNode large =
        api.startConversation(customer, STANDARD, "I want a refund of $750 for order 12345678");

    assertThat(large.path("status").asText()).isEqualTo("AWAITING_AGENT");
    assertWarmTransfer(
        large.path("replies"),
        "billing",
        "I'm bringing in a person from our billing team because an amount this size should be"
            + " checked by a person.");
    JsonNode conversation = api.conversation(large.path("conversationId").asText());
    assertEscalation(conversation, "HIGH_VALUE", "billing", 3);
    assertThat(conversation.path("escalation").path("detail").asText())
        .isEqualTo("Refund request of 750, above the limit of 500.");
    JsonNode summary = conversation.path("summary");
    assertThat(summary.path("intent").asText()).isEqualTo("get_refund");
    assertThat(summary.path("confidence").asDouble())
        .as("the bot is as sure as an account_billing intent must be")
        .isGreaterThanOrEqualTo(0.85);
    assertThat(facts(summary)).contains("AMOUNT $750", "ORDER_NUMBER 12345678");
    assertBotStaysSilent(large.path("conversationId").asText());
  }

  @Test
  void aVipIsHandedToAPersonAtALowerAmountAndWithAHigherPriority() {
    String message = "I want a refund of $300 for order 12345678";
    JsonNode standard = api.startConversation(customerId("refund-std"), STANDARD, message);
    JsonNode vip = api.startConversation(customerId("refund-vip"), "vip", message);

    assertThat(standard.path("status").asText())
        .as("$300 is within the standard limit of 500")
        .isEqualTo("BOT_ACTIVE");
    assertThat(vip.path("status").asText()).isEqualTo("AWAITING_AGENT");
    JsonNode conversation = api.conversation(vip.path("conversationId").asText());
    assertEscalation(conversation, "HIGH_VALUE", "billing", 4);
    assertThat(conversation.path("escalation").path("detail").asText())
        .isEqualTo("Refund request of 300, above the limit of 250.");
    assertThat(conversation.path("summary").path("customerTier").asText()).isEqualTo("vip");
  }

  @Test
  void aCustomerWhoRepeatsThemselvesGoesToAPersonSoonerWhenTheyContactedUsRecently() {
    String message = "I already told you, my order 12345678 has not arrived";
    JsonNode firstTime = api.startConversation(customerId("distress-new"), STANDARD, message);
    String returning = customerId("distress-back");
    api.startConversation(returning, STANDARD, "where is my order 12345678");

    JsonNode cameBack = api.startConversation(returning, STANDARD, message);

    for (JsonNode started : List.of(firstTime, cameBack)) {
      assertThat(started.path("status").asText()).isEqualTo("AWAITING_AGENT");
      assertWarmTransfer(
          started.path("replies"),
          "orders",
          "I'm bringing in a person from our orders team because I can see this has been"
              + " frustrating.");
    }
    JsonNode newcomer = api.conversation(firstTime.path("conversationId").asText());
    assertEscalation(newcomer, "USER_DISTRESS", "orders", 3);
    assertThat(newcomer.path("escalation").path("detail").asText()).contains("already told you");
    assertThat(newcomer.path("summary").path("priorContacts").asInt()).isZero();
    assertThat(facts(newcomer.path("summary"))).contains("ORDER_NUMBER 12345678");
    JsonNode regular = api.conversation(cameBack.path("conversationId").asText());
    assertEscalation(regular, "USER_DISTRESS", "orders", 4);
    assertThat(regular.path("summary").path("priorContacts").asInt()).isEqualTo(1);
    assertBotStaysSilent(cameBack.path("conversationId").asText());
  }

  @Test
  void aQuestionOutsideWhatTheBotCoversGetsAPlainAnswerAndAfterRepeatedMissesAPersonAsACapabilityGap() {
    JsonNode first =
        api.startConversation(customerId("scope"), STANDARD, "what's a good way of backing out of a parking spot");
    String id = first.path("conversationId").asText();

    assertThat(first.path("status").asText()).isEqualTo("BOT_ACTIVE");
    assertThat(first.path("replies").get(0).path("text").asText())
        .as("it says it cannot help with that here and offers a person, rather than asking for an order number")
        .startsWith("Sorry, I can't help with that here.")
        .contains("bring in a person")
        .doesNotContain("order number");
    assertThat(api.conversation(id).path("intent").asText()).isEqualTo("out_of_scope");

    JsonNode second = api.send(id, "how can i repair a broken watch", "scope-2");

    assertThat(second.path("status").asText()).isEqualTo("AWAITING_AGENT");
    assertWarmTransfer(
        second.path("replies"),
        "general",
        "I'm bringing in a person from our customer support team because this is something I"
            + " can't answer myself.");
    JsonNode conversation = api.conversation(id);
    assertEscalation(conversation, "CAPABILITY_GAP", "general", 1);
    assertThat(conversation.path("escalation").path("reason").asText())
        .as("nobody asked for a person")
        .isNotEqualTo("CUSTOMER_REQUEST");
    assertThat(conversation.path("summary").path("intent").asText()).isEqualTo("out_of_scope");
    assertBotStaysSilent(id);
  }

  @Test
  void aReadingTornBetweenClosingAndOpeningAnAccountAsksInsteadOfGuessing() {
    JsonNode started = api.startConversation(customerId("torn"), STANDARD, TORN);
    String id = started.path("conversationId").asText();

    assertThat(started.path("status").asText())
        .as("not handed to account security as a deletion, not answered as a sign-up: %s", started)
        .isEqualTo("BOT_ACTIVE");
    assertThat(started.path("replies").get(0).path("text").asText())
        .isEqualTo("Just to be sure I get this right: do you want to open a new account, or close the one you have?");

    JsonNode answered = api.send(id, "I want to close my account for good", "torn-2");

    assertThat(answered.path("status").asText()).as("the deletion then goes to people, as always").isEqualTo("AWAITING_AGENT");
    assertEscalation(api.conversation(id), "RISK_OR_COMPLIANCE", "account_access", 3);
  }

  @Test
  void aBotThatStillDoesNotUnderstandAfterTwoClarifyingQuestionsBringsInAPerson() {
    JsonNode first = api.startConversation(customerId("unclear"), STANDARD, "blorf zindle quax");
    String id = first.path("conversationId").asText();
    JsonNode second = api.send(id, "snarf wibble plonk", "unclear-2");
    for (JsonNode clarifying : List.of(first, second)) {
      assertThat(clarifying.path("status").asText()).isEqualTo("BOT_ACTIVE");
      assertThat(clarifying.path("replies")).hasSize(1);
      assertThat(clarifying.path("replies").get(0).path("author").asText()).isEqualTo("BOT");
    }

    JsonNode third = api.send(id, "grix vorp flumm", "unclear-3");

    assertThat(third.path("status").asText()).isEqualTo("AWAITING_AGENT");
    assertWarmTransfer(
        third.path("replies"),
        "general",
        "I'm bringing in a person from our customer support team because I'm not sure I've"
            + " understood, and I don't want to guess.");
    JsonNode conversation = api.conversation(id);
    assertEscalation(conversation, "CONFIDENCE_GAP", "general", 1);
    assertThat(conversation.path("escalation").path("detail").asText())
        .contains("2 clarifying questions");
    JsonNode attempts = conversation.path("summary").path("botAttempts");
    assertThat(attempts).hasSize(2);
    attempts.forEach(attempt -> assertThat(attempt.asText()).startsWith("Asked: "));
    assertBotStaysSilent(id);
  }

  @Test
  void aBotThatKeepsAskingWithoutAnsweringBringsInAPersonOnTheThirdTurn() {
    JsonNode first = api.startConversation(customerId("stuck"), STANDARD, "where is my order");
    String id = first.path("conversationId").asText();
    JsonNode second = api.send(id, "I don't know it, where is my package", "stuck-2");
    for (JsonNode asked : List.of(first, second)) {
      assertThat(asked.path("status").asText()).isEqualTo("BOT_ACTIVE");
      assertThat(asked.path("replies").get(0).path("text").asText()).contains("order number");
    }

    JsonNode third = api.send(id, "I can't find the number, has my order shipped?", "stuck-3");

    assertThat(third.path("status").asText()).isEqualTo("AWAITING_AGENT");
    assertWarmTransfer(
        third.path("replies"),
        "orders",
        "I'm bringing in a person from our orders team because I haven't been able to solve this"
            + " quickly.");
    JsonNode conversation = api.conversation(id);
    assertEscalation(conversation, "ELAPSED_TIME", "orders", 2);
    assertThat(conversation.path("escalation").path("detail").asText())
        .isEqualTo("No answer after 3 turns.");
    assertBotStaysSilent(id);
  }

  @Test
  void operatorsFindDistressedConversationsByReasonAndQueue() {
    String distressed =
        api.startConversation(
                customerId("ops-distress"), STANDARD, "this useless bot cannot find my parcel")
            .path("conversationId")
            .asText();
    String requested =
        api.startConversation(
                customerId("ops-request"), STANDARD, "I want to talk to a real person")
            .path("conversationId")
            .asText();
    assertEscalation(api.conversation(distressed), "USER_DISTRESS", "orders", 3);

    await("listed by escalation reason")
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(stack.workflowIds("BatonEscalationReason=\"CUSTOMER_REQUEST\""))
                  .contains("conversation-" + requested);
              assertThat(stack.workflowIds("BatonEscalationReason=\"USER_DISTRESS\""))
                  .contains("conversation-" + distressed)
                  .doesNotContain("conversation-" + requested);
              assertThat(
                      stack.workflowIds(
                          "BatonEscalationReason=\"USER_DISTRESS\" AND BatonQueue=\"orders\""))
                  .contains("conversation-" + distressed);
            });
  }

  /** A customer id no other test or run uses, so prior contacts are only this test's. */
  static String customerId(String name) {
    return "cust-esc-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Where the conversation went and how urgently, on both the escalation and the summary. */
  static void assertEscalation(JsonNode conversation, String reason, String queue, int priority) {
    assertThat(conversation.path("status").asText()).isEqualTo("AWAITING_AGENT");
    JsonNode escalation = conversation.path("escalation");
    assertThat(escalation.path("reason").asText()).as("reason in %s", escalation).isEqualTo(reason);
    assertThat(escalation.path("queue").asText()).as("queue in %s", escalation).isEqualTo(queue);
    assertThat(escalation.path("priority").asInt())
        .as("priority in %s", escalation)
        .isEqualTo(priority);
    assertThat(escalation.path("detail").asText()).isNotBlank();
    assertThat(escalation.path("at").asText()).isNotBlank();
    assertThat(conversation.path("queue").asText()).isEqualTo(queue);
    JsonNode summary = conversation.path("summary");
    assertThat(summary.path("reason").asText()).as("reason in %s", summary).isEqualTo(reason);
    assertThat(summary.path("reasonDetail").asText()).isEqualTo(escalation.path("detail").asText());
    assertThat(summary.path("recommendedQueue").asText()).isEqualTo(queue);
    assertThat(summary.path("priority").asInt()).isEqualTo(priority);
    assertThat(summary.path("primaryIssue").asText()).isNotBlank();
  }

  /**
   * The turn that escalated said two things: a SYSTEM note of where the conversation went, then
   * the bot's one warm-transfer message, which starts with {@code opening} and promises that
   * nothing needs repeating and that a person replies here.
   */
  static void assertWarmTransfer(Iterable<JsonNode> replies, String queue, String opening) {
    assertThat(replies).as("the replies of the escalating turn").hasSize(2);
    var lines = replies.iterator();
    JsonNode note = lines.next();
    JsonNode transfer = lines.next();
    assertThat(note.path("author").asText()).isEqualTo("SYSTEM");
    assertThat(note.path("text").asText()).startsWith("Handed over to the " + queue + " queue: ");
    assertThat(transfer.path("author").asText()).isEqualTo("BOT");
    assertThat(transfer.path("text").asText())
        .startsWith(opening)
        .contains("you won't need to repeat yourself")
        .contains("They'll reply right here as soon as they pick up your conversation.")
        .containsPattern("You're number \\d+ in line, about \\d+ minutes?\\.$");
    assertThat(transfer.path("seq").asLong()).isEqualTo(note.path("seq").asLong() + 1);
  }

  /** Once a person is on the way the bot answers nothing; the message is kept for the agent. */
  void assertBotStaysSilent(String conversationId) {
    JsonNode turn =
        api.send(conversationId, "hello? where is my order 12345678", "after-escalation");

    assertThat(turn.path("status").asText()).isEqualTo("AWAITING_AGENT");
    assertThat(turn.path("replies")).as("replies once escalated").isEmpty();
    List<JsonNode> transcript = api.transcript(conversationId);
    Transcripts.assertGapFree(transcript);
    JsonNode last = transcript.get(transcript.size() - 1);
    assertThat(last.path("author").asText()).isEqualTo("CUSTOMER");
    assertThat(last.path("text").asText()).isEqualTo("hello? where is my order 12345678");
    assertThat(transcript.stream().filter(m -> m.path("author").asText().equals("SYSTEM")))
        .as("SYSTEM notes in %s", transcript)
        .hasSize(1);
  }

  /** The summary's key facts as "KIND value". */
  static List<String> facts(JsonNode summary) {
    return summary.path("keyFacts").findParents("kind").stream()
        .map(f -> f.path("kind").asText() + " " + f.path("value").asText())
        .toList();
  }

  static void assertProblem(ApiClient.Response response, int status, String type) {
    assertThat(response.status())
        .as("status of %s, which answered %s", response.request(), response.raw())
        .isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().path("status").asInt()).isEqualTo(status);
    assertThat(response.body().path("type").asText()).isEqualTo(type);
  }
}
