package dev.baton.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** TEMPORARY probe: how long does a call take when the helpdesk keeps failing? */
@ExtendWith(BatonStackExtension.class)
class ZzTurnDeadlineProbeIT {
  @Test
  void probe(BatonStack stack) {
    ApiClient api = stack.api();
    try (FakeZendesk zendesk = FakeZendesk.start("a@example.com", "t")) {
      zendesk.faults(new FakeZendesk.Faults(1.0, 0, Duration.ZERO, Duration.ZERO));
      for (String q : List.of(Hours.DEFAULT, "general")) Hours.set(api, q, Hours.neverOpen());
      stack.restartWorker(Map.of("BATON_HELPDESK", "zendesk", "BATON_ZENDESK_URL", zendesk.url().toString(),
          "BATON_ZENDESK_EMAIL", "a@example.com", "BATON_ZENDESK_TOKEN", "t", "BATON_ZENDESK_TIMEOUT", "2s"));
      Map<String, Object> start = Map.of("customer", Map.of("id", "probe-" + UUID.randomUUID(), "name", "Ada", "tier", "standard"),
          "channel", "web", "text", "I want to talk to a real person", "clientMessageId", "p-1");
      for (int i = 0; i < 2; i++) {
        Instant t0 = Instant.now();
        try {
          ApiClient.Response r = api.post("/conversations", start);
          System.out.println("PROBE call " + i + " answered " + r.status() + " after " + Duration.between(t0, Instant.now()).toMillis() + " ms: " + r.raw());
        } catch (RuntimeException e) {
          System.out.println("PROBE call " + i + " failed after " + Duration.between(t0, Instant.now()).toMillis() + " ms: " + e);
        }
      }
      System.out.println("PROBE fake stats " + zendesk.stats());
    } finally {
      stack.restoreWorker();
      for (String q : List.of(Hours.DEFAULT, "general")) Hours.set(api, q, Hours.alwaysOpen());
    }
  }
}
