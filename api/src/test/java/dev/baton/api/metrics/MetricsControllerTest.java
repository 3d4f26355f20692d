package dev.baton.api.metrics;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

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
            Duration.ofHours(1), List.of(), List.of()));

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
      return new MetricsStore.Report(from, to, null, Numbers.of(List.of()), List.of(), Duration.ofHours(1), List.of(), List.of());
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
  void badParametersAreBadRequests() throws Exception {
    expectProblem(mvc.perform(get("/api/v1/metrics").param("from", "yesterday")), 400, "invalid-request");
    expectProblem(mvc.perform(get("/api/v1/metrics").param("from", TO.toString()).param("to", FROM.toString())), 400, "invalid-request");
    expectProblem(mvc.perform(get("/api/v1/metrics").param("from", "2025-01-01T00:00:00Z").param("to", TO.toString())), 400, "invalid-request");
    expectProblem(mvc.perform(get("/api/v1/metrics").param("groupBy", "weather")), 400, "invalid-request");
    verifyNoInteractions(metrics);
  }
}
