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
