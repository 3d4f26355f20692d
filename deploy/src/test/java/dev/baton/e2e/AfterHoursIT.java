package dev.baton.e2e;

import static dev.baton.e2e.EscalationIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A customer asks for a person while the queue is closed, with the built-in helpdesk: Baton files
 * a callback ticket carrying the handoff summary, tells the customer once, truthfully and with a
 * time, and adds what they write afterwards to the ticket. Operators set the hours and work the
 * tickets over the API, which refuses what it cannot use with a problem that names the field.
 *
 * <p>The {@code general} queue, where requests for a person go, is open for half an hour three
 * days from now and closed otherwise, in UTC; the class opens it around the clock again when done.
 */
@ExtendWith(BatonStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AfterHoursIT {
  private static final String QUEUE = "general";
  private static final String ASK = "I want to talk to a real person, the blender I got arrived cracked";
  private static final Pattern TICKET = Pattern.compile("ticket #(\\d+)");

  private final ApiClient api;
  /** The one opening of the queue, three days ahead: never today, whatever time the test runs. */
  private final LocalDate openingDay = LocalDate.now(ZoneOffset.UTC).plusDays(3);
  private final Instant opensAt = openingDay.atTime(LocalTime.of(9, 0)).toInstant(ZoneOffset.UTC);
  /** hours.yaml promises a callback 30 minutes after the opening. */
  private final Instant promisedBy = opensAt.plusSeconds(30 * 60);
  private final List<String> conversations = new ArrayList<>();

  AfterHoursIT(BatonStack stack) {
    this.api = stack.api();
  }

  @BeforeAll
  void closeTheQueue() {
    DayOfWeek day = openingDay.getDayOfWeek();
    Hours.set(api, QUEUE, Hours.openOnlyOn(day, "09:00-09:30"));
  }

  @AfterAll
  void openTheQueueAgain() {
    try {
      // Nothing of this class should wake up in three days and call the helpdesk.
      conversations.forEach(id -> api.post("/conversations/" + id + "/close", Map.of()));
    } finally {
      Hours.set(api, QUEUE, Hours.alwaysOpen());
    }
  }

  @Test
  void aCustomerWhoAsksForAPersonAfterHoursGetsATicketAndOnePromiseWithATime() {
    String customer = customerId("promise");
    JsonNode started = start(customer, ASK, "after-1");

    assertThat(started.path("status").asText()).isEqualTo("CALLBACK_SCHEDULED");
    String id = started.path("conversationId").asText();
    List<JsonNode> bot = byAuthor(started.path("replies"), "BOT");
    assertThat(bot).as("what the bot told the customer: %s", started.path("replies")).hasSize(1);
    String promise = bot.get(0).path("text").asText();
    String ticketId = ticketIn(promise);
    String weekday = openingDay.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    assertThat(promise)
        .startsWith("Our customer support team is offline right now.")
        .contains("I've logged this as ticket #" + ticketId)
        .endsWith("someone will contact you by 09:30 " + weekday + " (UTC).");
    assertThat(byAuthor(started.path("replies"), "SYSTEM"))
        .singleElement()
        .satisfies(
            note ->
                assertThat(note.path("text").asText())
                    .startsWith("Handed over to the general queue: ")
                    .endsWith("The queue is closed. Callback ticket #" + ticketId + "."));

    // The operators' list: one ticket for this conversation, with the summary and the promise.
    // Other suites file callback tickets on the same queue (the outage test a hundred or so): the
    // whole list, not its first page.
    JsonNode listed = api.get("/tickets?queue=" + QUEUE + "&limit=1000").expect(200).path("tickets");
    List<JsonNode> ours =
        StreamSupport.stream(listed.spliterator(), false)
            .filter(t -> t.path("conversationId").asText().equals(id))
            .toList();
    assertThat(ours).as("tickets of %s in %s", id, listed).hasSize(1);
    JsonNode row = ours.get(0);
    assertThat(row.path("id").asText()).isEqualTo(ticketId);
    assertThat(row.path("reference").asText()).isEqualTo("#" + ticketId);
    assertThat(row.path("status").asText()).isEqualTo("NEW");
    assertThat(row.path("queue").asText()).isEqualTo(QUEUE);
    assertThat(row.path("customerId").asText()).isEqualTo(customer);
    assertThat(row.path("subject").asText()).contains(ASK);
    assertThat(Instant.parse(row.path("promisedBy").asText())).isEqualTo(promisedBy);
    JsonNode ticket = api.get("/tickets/" + ticketId).expect(200);
    assertThat(ticket.path("summary").path("primaryIssue").asText()).contains(ASK);
    assertThat(ticket.path("summary").path("reason").asText()).isEqualTo("CUSTOMER_REQUEST");
    assertThat(ticket.path("transcriptUrl").asText()).isEqualTo("/api/v1/conversations/" + id + "/messages");

    // The conversation knows the callback it waits for.
    JsonNode callback = api.conversation(id).path("callback");
    assertThat(callback.path("ticketId").asText()).isEqualTo(ticketId);
    assertThat(callback.path("ticketReference").asText()).isEqualTo("#" + ticketId);
    assertThat(Instant.parse(callback.path("opensAt").asText())).isEqualTo(opensAt);
    assertThat(Instant.parse(callback.path("promisedBy").asText())).isEqualTo(promisedBy);

    // What the customer writes while waiting goes to the ticket, once even when the call is repeated.
    String more = "It is order 12345678, and the jug leaks from the bottom";
    JsonNode added = api.send(id, more, "after-2");
    JsonNode repeated = api.send(id, more, "after-2");

    assertThat(added.path("status").asText()).isEqualTo("CALLBACK_SCHEDULED");
    assertThat(added.path("replies")).hasSize(1);
    assertThat(added.path("replies").get(0).path("text").asText())
        .isEqualTo("Thanks, I've added this to ticket #" + ticketId + ".");
    assertThat(repeated).isEqualTo(added);
    // Ticket work runs after the turn, off the turn lock: the comment follows within moments.
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      List<JsonNode> comments =
          StreamSupport.stream(api.get("/tickets/" + ticketId).expect(200).path("events").spliterator(), false)
              .filter(e -> e.path("kind").asText().equals("COMMENT"))
              .toList();
      assertThat(comments).as("COMMENT events of ticket #%s", ticketId).hasSize(1);
      assertThat(comments.get(0).path("body").asText()).contains(more);
    });

    List<JsonNode> transcript = api.transcript(id);
    Transcripts.assertGapFree(transcript);
    assertThat(Transcripts.customerTexts(transcript)).containsExactly(ASK, more);
    assertThat(byAuthor(transcript, "BOT"))
        .as("the bot's lines in %s", transcript)
        .singleElement()
        .satisfies(line -> assertThat(line.path("text").asText()).isEqualTo(promise));
  }

  @Test
  void hoursThatCannotBeUsedAreRefusedNamingTheField() {
    String queue = "e2e_refused_" + UUID.randomUUID().toString().substring(0, 8);

    assertRefused(
        queue,
        Map.of("zone", "UTC", "week", Map.of("monday", List.of("09:00-12:00", "11:00-13:00"))),
        "week.MONDAY[1]",
        "overlaps week.MONDAY[0]");
    assertRefused(
        queue,
        Map.of("zone", "Mars/Olympus_Mons", "week", Map.of("monday", List.of("09:00-17:00"))),
        "zone",
        "'Mars/Olympus_Mons' is not a known timezone");
    assertRefused(
        queue,
        Map.of(
            "zone", "UTC",
            "week", Map.of("monday", List.of("09:00-17:00")),
            "closedDates", List.of("2026-12-25", "2026-02-30")),
        "closedDates[1]",
        "'2026-02-30' is not a date");

    JsonNode stored = api.get("/queues/" + queue + "/hours").expect(200);
    assertThat(stored.path("inherited").asBoolean())
        .as("nothing was stored for %s: %s", queue, stored)
        .isTrue();
  }

  @Test
  void ticketsAnswerProblemsForAnUnknownIdAMoveTheyDoNotAllowAndAStatusThatDoesNotExist() {
    JsonNode started = start(customerId("tickets"), "I want to talk to a real person", "tickets-1");
    String ticketId = api.conversation(started.path("conversationId").asText()).path("callback").path("ticketId").asText();
    assertThat(ticketId).isNotEmpty();

    assertProblem(api.get("/tickets/987654321"), 404, "urn:baton:problem:ticket-not-found");

    JsonNode closed = api.request("PATCH", "/tickets/" + ticketId, Map.of("status", "CLOSED")).expect(200);
    assertThat(closed.path("ticket").path("status").asText()).isEqualTo("CLOSED");
    ApiClient.Response reopened = api.request("PATCH", "/tickets/" + ticketId, Map.of("status", "OPEN"));
    assertProblem(reopened, 409, "urn:baton:problem:ticket-status-conflict");
    assertThat(reopened.body().path("ticketStatus").asText()).isEqualTo("CLOSED");

    ApiClient.Response nonsense = api.request("PATCH", "/tickets/" + ticketId, Map.of("status", "REOPENED"));
    assertProblem(nonsense, 400, "urn:baton:problem:malformed-json");
    assertThat(nonsense.body().path("detail").asText()).contains("status");
    assertThat(api.get("/tickets/" + ticketId).expect(200).path("ticket").path("status").asText())
        .as("the refused moves changed nothing")
        .isEqualTo("CLOSED");
  }

  private JsonNode start(String customer, String text, String clientMessageId) {
    JsonNode started =
        api.post(
                "/conversations",
                Map.of(
                    "customer", Map.of("id", customer, "name", "Ada", "tier", "standard"),
                    "channel", "web",
                    "text", text,
                    "clientMessageId", clientMessageId))
            .expect(201);
    conversations.add(started.path("conversationId").asText());
    return started;
  }

  private void assertRefused(String queue, Map<String, Object> hours, String field, String message) {
    ApiClient.Response refused = api.request("PUT", "/queues/" + queue + "/hours", hours);
    assertProblem(refused, 400, "urn:baton:problem:invalid-request");
    assertThat(refused.body().path("errors").findParents("field"))
        .as("errors of %s", refused.raw())
        .anySatisfy(
            e -> {
              assertThat(e.path("field").asText()).isEqualTo(field);
              assertThat(e.path("message").asText()).isEqualTo(message);
            });
    assertThat(refused.body().path("detail").asText()).contains(field);
  }

  private static String ticketIn(String text) {
    Matcher matcher = TICKET.matcher(text);
    assertThat(matcher.find()).as("a ticket number in: %s", text).isTrue();
    return matcher.group(1);
  }

  private static List<JsonNode> byAuthor(Iterable<JsonNode> messages, String author) {
    return StreamSupport.stream(messages.spliterator(), false)
        .filter(m -> m.path("author").asText().equals(author))
        .toList();
  }

  private static String customerId(String name) {
    return "cust-after-" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
