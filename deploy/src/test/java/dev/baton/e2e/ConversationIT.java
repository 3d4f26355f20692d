package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A customer talks to the bot over real HTTP, through Temporal; the transcript keeps it all. */
@ExtendWith(BatonStackExtension.class)
class ConversationIT {
  private final ApiClient api;

  ConversationIT(BatonStack stack) {
    this.api = stack.api();
  }

  @Test
  void theBotAnswersEveryMessageWithinTheCallAndTheTranscriptKeepsTheirOrder() {
    JsonNode started = api.startConversation("cust-talk", "hello");
    String id = started.path("conversationId").asText();
    assertThat(id).isNotBlank();
    assertThat(started.path("status").asText()).isEqualTo("BOT_ACTIVE");
    assertBotReplied(started);

    JsonNode tracked = api.send(id, "where is my order 12345678", "talk-2");
    assertBotReplied(tracked);
    assertThat(tracked.path("replies").get(0).path("text").asText()).contains("12345678");

    JsonNode solved = api.send(id, "thanks, that solved it", "talk-3");
    assertThat(solved.path("status").asText()).isEqualTo("RESOLVED");

    JsonNode conversation = api.conversation(id);
    assertThat(conversation.path("status").asText()).isEqualTo("RESOLVED");
    assertThat(conversation.path("customer").path("id").asText()).isEqualTo("cust-talk");
    List<JsonNode> transcript = api.transcript(id);
    Transcripts.assertGapFree(transcript);
    assertThat(Transcripts.customerTexts(transcript))
        .containsExactly("hello", "where is my order 12345678", "thanks, that solved it");
    Transcripts.assertEveryCustomerMessageAnswered(transcript);

    JsonNode later = api.get("/conversations/" + id + "/messages?after=2").expect(200);
    assertThat(later.path("messages").get(0).path("seq").asLong()).isEqualTo(3);
    assertThat(later.path("messages").size()).isEqualTo(transcript.size() - 2);
  }

  @Test
  void theOrderQuestionIsRecognisedAndShownOnTheConversation() {
    String id = api.newConversation("cust-intent", "where is my order 12345678");

    JsonNode conversation = api.conversation(id);

    assertThat(conversation.path("intent").asText()).contains("order");
    assertThat(conversation.path("confidence").asDouble()).isBetween(0.0, 1.0);
    assertThat(conversation.path("channel").asText()).isEqualTo("web");
  }

  @Test
  void aRetriedMessageGetsTheSameReplyAndAddsNothingToTheTranscript() {
    String id = api.newConversation("cust-retry", "hello");

    JsonNode first = api.send(id, "where is my order 12345678", "retry-1");
    int linesAfterFirst = api.transcript(id).size();
    JsonNode retried = api.send(id, "where is my order 12345678", "retry-1");

    assertThat(retried.path("replies")).isEqualTo(first.path("replies"));
    List<JsonNode> transcript = api.transcript(id);
    assertThat(transcript).hasSize(linesAfterFirst);
    assertThat(Transcripts.customerTexts(transcript))
        .containsExactly("hello", "where is my order 12345678");
  }

  private static void assertBotReplied(JsonNode turn) {
    assertThat(turn.path("replies").size()).as("replies in %s", turn).isPositive();
    JsonNode reply = turn.path("replies").get(0);
    assertThat(reply.path("author").asText()).isEqualTo("BOT");
    assertThat(reply.path("text").asText()).isNotBlank();
    assertThat(reply.path("seq").asLong()).isPositive();
  }
}
