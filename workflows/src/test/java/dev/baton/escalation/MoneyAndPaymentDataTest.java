package dev.baton.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Amounts as customers write them, and card numbers as they must never be shown. */
class MoneyAndPaymentDataTest {

  @ParameterizedTest(name = "\"{0}\" → {1}")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # the customer wrote | the amount
          $1,250.50          | 1250.50
          750 dollars        | 750
          80,00 eur          | 80.00
          € 1.200            | 1200
          1.250,50 €         | 1250.50
          £40                | 40
          $12.5              | 12.5
          $500               | 500
          1,000,000 usd      | 1000000
        """)
  void readsAmountsTheWayCustomersWriteThem(String written, BigDecimal amount) {
    assertThat(Money.parse(written)).hasValueSatisfying(parsed -> assertThat(parsed).isEqualByComparingTo(amount));
  }

  @ParameterizedTest(name = "\"{0}\" is no amount")
  @NullAndEmptySource
  @ValueSource(strings = {"dollars", "$", "."})
  void textWithoutDigitsIsNoAmount(String written) {
    assertThat(Money.parse(written)).isEmpty();
  }

  @ParameterizedTest(name = "{0} reads \"{1}\"")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # amount   | the agent reads
          500      | 500
          500.00   | 500
          1250.5   | 1250.50
          1250.505 | 1250.51
          0.1      | 0.10
        """)
  void formatsAmountsForTheAgent(BigDecimal amount, String formatted) {
    assertThat(Money.format(amount)).isEqualTo(formatted);
  }

  @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # the customer wrote                          | what is kept
        # card numbers (they pass the Luhn check) keep their last four digits only
          4111 1111 1111 1111                         | •••• 1111
          card 4111-1111-1111-1111, thanks            | card •••• 1111, thanks
          5555555555554444                            | •••• 4444
          Amex 3782 822463 10005 expires soon         | Amex •••• 0005 expires soon
          4222222222222                               | •••• 2222
          two cards: 4111111111111111 and 5555555555554444 | two cards: •••• 1111 and •••• 4444
        # order numbers and other long numbers that are no card stay as written
          order 1234 5678 9012 3456                   | order 1234 5678 9012 3456
          1234567890123456                            | 1234567890123456
          call 4111 1111 1111                         | call 4111 1111 1111
          4111111111111111111111                      | 4111111111111111111111
          no numbers here                             | no numbers here
        """)
  void masksCardNumbersOnly(String text, String masked) {
    assertThat(PaymentData.mask(text)).isEqualTo(masked);
  }

  /** A card is still a card when the customer types the security code or expiry right after it. */
  @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # the customer wrote                  | what is kept
          4111 1111 1111 1111 123             | •••• 1111 123
          4111 1111 1111 1111 12/27           | •••• 1111 12/27
          order 1234 4111 1111 1111 1111      | order 1234 •••• 1111
          4111  1111  1111  1111              | •••• 1111
        """)
  void masksCardNumbersNextToOtherNumbers(String text, String masked) {
    assertThat(PaymentData.mask(text)).isEqualTo(masked);
  }
}
