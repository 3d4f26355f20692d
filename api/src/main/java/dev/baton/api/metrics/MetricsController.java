package dev.baton.api.metrics;

import dev.baton.api.problem.ApiException;
import dev.baton.api.problem.Problems;
import dev.baton.store.metrics.GroupBy;
import dev.baton.store.metrics.MetricsStore;
import dev.baton.store.metrics.MetricsStore.Report;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import dev.baton.store.metrics.Numbers;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Whether handoffs help: the numbers of the conversations started in a window, for supervisors. */
@RestController
@EnableConfigurationProperties(MetricsProperties.class)
@RequestMapping(path = "/api/v1/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
    name = "Metrics",
    description = "Containment (confirmed, assumed), repeat contacts, out-of-scope questions, escalations, takeover times, CSAT, Handoff Friction Score")
class MetricsController {
  private final MetricsStore metrics;
  private final MetricsProperties properties;
  private final String namespace;
  private final Clock clock;

  MetricsController(
      MetricsStore metrics, MetricsProperties properties, @Value("${spring.temporal.namespace:default}") String namespace) {
    this.metrics = metrics;
    this.properties = properties;
    this.namespace = namespace;
    this.clock = Clock.systemUTC();
  }

  @GetMapping
  @Operation(
      summary = "The numbers of the conversations started in a window",
      description =
          "Overall and, with groupBy, per request intent (the first thing the customer asked for), queue,"
              + " escalation reason or channel; and the customer messages the bot read as out of scope, per day and"
              + " channel. Rates are fractions (0 to 1, null without a denominator), durations seconds."
              + " docs/operations.md gives each formula.")
  MetricsResponse metrics(
      @Parameter(description = "Start of the window (ISO-8601 instant); default: 24 h before `to`")
          @RequestParam(required = false) String from,
      @Parameter(description = "End of the window, exclusive (ISO-8601 instant); default: now")
          @RequestParam(required = false) String to,
      @Parameter(description = "intent (the request's), queue, reason or channel") @RequestParam(required = false) String groupBy) {
    Instant end = to == null ? clock.instant() : instant("to", to);
    Instant start = from == null ? end.minus(Duration.ofHours(24)) : instant("from", from);
    if (!start.isBefore(end)) {
      throw invalid("'from' must be before 'to'.");
    }
    if (Duration.between(start, end).compareTo(properties.maxWindow()) > 0) {
      throw invalid("The window may be at most " + properties.maxWindow().toDays() + " days long.");
    }
    GroupBy group = null;
    if (groupBy != null) {
      group = GroupBy.parse(groupBy).orElseThrow(() -> invalid("'groupBy' must be one of intent, queue, reason, channel."));
    }
    Report r = metrics.report(start, end, group);
    return new MetricsResponse(
        r.from(), r.to(), r.groupBy(), r.overall(), r.groups(), r.bucket(), r.escalationsOverTime(),
        r.takeoverDistribution(), r.outOfScopeByDay(), r.assumedResolutionAfter(),
        new Links(properties.temporalUi(), namespace));
  }

  /**
   * The numbers (see {@link Report}), and where the Temporal UI is, for the dashboard's links.
   *
   * @param bucket the length of one point of {@code escalationsOverTime} (ISO-8601)
   * @param assumedResolutionAfter how long a customer must stay away before a resolution is assumed (ISO-8601)
   */
  record MetricsResponse(
      Instant from,
      Instant to,
      String groupBy,
      Numbers overall,
      List<MetricsStore.Group> groups,
      Duration bucket,
      List<MetricsStore.EscalationBucket> escalationsOverTime,
      List<MetricsStore.TakeoverBucket> takeoverDistribution,
      List<MetricsStore.OutOfScopeDay> outOfScopeByDay,
      Duration assumedResolutionAfter,
      Links links) {}

  /** The Temporal UI's address and Baton's namespace there. */
  record Links(String temporalUi, String namespace) {}

  private static Instant instant(String name, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid("'" + name + "' must be an ISO-8601 instant such as 2026-11-30T00:00:00Z.");
    }
  }

  private static ApiException invalid(String detail) {
    return new ApiException(Problems.INVALID_REQUEST, HttpStatus.BAD_REQUEST, detail);
  }
}
