package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Parts of the stack go away in the middle of a conversation. The conversation is durable: once
 * they are back it goes on, and no message is lost or written twice.
 */
@ExtendWith(BatonStackExtension.class)
class RestartIT {
  private final BatonStack stack;
  private final ApiClient api;

  RestartIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @Test
  void aConversationSurvivesAWorkerKilledMidConversationWithNoMessageLost() throws Exception {
    String id = api.newConversation("cust-crash", "hello");
    api.send(id, "where is my order 12345678", "crash-1");

    stack.killWorker();
    // A front end keeps sending while the worker is down; its call waits for the worker.
    CompletableFuture<ApiClient.Response> duringOutage =
        api.sendMessageAsync(
            id, "can I change the delivery address?", "crash-2", Duration.ofMinutes(3));
    ManagedProcess.sleep(Duration.ofSeconds(2));
    stack.startWorker();

    ApiClient.Response answer = duringOutage.get(3, TimeUnit.MINUTES);
    if (answer.status() != 200) {
      // An api may give up on a long wait (503/504); a front end then retries the same message.
      answer = api.sendMessage(id, "can I change the delivery address?", "crash-2");
    }
    assertThat(answer.expect(200).path("replies").size()).isPositive();
    api.send(id, "thanks, that solved it", "crash-3");

    List<JsonNode> transcript = api.transcript(id);
    Transcripts.assertGapFree(transcript);
    assertThat(Transcripts.customerTexts(transcript))
        .containsExactly(
            "hello",
            "where is my order 12345678",
            "can I change the delivery address?",
            "thanks, that solved it");
    Transcripts.assertEveryCustomerMessageAnswered(transcript);
    assertThat(storedLines(id)).containsExactlyElementsOf(lines(transcript));
  }

  @Test
  void aConversationSurvivesARestartOfTheTemporalServer() throws Exception {
    String id = api.newConversation("cust-server", "hello");
    api.send(id, "where is my order 12345678", "server-1");

    stack.restartTemporal();
    // Clients reconnect on their own; until they have, a front end retries the same message.
    ApiClient.Response answer =
        await("the first message after the restart")
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(1))
            .ignoreExceptions()
            .until(
                () -> api.sendMessage(id, "thanks, that solved it", "server-2"),
                response -> response.status() == 200);

    assertThat(answer.body().path("status").asText()).isEqualTo("RESOLVED");
    List<JsonNode> transcript = api.transcript(id);
    Transcripts.assertGapFree(transcript);
    assertThat(Transcripts.customerTexts(transcript))
        .containsExactly("hello", "where is my order 12345678", "thanks, that solved it");
    assertThat(storedLines(id)).containsExactlyElementsOf(lines(transcript));
  }

  /** The transcript as the worker's activities wrote it to PostgreSQL: "seq author text". */
  private List<String> storedLines(String conversationId) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Connection connection = stack.database().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "select seq, author, text from messages where conversation_id = ? order by seq")) {
      query.setString(1, conversationId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          lines.add(line(rows.getLong("seq"), rows.getString("author"), rows.getString("text")));
        }
      }
    }
    return lines;
  }

  private static List<String> lines(List<JsonNode> transcript) {
    return transcript.stream()
        .map(m -> line(m.path("seq").asLong(), m.path("author").asText(), m.path("text").asText()))
        .toList();
  }

  private static String line(long seq, String author, String text) {
    return seq + " " + author + " " + text;
  }
}
