package dev.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.bot.Fact;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What Baton remembers of a conversation for the person who may take it over. */
class DossierTest {

  @Test
  void theFirstMessageAboutTheProblemIsKeptNotTheGreeting() {
    Dossier dossier =
        Dossier.EMPTY
            .withMessage("hi there", false, List.of(), 0.0)
            .withMessage("my parcel is two weeks late", true, List.of(), -0.2)
            .withMessage("it was order 12345", true, List.of(), -0.3);

    assertThat(dossier.firstMessage()).isEqualTo("my parcel is two weeks late");
  }

  @Test
  void theFirstMessageIsOneLineOfAtMost160Characters() {
    String rambling = "My   parcel\nis late. " + "Very late. ".repeat(30);

    Dossier dossier = Dossier.EMPTY.withMessage(rambling, true, List.of(), 0.0);

    assertThat(dossier.firstMessage())
        .startsWith("My parcel is late. Very late.")
        .hasSize(160)
        .endsWith("…")
        .doesNotContain("\n", "  ");
  }

  @Test
  void eachFactIsKeptOnceWithCardNumbersMasked() {
    Fact order = new Fact(Fact.Kind.ORDER_NUMBER, "12345");
    Fact card = new Fact(Fact.Kind.PAYMENT_CARD, "4111 1111 1111 1111");

    Dossier dossier =
        Dossier.EMPTY
            .withMessage("order 12345", true, List.of(order), 0.0)
            .withMessage("order 12345 again, card 4111 1111 1111 1111", true, List.of(order, card), 0.0);

    assertThat(dossier.facts()).containsExactly(order, new Fact(Fact.Kind.PAYMENT_CARD, "•••• 1111"));
  }

  @Test
  void atMostTwentyFactsAreKeptTheOldest() {
    List<Fact> orders =
        IntStream.rangeClosed(1, 25).mapToObj(n -> new Fact(Fact.Kind.ORDER_NUMBER, "A-" + n)).toList();

    Dossier dossier = Dossier.EMPTY.withMessage("all my orders", true, orders, 0.0);

    assertThat(dossier.facts()).hasSize(20).startsWith(orders.get(0)).endsWith(orders.get(19));
  }

  @Test
  void theLastEightAttemptsAndFiveSentimentsAreKept() {
    Dossier dossier = Dossier.EMPTY;
    for (int n = 1; n <= 10; n++) {
      dossier = dossier.withAttempt("Asked: question " + n).withMessage("answer " + n, true, List.of(), n / 10.0);
    }

    assertThat(dossier.attempts()).hasSize(8).startsWith("Asked: question 3").endsWith("Asked: question 10");
    assertThat(dossier.sentiments()).containsExactly(0.6, 0.7, 0.8, 0.9, 1.0);
  }

  @Test
  void anEmptyDossierHasEmptyListsNotNulls() {
    Dossier carriedFromAnOlderVersion = new Dossier(null, null, null, null);

    assertThat(carriedFromAnOlderVersion).isEqualTo(Dossier.EMPTY);
    assertThat(Dossier.EMPTY.facts()).isEmpty();
    assertThat(Dossier.EMPTY.attempts()).isEmpty();
    assertThat(Dossier.EMPTY.sentiments()).isEmpty();
  }
}
