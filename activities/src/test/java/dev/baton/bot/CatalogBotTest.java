package dev.baton.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CatalogBotTest {
  private static final CatalogBot BOT = new CatalogBot(shippedCatalog());

  @ParameterizedTest(name = "\"{0}\" is {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Where is my order 12345678?                 | track_order",
        "hasn't arrived yet, order #A-99812          | track_order",
        "I want to cancel my order 55512345          | cancel_order",
        "I was charged twice for the same thing      | billing_dispute",
        "my card was declined at checkout            | payment_issue",
        "When do I get my refund?                    | refund_request",
        "I'm locked out of my account                | account_access",
        "please delete my account and all my data    | delete_account",
        "the app keeps crashing on start             | technical_issue",
        "I want to talk to a real person             | human_request",
        "thanks, that solved it                      | conversation_resolved",
        "hello                                       | greeting",
        "purple elephants dance on tuesdays          | unknown",
        "my account was hacked                       | security_concern",
        "I want to cancel my subscription            | cancel_subscription",
        "send me a copy of my data, privacy request  | privacy_request",
        "which model do you recommend for me?        | product_advice",
      })
  void recognisesWhatCustomersAsk(String text, String intent) {
    assertThat(BOT.respond(request(text, null)).intent()).isEqualTo(intent);
  }

  @Test
  void asksForTheOrderNumberThenAnswersWithIt() {
    BotTurn ask = BOT.respond(request("where is my package?", null));
    assertThat(ask.reply()).contains("order number");

    BotTurn answer = BOT.respond(request("it's 77712345", ask.intent()));

    assertThat(answer.intent()).isEqualTo("track_order");
    assertThat(answer.reply()).contains("Order 77712345 is on its way");
  }

  @Test
  void clearerMatchesGiveHigherConfidence() {
    double clear = BOT.respond(request("I was charged twice, this is a dispute", null)).confidence();
    double vague = BOT.respond(request("something about my card", null)).confidence();
    double none = BOT.respond(request("purple elephants", null)).confidence();

    assertThat(clear).isGreaterThan(vague);
    assertThat(vague).isGreaterThan(none);
    assertThat(none).isZero();
    assertThat(clear).isLessThanOrEqualTo(1.0);
  }

  @Test
  void readsTheCustomersMood() {
    assertThat(BOT.respond(request("thanks, that was really helpful", null)).sentiment())
        .isGreaterThan(0.3);
    assertThat(BOT.respond(request("where is my order", null)).sentiment()).isZero();
    assertThat(BOT.respond(request("This is ridiculous and useless!!", null)).sentiment())
        .isLessThan(-0.5);
    assertThat(BOT.respond(request("WHERE IS MY ORDER I PAID WEEKS AGO", null)).sentiment())
        .isLessThan(0);
  }

  @ParameterizedTest(name = "\"{0}\" is not distress")
  @CsvSource(
      delimiter = '|',
      value = {
        "I never received my order 12345678",
        "Could you check again? order 12345678",
        "I'm a bit annoyed, where is my order 12345678",
      })
  void everydayWordsAreNotDistress(String text) {
    // -0.5 is the default distress limit in escalation/rules.yaml.
    assertThat(BOT.respond(request(text, null)).sentiment()).isGreaterThanOrEqualTo(-0.5);
  }

  @Test
  void extractsOrderNumbersAmountsAndEmails() {
    BotTurn turn =
        BOT.respond(
            request("Order #A-99812 cost $1,250.00, refund to ada@example.com, not 99 EUR", null));

    assertThat(turn.facts())
        .containsExactlyInAnyOrder(
            new Fact(Fact.Kind.ORDER_NUMBER, "A-99812"),
            new Fact(Fact.Kind.AMOUNT, "$1,250.00"),
            new Fact(Fact.Kind.AMOUNT, "99EUR"),
            new Fact(Fact.Kind.EMAIL, "ada@example.com"));
  }

  @Test
  void wordsWithoutDigitsAreNotOrderNumbers() {
    assertThat(BOT.respond(request("what is my order status?", null)).facts()).isEmpty();
  }

  @Test
  void rejectsACatalogWithADuplicateIntent() {
    String yaml =
        """
        fallback: {reply: "?"}
        intents:
          - {name: a, reply: x}
          - {name: a, reply: y}
        """;
    assertThatThrownBy(() -> IntentCatalog.read(stream(yaml)))
        .hasMessageContaining("intent a is listed twice");
  }

  @Test
  void rejectsAnUnknownKeySoTyposDoNotGoUnnoticed() {
    String yaml =
        """
        fallback: {reply: "?"}
        intents:
          - {name: a, reply: x, phrase: [oops]}
        """;
    assertThatThrownBy(() -> IntentCatalog.read(stream(yaml))).hasMessageContaining("phrase");
  }

  @ParameterizedTest(name = "\"{0}\" → {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "I paid $1250 for it                          | AMOUNT        | $1250",
        "it cost € 1.200                              | AMOUNT        | €1.200",
        "refund 1,250.50 dollars please               | AMOUNT        | 1,250.50dollars",
        "my card 4111 1111 1111 1111 was charged      | PAYMENT_CARD  | •••• 1111",
        "card 4111111111111111 exp 12/27              | PAYMENT_CARD  | •••• 1111",
        "checkout says error \"Session expired\"      | ERROR_MESSAGE | Session expired",
        "I get error code E-1234 on login             | ERROR_MESSAGE | E-1234",
      })
  void extractsTheFactsAnAgentNeeds(String text, Fact.Kind kind, String value) {
    assertThat(BOT.respond(request(text, null)).facts()).contains(new Fact(kind, value));
  }

  @Test
  void aCardNumberIsNeverTakenForAnOrderNumber() {
    BotTurn turn = BOT.respond(request("charged twice on card 4111 1111 1111 1111", null));

    assertThat(turn.facts()).extracting(Fact::value).noneMatch(v -> v.contains("4111 1111"));
    assertThat(turn.facts()).extracting(Fact::kind).doesNotContain(Fact.Kind.ORDER_NUMBER);
  }

  @Test
  void anIntentWithoutAReplyIsRecognisedButLeftToPeople() {
    BotTurn turn = BOT.respond(request("what do you recommend, is it compatible with my printer?", null));

    assertThat(turn.intent()).isEqualTo("product_advice");
    assertThat(turn.reply()).isNull();
    assertThat(turn.answered()).isFalse();
  }

  @Test
  void askingForAMissingOrderNumberIsNotAnAnswer() {
    assertThat(BOT.respond(request("where is my package?", null)).answered()).isFalse();
    assertThat(BOT.respond(request("where is my package 12345678?", null)).answered()).isTrue();
  }

  private static BotRequest request(String text, String previousIntent) {
    return new BotRequest("c-1", text, "en", previousIntent, 1);
  }

  private static IntentCatalog shippedCatalog() {
    try (InputStream in = CatalogBotTest.class.getResourceAsStream("/bot/intents.yaml")) {
      return IntentCatalog.read(in);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
