package dev.baton.bot;

import static dev.baton.bot.ShippedBot.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped bot: what it answers, what it asks, what it pulls out, and how its files are checked. */
class ClassifierBotTest {

  @Test
  void asksForTheOrderNumberThenAnswersWithIt() {
    BotTurn ask = respond("where is my package?");
    assertThat(ask.reply()).contains("order number");
    assertThat(ask.answered()).isFalse();

    BotTurn answer = respond("it's 77712345", ask.intent());

    assertThat(answer.intent()).isEqualTo("track_order");
    assertThat(answer.reply()).contains("Order 77712345 is on its way");
    assertThat(answer.answered()).isTrue();
  }

  @Test
  void aSolvedProblemClosesOnlyWhenTheBotIsSureAndOtherwiseItAsks() {
    BotTurn solved = respond("thanks, that solved it");
    assertThat(solved.resolvesConversation()).isTrue();
    assertThat(solved.confidence()).isGreaterThanOrEqualTo(ShippedBot.CATALOG.settings().resolveAt());

    BotTurn thanks = respond("thanks");
    assertThat(thanks.resolvesConversation()).as("a bare thanks does not say it is solved").isFalse();
    assertThat(thanks.reply()).isEqualTo(ShippedBot.ANSWERS.confirmResolved());
  }

  @ParameterizedTest(name = "\"{0}\" does not close the conversation")
  @CsvSource(
      delimiter = '|',
      value = {"it's still not fixed", "that solved nothing, still broken", "fixed? not really", "solved my foot, this is terrible"})
  void negationsAndNegativeWordsNeverResolve(String text) {
    assertThat(respond(text).resolvesConversation()).isFalse();
  }

  @Test
  void confidenceIsAProbabilityThatFallsForUnclearMessages() {
    double clear = respond("I was charged twice for the same order").confidence();
    double vague = respond("something about my card and the thing").confidence();
    double nonsense = respond("blorf zindle quax").confidence();

    assertThat(clear).isGreaterThan(0.85);
    assertThat(vague).isLessThan(clear);
    assertThat(nonsense).isLessThan(ShippedBot.CATALOG.settings().unknownBelow());
    assertThat(respond("blorf zindle quax").intent()).isEqualTo(ClassifierBot.UNKNOWN_INTENT);
  }

  @Test
  void aMessageInAnotherLanguageIsLeftToAPersonWithItsLanguage() {
    BotTurn german = respond("Ich möchte meine Bestellung stornieren, bitte");

    assertThat(german.intent()).isEqualTo(ClassifierBot.OTHER_LANGUAGE);
    assertThat(german.language()).isEqualTo("de");
    assertThat(german.reply()).as("no answer in English").isNull();
    assertThat(respond("where is my order 12345678").language()).isEqualTo("en");
    assertThat(respond("hallo").language()).as("one word says too little").isNull();
  }

  @Test
  void repliesFillInTheOrderNumberFromTheMessage() {
    assertThat(respond("please cancel order 55512345").reply()).startsWith("Order 55512345 can be cancelled");
  }

  @Test
  void readsTheCustomersMood() {
    assertThat(respond("thanks, that was really helpful").sentiment()).isGreaterThan(0.3);
    assertThat(respond("where is my order").sentiment()).isZero();
    assertThat(respond("This is ridiculous and useless!!").sentiment()).isLessThan(-0.5);
    assertThat(respond("WHERE IS MY ORDER I PAID WEEKS AGO").sentiment()).isLessThan(0);
    assertThat(respond("I'm not happy with this").sentiment()).as("a negated positive word").isLessThan(0);
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
    assertThat(respond(text).sentiment()).isGreaterThanOrEqualTo(-0.5);
  }

  @Test
  void extractsOrderNumbersAmountsAndEmails() {
    BotTurn turn = respond("Order #A-99812 cost $1,250.00, refund to ada@example.com, not 99 EUR");

    assertThat(turn.facts())
        .containsExactlyInAnyOrder(
            new Fact(Fact.Kind.ORDER_NUMBER, "A-99812"),
            new Fact(Fact.Kind.AMOUNT, "$1,250.00"),
            new Fact(Fact.Kind.AMOUNT, "99EUR"),
            new Fact(Fact.Kind.EMAIL, "ada@example.com"));
  }

  @Test
  void wordsWithoutDigitsAreNotOrderNumbers() {
    assertThat(respond("what is my order status?").facts()).isEmpty();
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
    assertThat(respond(text).facts()).contains(new Fact(kind, value));
  }

  @Test
  void aCardNumberIsNeverTakenForAnOrderNumber() {
    BotTurn turn = respond("charged twice on card 4111 1111 1111 1111");

    assertThat(turn.facts()).extracting(Fact::value).noneMatch(v -> v.contains("4111 1111"));
    assertThat(turn.facts()).extracting(Fact::kind).doesNotContain(Fact.Kind.ORDER_NUMBER);
  }

  @Test
  void anIntentWithoutAnAnswerIsRecognisedButLeftToPeople() {
    BotTurn turn = respond("it's still not fixed, nothing has changed");

    assertThat(turn.intent()).isEqualTo("problem_persists");
    assertThat(turn.reply()).isNull();
    assertThat(turn.answered()).isFalse();
  }

  @Test
  void rejectsACatalogWithADuplicateIntent() {
    String yaml =
        """
        intents:
          - {name: a, examples: [x]}
          - {name: a, examples: [y]}
        """;
    assertThatThrownBy(() -> IntentCatalog.read(stream(yaml))).hasMessageContaining("intent a is listed twice");
  }

  @Test
  void rejectsAnUnknownKeySoTyposDoNotGoUnnoticed() {
    String yaml =
        """
        intents:
          - {name: a, example: [oops]}
        """;
    assertThatThrownBy(() -> IntentCatalog.read(stream(yaml))).hasMessageContaining("example");
  }

  @Test
  void rejectsAnswersThatPointNowhereOrMissWhatAnIntentNeeds() {
    IntentCatalog catalog =
        IntentCatalog.read(
            stream(
                """
                intents:
                  - {name: track, needs: ORDER_NUMBER, examples: [where is my order]}
                  - {name: hello, examples: [hi]}
                """));
    Answers answers =
        Answers.read(
            stream(
                """
                fallback: "?"
                answers:
                  track: {reply: "Order {order} is on its way"}
                  helo: {reply: "Hi!"}
                """));

    assertThatThrownBy(() -> answers.check(catalog))
        .hasMessageContaining("answers.helo is not an intent")
        .hasMessageContaining("answers.track.ask is required");
  }

  @Test
  void aTeamsOwnIntentsTrainTheirOwnBot() {
    IntentCatalog catalog =
        IntentCatalog.read(
            stream(
                """
                intents:
                  - name: opening_hours
                    examples: [when are you open, what are your hours, are you open on sunday, opening times please]
                  - name: parking
                    examples: [where can I park, is there a car park, parking near the shop, can I park at the store]
                """));
    Answers answers =
        Answers.read(
            stream(
                """
                fallback: "?"
                answers:
                  parking: {reply: "Park behind the shop."}
                  opening_hours: {reply: "9 to 5."}
                """));

    ClassifierBot bot = new ClassifierBot(catalog, answers);

    assertThat(bot.respond(new BotRequest("c", "where do I park my car", null, null, 1)).reply())
        .isEqualTo("Park behind the shop.");
  }

  @Test
  void openingHoursAreAnsweredFromTheHoursOfTheQueueTheAnswerNames() {
    java.util.List<String> asked = new java.util.ArrayList<>();
    ClassifierBot bot =
        new ClassifierBot(
            ShippedBot.CATALOG, ShippedBot.ANSWERS,
            queue -> {
              asked.add(queue);
              return java.util.Map.of("hours", "Monday to Saturday 08:00-20:00 (Europe/Vienna time)", "openNow", "We're closed right now and open again tomorrow at 08:00.");
            },
            ShippedBot.MODEL);

    BotTurn turn = bot.respond(new BotRequest("c", "what are your opening hours?", null, null, 1));

    assertThat(turn.intent()).isEqualTo("contact_customer_service");
    assertThat(turn.reply())
        .contains("Monday to Saturday 08:00-20:00 (Europe/Vienna time)")
        .contains("open again tomorrow at 08:00")
        .doesNotContain("{");
    assertThat(asked).containsExactly("general");
  }

  private static InputStream stream(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

}
