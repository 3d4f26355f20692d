package dev.baton.api.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.baton.api.problem.Problems;
import dev.baton.api.problem.ProblemWriter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Token buckets (Bucket4j) by key, in a bounded Caffeine map that forgets quiet keys, and the 429
 * a caller over its rate gets. The buckets live in this api instance, so with several instances
 * the effective limit is their sum.
 */
final class Buckets {
  private final ProblemWriter problems;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();

  Buckets(JsonMapper json) {
    this.problems = new ProblemWriter(json);
  }

  /** Takes a token from the key's bucket: null when there was one, else how long until there is. */
  Duration take(String key, LimitsProperties.Rate rate) {
    Bucket bucket =
        buckets.get(
            key,
            k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(rate.perSecond(), Duration.ofSeconds(1)))
                .build());
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? null : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }

  void refuse(HttpServletResponse response, String detail, Duration wait) throws IOException {
    problems.write(response, new TooManyRequests(Problems.TOO_MANY_REQUESTS, detail, wait));
  }
}
