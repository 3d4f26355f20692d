package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fake Zendesk behaves as the documented API does for what Baton uses, so that what {@link
 * HelpdeskFaultIT} proves holds against the real one: idempotent creates, lookups by external id,
 * comments, auth, and faults that do what they say.
 */
class FakeZendeskTest {
  private static final String EMAIL = "agent@example.com";
  private static final String TOKEN = "secret";

  private final FakeZendesk zendesk = FakeZendesk.start(EMAIL, TOKEN);
  private final HttpClient http = HttpClient.newHttpClient();

  @AfterEach
  void stop() {
    zendesk.close();
  }

  @Test
  void aRepeatedCreateWithTheSameKeyAndBodyGetsTheFirstTicketAndAnotherBodyIsRefused() throws Exception {
    String body = ticket("c-1:callback-ticket:1", "The kettle leaks");

    HttpResponse<String> first = call("POST", "/api/v2/tickets.json", body, "c-1:callback-ticket:1", 5);
    HttpResponse<String> again = call("POST", "/api/v2/tickets.json", body, "c-1:callback-ticket:1", 5);
    HttpResponse<String> other =
        call("POST", "/api/v2/tickets.json", ticket("c-1:callback-ticket:1", "Something else"), "c-1:callback-ticket:1", 5);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(first.headers().firstValue("x-idempotency-lookup")).hasValue("miss");
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.headers().firstValue("x-idempotency-lookup")).hasValue("hit");
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(json(other).path("error").asText()).isEqualTo("IdempotentRequestError");
    assertThat(zendesk.tickets()).hasSize(1);

    JsonNode found = json(call("GET", "/api/v2/tickets.json?external_id=c-1%3Acallback-ticket%3A1", null, null, 5));
    assertThat(found.path("tickets")).hasSize(1);
    assertThat(found.path("tickets").get(0).path("id")).isEqualTo(json(first).path("ticket").path("id"));
    assertThat(json(call("GET", "/api/v2/tickets.json?external_id=nobody", null, null, 5)).path("tickets")).isEmpty();
  }

  @Test
  void commentsAndStatusChangesLandOnTheTicketUntilItIsClosed() throws Exception {
    long id =
        json(call("POST", "/api/v2/tickets.json", ticket("c-2:callback-ticket:1", "No refund yet"), null, 5))
            .path("ticket")
            .path("id")
            .asLong();
    String path = "/api/v2/tickets/" + id + ".json";

    HttpResponse<String> commented =
        call("PUT", path, "{\"ticket\":{\"status\":\"open\",\"comment\":{\"body\":\"More [baton:k]\",\"public\":false}}}", null, 5);
    JsonNode comments = json(call("GET", "/api/v2/tickets/" + id + "/comments.json", null, null, 5));
    HttpResponse<String> closed = call("PUT", path, "{\"ticket\":{\"status\":\"closed\"}}", null, 5);
    HttpResponse<String> afterClosing = call("PUT", path, "{\"ticket\":{\"comment\":{\"body\":\"late\"}}}", null, 5);

    assertThat(commented.statusCode()).isEqualTo(200);
    assertThat(json(commented).path("ticket").path("status").asText()).isEqualTo("open");
    assertThat(comments.path("comments")).hasSize(2);
    assertThat(comments.path("comments").get(1).path("body").asText()).isEqualTo("More [baton:k]");
    assertThat(comments.path("comments").get(1).path("public").asBoolean()).isFalse();
    assertThat(closed.statusCode()).isEqualTo(200);
    assertThat(afterClosing.statusCode()).isEqualTo(422);
    assertThat(call("GET", "/api/v2/tickets/999.json", null, null, 5).statusCode()).isEqualTo(404);
  }

  @Test
  void onlyTheAgentsApiTokenIsLetIn() throws Exception {
    HttpRequest wrongToken =
        HttpRequest.newBuilder(URI.create(zendesk.url() + "/api/v2/tickets.json"))
            .header("Authorization", basic(EMAIL + "/token:wrong"))
            .GET()
            .build();
    HttpRequest password =
        HttpRequest.newBuilder(URI.create(zendesk.url() + "/api/v2/tickets.json"))
            .header("Authorization", basic(EMAIL + ":" + TOKEN))
            .GET()
            .build();

    assertThat(http.send(wrongToken, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    assertThat(http.send(password, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/v2/tickets.json", null, null, 5).statusCode()).isEqualTo(200);
  }

  @Test
  void injectedFailuresChangeNothingAndATooManyRequestsSaysWhenToComeBack() throws Exception {
    zendesk.faults(new FakeZendesk.Faults(1.0, 0, Duration.ZERO, Duration.ZERO));
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 60; i++) {
      HttpResponse<String> response =
          call("POST", "/api/v2/tickets.json", ticket("c-3:callback-ticket:1", "x"), "c-3:callback-ticket:1", 5);
      seen.add(response.statusCode());
      if (response.statusCode() == 429) {
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
      }
    }

    assertThat(seen).containsExactlyInAnyOrder(500, 503, 429);
    assertThat(zendesk.tickets()).isEmpty();
    assertThat(zendesk.stats().faults()).isEqualTo(60);
  }

  @Test
  void aStalledCreateMakesTheTicketThatTheClientNeverHearsAboutAndALaggingLookupMissesIt() throws Exception {
    zendesk.faults(new FakeZendesk.Faults(0, 1.0, Duration.ofMillis(1500), Duration.ofSeconds(30)));
    String body = ticket("c-4:callback-ticket:1", "Stalled");

    assertThatThrownBy(() -> call("POST", "/api/v2/tickets.json", body, "c-4:callback-ticket:1", 0.5))
        .isInstanceOf(HttpTimeoutException.class);

    assertThat(zendesk.ticketsWithExternalId("c-4:callback-ticket:1")).hasSize(1);
    assertThat(json(call("GET", "/api/v2/tickets.json?external_id=c-4:callback-ticket:1", null, null, 5)).path("tickets"))
        .as("not yet visible to a lookup")
        .isEmpty();
    zendesk.faults(FakeZendesk.Faults.NONE);
    HttpResponse<String> retried = call("POST", "/api/v2/tickets.json", body, "c-4:callback-ticket:1", 5);
    assertThat(retried.headers().firstValue("x-idempotency-lookup")).hasValue("hit");
    assertThat(zendesk.tickets()).hasSize(1);
  }

  private HttpResponse<String> call(String method, String path, String body, String key, double timeoutSeconds)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(zendesk.url() + path))
            .timeout(Duration.ofMillis((long) (timeoutSeconds * 1000)))
            .header("Authorization", basic(EMAIL + "/token:" + TOKEN))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("Idempotency-Key", key);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String ticket(String externalId, String subject) {
    return "{\"ticket\":{\"subject\":\"" + subject + "\",\"external_id\":\"" + externalId
        + "\",\"priority\":\"normal\",\"comment\":{\"body\":\"" + subject + "\",\"public\":false}}}";
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return ApiClient.JSON.readTree(response.body());
  }

  private static String basic(String credentials) {
    return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
