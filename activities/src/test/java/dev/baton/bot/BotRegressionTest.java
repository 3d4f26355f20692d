package dev.baton.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.escalation.TurnSignals;
import dev.baton.escalation.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The regression suite (src/test/resources/bot/regression.csv): tricky messages, each with the
 * intent the bot must read and what the customer must then see, judged by the shipped escalation
 * rules as the workflow judges them.
 */
class BotRegressionTest {

  @ParameterizedTest(name = "\"{0}\" → {2}, {3}")
  @CsvFileSource(resources = "/bot/regression.csv", delimiter = '|', maxCharsPerColumn = 500)
  void theCustomerSeesWhatTheyShould(String text, String previous, String intent, String outcome) {
    BotTurn turn = ShippedBot.respond(text, previous);
    Verdict verdict = ShippedBot.POLICY.afterTurn(new TurnSignals(text, turn, "standard", 0, 0, 1));

    String[] expected = intent.split(":");
    assertThat(turn.intent()).as("intent (confidence %.2f)", turn.confidence()).isEqualTo(expected[0]);
    if (expected.length > 1) {
      assertThat(turn.language()).as("language").isEqualTo(expected[1]);
    }
    assertThat(seen(turn, verdict)).as("what happens (confidence %.2f)", turn.confidence()).isEqualTo(outcome);
  }

  /** What the customer sees, in the suite's words. */
  private static String seen(BotTurn turn, Verdict verdict) {
    if (verdict instanceof Verdict.Escalate escalate) {
      return "person:" + escalate.reason();
    }
    if (verdict instanceof Verdict.Clarify) {
      return turn.tornWith() != null ? "choose" : "clarify";
    }
    if (verdict instanceof Verdict.Reply) {
      if (turn.resolvesConversation()) {
        return "close";
      }
      if (ShippedBot.ANSWERS.confirmResolved().equals(turn.reply())) {
        return "confirm";
      }
      if (ClassifierBot.OUT_OF_SCOPE.equals(turn.intent())) {
        return "decline";
      }
      return turn.answered() ? "answer" : "ask";
    }
    return verdict.getClass().getSimpleName();
  }
}
