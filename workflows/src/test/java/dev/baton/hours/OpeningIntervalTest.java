package dev.baton.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How an opening is written: {@code 09:00-17:30}, with {@code 24:00} for midnight. */
class OpeningIntervalTest {

  @ParameterizedTest(name = "{0} → {1} to {2}")
  @CsvSource(
      delimiterString = "|",
      textBlock = """
        # written        | opens | closes
          09:00-17:30    | 09:00 | 17:30
          00:00-24:00    | 00:00 | 23:59:59.999999999
          18:00-24:00    | 18:00 | 23:59:59.999999999
          23:00-23:59    | 23:00 | 23:59
          ' 08:15-08:45 ' | 08:15 | 08:45
        """)
  void readsTheWrittenForm(String text, LocalTime start, LocalTime end) {
    assertThat(OpeningInterval.parse(text)).isEqualTo(new OpeningInterval(start, end));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = "|",
      quoteCharacter = '"',
      textBlock = """
        # written      | why it is refused
          9-17         | '9-17' is not an opening like 09:00-17:30
          09:00        | '09:00' is not an opening like 09:00-17:30
          09:00 - 17:00 | '09:00 - 17:00' is not an opening like 09:00-17:30
          9:00-17:00   | '9:00-17:00' is not an opening like 09:00-17:30
          ""           | '' is not an opening like 09:00-17:30
          09:00-17:60  | '09:00-17:60' is not an opening like 09:00-17:30 (hours 00-23, minutes 00-59, 24:00 only as the end)
          25:00-26:00  | '25:00-26:00' is not an opening like 09:00-17:30 (hours 00-23, minutes 00-59, 24:00 only as the end)
          24:00-24:00  | '24:00-24:00' is not an opening like 09:00-17:30 (hours 00-23, minutes 00-59, 24:00 only as the end)
          17:00-09:00  | '17:00-09:00' does not end after it starts; split an opening across midnight into one until 24:00 and one from 00:00 the next day
          09:00-09:00  | '09:00-09:00' does not end after it starts; split an opening across midnight into one until 24:00 and one from 00:00 the next day
          22:00-00:00  | '22:00-00:00' ends at 00:00; write 24:00 for midnight
        """)
  void refusesAnythingElseSayingWhy(String text, String message) {
    assertThatThrownBy(() -> OpeningInterval.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void writesWhatItReads() {
    assertThat(OpeningInterval.parse("18:00-24:00")).hasToString("18:00-24:00");
    assertThat(OpeningInterval.parse("09:05-12:30")).hasToString("09:05-12:30");
  }

  @Test
  void anIntervalBuiltInCodeMustAlsoEndAfterItStarts() {
    assertThatThrownBy(() -> new OpeningInterval(LocalTime.of(17, 0), LocalTime.of(9, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("end 09:00 is not after start 17:00");
    assertThatThrownBy(() -> new OpeningInterval(LocalTime.of(9, 0), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
