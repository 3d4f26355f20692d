package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A front end's mistakes get a 4xx with an RFC 9457 problem body, never a 5xx or a stack trace,
 * through the whole stack (the closed-conversation check is the workflow's update validator).
 */
@ExtendWith(BatonStackExtension.class)
class ProblemDetailsIT {
  private final ApiClient api;

  ProblemDetailsIT(BatonStack stack) {
    this.api = stack.api();
  }

  @Test
  void malformedJsonIsABadRequest() {
    String truncated = "{\"customer\": {\"id\": ";

    assertProblem(api.postRaw("/conversations", "application/json", truncated), 400);
  }

  @Test
  void aMissingCustomerIsABadRequestNamingTheField() {
    ApiClient.Response response =
        api.post("/conversations", Map.of("channel", "web", "text", "hi"));

    assertProblem(response, 400);
    assertThat(response.raw()).contains("customer");
  }

  @Test
  void anOversizedMessageIsABadRequestNamingTheField() {
    String id = api.newConversation("cust-long", "hello");

    ApiClient.Response response = api.sendMessage(id, "x".repeat(4001), "long-1");

    assertProblem(response, 400);
    assertThat(response.raw()).contains("text");
  }

  @Test
  void anUnknownConversationIsNotFound() {
    assertProblem(api.get("/conversations/no-such-conversation"), 404);
    assertProblem(api.sendMessage("no-such-conversation", "hello?", "unknown-1"), 404);
  }

  @Test
  void aMessageToAClosedConversationIsAConflict() {
    String id = api.newConversation("cust-closed", "hello");
    api.post("/conversations/" + id + "/close", Map.of()).expect(200);

    assertProblem(api.sendMessage(id, "are you still there?", "closed-1"), 409);
  }

  @Test
  void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
    assertProblem(api.postRaw("/conversations", "text/plain", "hello"), 415);
  }

  private static void assertProblem(ApiClient.Response response, int status) {
    assertThat(response.status())
        .as("status of %s, which answered %s", response.request(), response.raw())
        .isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().path("status").asInt()).isEqualTo(status);
    assertThat(response.body().path("type").asText()).isNotBlank();
    assertThat(response.raw()).doesNotContain("Exception").doesNotContain("\tat ");
  }
}
