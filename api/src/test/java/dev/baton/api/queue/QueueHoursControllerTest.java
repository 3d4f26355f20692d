package dev.baton.api.queue;

import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.ParameterizedTest;
import dev.baton.api.limits.RefusedCharacters;
import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.hours.QueueHours;
import dev.baton.store.hours.Hours;
import dev.baton.store.hours.HoursStore;
import dev.baton.store.hours.StoredHours;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Business hours over HTTP: read, inherit, replace, and every problem named. */
// Security is tested on its own (SecurityTest); here only what the controller does.
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(QueueHoursController.class)
class QueueHoursControllerTest {
  private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
  private static final Hours BERLIN = new Hours("Europe/Berlin", Map.of("monday", List.of("09:00-17:00")), List.of("2026-12-25"));

  @Autowired MockMvc mvc;
  @MockitoBean HoursStore hours;

  @Test
  void aQueueWithoutHoursShowsTheDefaultItInherits() throws Exception {
    given(hours.find("orders")).willReturn(Optional.of(new StoredHours("orders", BERLIN, "default", true, AT)));

    mvc.perform(get("/api/v1/queues/orders/hours"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.queue").value("orders"))
        .andExpect(jsonPath("$.inherited").value(true))
        .andExpect(jsonPath("$.source").value("default"))
        .andExpect(jsonPath("$.hours.zone").value("Europe/Berlin"))
        .andExpect(jsonPath("$.hours.week.monday[0]").value("09:00-17:00"))
        .andExpect(jsonPath("$.hours.closedDates[0]").value("2026-12-25"))
        .andExpect(jsonPath("$.updatedAt").value("2026-11-23T10:15:30Z"));
  }

  @Test
  void withNoHoursAtAllItIsNotFound() throws Exception {
    given(hours.find("orders")).willReturn(Optional.empty());

    expectProblem(mvc.perform(get("/api/v1/queues/orders/hours")), 404, "not-found");
  }

  @Test
  void settingHoursStoresThemCheckedAsTheQueuesOwn() throws Exception {
    QueueHours expected = QueueHours.of("orders", "Europe/Berlin", Map.of("MONDAY", List.of("09:00-12:00", "13:00-17:00")), null);
    given(hours.putOperator(expected))
        .willReturn(new StoredHours("orders", Hours.from(expected), "operator", false, AT));

    putHours("orders", "{\"zone\":\"Europe/Berlin\",\"week\":{\"Monday\":[\"09:00-12:00\",\"13:00-17:00\"]}}")
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.source").value("operator"))
        .andExpect(jsonPath("$.inherited").value(false))
        .andExpect(jsonPath("$.hours.week.monday.length()").value(2));
    then(hours).should().putOperator(expected);
  }

  @Test
  void unusableHoursAreABadRequestNamingEveryProblem() throws Exception {
    expectProblem(
            putHours("orders", "{\"zone\":\"Mars/Base\",\"week\":{\"monday\":[\"09:00-12:00\",\"11:00-13:00\"]},\"closedDates\":[\"25.12.2026\"]}"),
            400,
            "invalid-request")
        .andExpect(jsonPath("$.errors.length()").value(3))
        .andExpect(jsonPath("$.errors[0].field").value("zone"))
        .andExpect(jsonPath("$.errors[1].field").value("week.MONDAY[1]"))
        .andExpect(jsonPath("$.errors[1].message").value("overlaps week.MONDAY[0]"))
        .andExpect(jsonPath("$.errors[2].field").value("closedDates[0]"));
    verifyNoInteractions(hours);
  }

  @ParameterizedTest(name = "a zone, day, opening and date with {0}")
  @FieldSource("dev.baton.api.limits.RefusedCharacters#JSON_ESCAPES")
  void textWithACharacterNoStoreAcceptsIsRefusedNamingTheField(String escape) throws Exception {
    String bad = RefusedCharacters.jsonString(escape);
    expectProblem(putHours("orders", "{\"zone\":" + bad + "}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("zone"));
    expectProblem(putHours("orders", "{\"zone\":\"UTC\",\"week\":{\"monday\":[" + bad + "]}}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("week[monday][0]"));
    expectProblem(putHours("orders", "{\"zone\":\"UTC\",\"closedDates\":[" + bad + "]}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("closedDates[0]"));
    verifyNoInteractions(hours);
  }

  @Test
  void aScheduleWithMoreClosedDatesOrOpeningsThanTheLimitIsRefused() throws Exception {
    // 200,000 dates were accepted, and then ended every conversation that escalated to the queue.
    String dates = String.join(",", java.util.Collections.nCopies(501, "\"2026-12-25\""));
    expectProblem(putHours("orders", "{\"zone\":\"UTC\",\"closedDates\":[" + dates + "]}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("closedDates"));
    String openings = String.join(",", java.util.Collections.nCopies(9, "\"09:00-10:00\""));
    expectProblem(putHours("orders", "{\"zone\":\"UTC\",\"week\":{\"monday\":[" + openings + "]}}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("week[monday]"));
    verifyNoInteractions(hours);
  }

  @Test
  void hoursThatAreNotJsonOfTheRightShapeAreMalformed() throws Exception {
    expectProblem(putHours("orders", "{\"zone\":\"UTC\",\"week\":[1,2]}"), 400, "malformed-json");
    then(hours).should(org.mockito.Mockito.never()).putOperator(any());
  }

  @Test
  void aQueueNameThatIsNotOneIsABadRequest() throws Exception {
    expectProblem(putHours("No Such Queue", "{\"zone\":\"UTC\"}"), 400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value("queue"));
    expectProblem(mvc.perform(get("/api/v1/queues/{q}/hours", "x".repeat(65))), 400, "invalid-request");
    verifyNoInteractions(hours);
  }

  private ResultActions putHours(String queue, String json) throws Exception {
    return mvc.perform(put("/api/v1/queues/{q}/hours", queue).contentType(MediaType.APPLICATION_JSON).content(json));
  }
}
