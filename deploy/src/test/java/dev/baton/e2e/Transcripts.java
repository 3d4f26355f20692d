package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.LongStream;

/** What a complete transcript looks like, from the outside. */
final class Transcripts {
  private Transcripts() {}

  /** Sequence numbers run 1, 2, 3… with nothing missing and nothing twice. */
  static void assertGapFree(List<JsonNode> transcript) {
    assertThat(transcript.stream().map(m -> m.path("seq").asLong()).toList())
        .as("sequence numbers of %s", transcript)
        .containsExactlyElementsOf(LongStream.rangeClosed(1, transcript.size()).boxed().toList());
  }

  static List<String> customerTexts(List<JsonNode> transcript) {
    return transcript.stream()
        .filter(m -> m.path("author").asText().equals("CUSTOMER"))
        .map(m -> m.path("text").asText())
        .toList();
  }

  /** Every customer message is followed by an answer before the next customer message. */
  static void assertEveryCustomerMessageAnswered(List<JsonNode> transcript) {
    for (int i = 0; i < transcript.size(); i++) {
      if (transcript.get(i).path("author").asText().equals("CUSTOMER")) {
        assertThat(i + 1).as("an answer after %s", transcript.get(i)).isLessThan(transcript.size());
        assertThat(transcript.get(i + 1).path("author").asText())
            .as("the line after %s", transcript.get(i))
            .isNotEqualTo("CUSTOMER");
      }
    }
  }
}
