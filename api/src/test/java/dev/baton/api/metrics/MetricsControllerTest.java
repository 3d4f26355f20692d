package dev.baton.api.metrics;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.store.metrics.Containment;
import dev.baton.store.metrics.ConversationFacts;
import dev.baton.store.metrics.GroupBy;
import dev.baton.store.metrics.MetricsStore;
import dev.baton.store.metrics.Numbers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** GET /api/v1/metrics: the window and grouping it passes on, and the parameters it refuses. */
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(MetricsController.class)
class MetricsControllerTest {
  private static final Instant FROM = Instant.parse("2026-11-30T00:00:00Z");
  private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");

  @Autowired MockMvc mvc;
  @MockitoBean MetricsStore metrics;

  @Test
  void theWindowAndGroupingReachTheStore() throws Exception {
    Numbers none = Numbers.of(List.of());
    given(metrics.report(FROM, TO, GroupBy.INTENT))
        .willReturn(new MetricsStore.Report(FROM, TO, "intent", none, List.of(new MetricsStore.Group("track_order", none)),
            Duration.ofHours(1), List.of(), List.of(), List.of(), Duration.ofHours(1)));

    mvc.perform(get("/api/v1/metrics").param("from", FROM.toString()).param("to", TO.toString()).param("groupBy", "intent"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.groupBy").value("intent"))
        .andExpect(jsonPath("$.overall.conversations").value(0))
        .andExpect(jsonPath("$.groups[0].key").value("track_order"))
        .andExpect(jsonPath("$.links.temporalUi").value("http://127.0.0.1:8233"))
        .andExpect(jsonPath("$.links.namespace").value("default"));
  }

  @Test
  void withoutAWindowTheLast24HoursAreShown() throws Exception {
    given(metrics.report(any(), any(), eq(null))).willAnswer(call -> {
      Instant from = call.getArgument(0);
      Instant to = call.getArgument(1);
      return new MetricsStore.Report(
          from, to, null, Numbers.of(List.of()), List.of(), Duration.ofHours(1), List.of(), List.of(), List.of(), Duration.ofHours(1));
    });

    String body = mvc.perform(get("/api/v1/metrics"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.overall.containmentRate").doesNotExist())
        .andReturn().getResponse().getContentAsString();
    com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    Instant from = Instant.parse(json.get("from").asText());
    Instant to = Instant.parse(json.get("to").asText());
    org.assertj.core.api.Assertions.assertThat(Duration.between(from, to)).isEqualTo(Duration.ofHours(24));
    org.assertj.core.api.Assertions.assertThat(Duration.between(to, Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
  }

  @Test
  void containmentIsSplitIntoConfirmedAndAssumedWithRepeatContactsAndOutOfScopeQuestions() throws Exception {
    Numbers n =
        Numbers.of(
            List.of(
                facts("said-solved", Containment.CONFIRMED, 2, 0, null),
                facts("left", Containment.ASSUMED, 1, 0, null),
                facts("just-left", Containment.PENDING, 1, 0, null),
                facts("came-back", Containment.NOT_CONTAINED, 3, 2, Duration.ofHours(5))));
    MetricsStore.OutOfScopeDay day = new MetricsStore.OutOfScopeDay(FROM, "web", 7, 2, 0.2857);
    given(metrics.report(FROM, TO, null))
        .willReturn(new MetricsStore.Report(FROM, TO, null, n, List.of(), Duration.ofHours(1), List.of(), List.of(), List.of(day), Duration.ofHours(1)));

    mvc.perform(get("/api/v1/metrics").param("from", FROM.toString()).param("to", TO.toString()))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.overall.contained").value(2))
        .andExpect(jsonPath("$.overall.containmentRate").value(0.5))
        .andExpect(jsonPath("$.overall.containedConfirmed").value(1))
        .andExpect(jsonPath("$.overall.confirmedContainmentRate").value(0.25))
        .andExpect(jsonPath("$.overall.containedAssumed").value(1))
        .andExpect(jsonPath("$.overall.assumedPending").value(1))
        .andExpect(jsonPath("$.overall.repeatContacts").value(1))
        .andExpect(jsonPath("$.overall.repeatContactRate").value(0.25))
        .andExpect(jsonPath("$.overall.botTurns").value(7))
        .andExpect(jsonPath("$.overall.outOfScopeTurns").value(2))
        .andExpect(jsonPath("$.overall.outOfScopeRate").value(0.2857))
        .andExpect(jsonPath("$.outOfScopeByDay[0].day").value("2026-11-30T00:00:00Z"))
        .andExpect(jsonPath("$.outOfScopeByDay[0].channel").value("web"))
        .andExpect(jsonPath("$.outOfScopeByDay[0].outOfScopeRate").value(0.2857))
        .andExpect(jsonPath("$.assumedResolutionAfter").value("PT1H"));
  }

  /** A conversation the bot held throughout, with its containment, turns and next contact. */
  private static ConversationFacts facts(String id, Containment containment, int turns, int outOfScope, Duration back) {
    return new ConversationFacts(
        id, "web", "track_order", "none", "NONE", FROM, FROM, FROM, null, List.of(), List.of(), 0, 0, null, null, null,
        0, 0, 0, null, 0, false, FROM, turns, outOfScope, back, containment);
  }

  @Test
  void badParametersAreBadRequests() throws Exception {
    expectProblem(mvc.perform(get("/api/v1/metrics").param("from", "yesterday")), 400, "invalid-request");
    expectProblem(mvc.perform(get("/api/v1/metrics").param("from", TO.toString()).param("to", FROM.toString())), 400, "invalid-request");
    expectProblem(mvc.perform(get("/api/v1/metrics").param("from", "2025-01-01T00:00:00Z").param("to", TO.toString())), 400, "invalid-request");
    expectProblem(mvc.perform(get("/api/v1/metrics").param("groupBy", "weather")), 400, "invalid-request");
    verifyNoInteractions(metrics);
  }
}
