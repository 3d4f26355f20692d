package dev.baton.api.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * Attempts per key (a username, a client address), each key with its own Bucket4j bucket of the
 * given {@link Allowance}s, kept in a bounded map that forgets a key once it has been quiet longer
 * than the longest period (its bucket is full again by then). An attempt takes a token before it
 * is made; one that turns out well gives it back, so only failures count.
 */
public final class AttemptLimits {
  private final List<Allowance> allowances;
  private final TimeMeter clock;
  private final Cache<String, Bucket> buckets;

  public AttemptLimits(List<Allowance> allowances) {
    this(allowances, TimeMeter.SYSTEM_MILLISECONDS);
  }

  AttemptLimits(List<Allowance> allowances, TimeMeter clock) {
    this.allowances = List.copyOf(allowances);
    this.clock = clock;
    if (allowances.isEmpty()) {
      this.buckets = null;
      return;
    }
    Duration longest = allowances.stream().map(Allowance::per).max(Comparator.naturalOrder()).orElseThrow();
    this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(longest).build();
  }

  /** Takes one attempt for {@code key}: null when there was one, else how long until there is. */
  public Duration take(String key) {
    if (buckets == null) {
      return null;
    }
    ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? null : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }

  /** Gives back the attempt {@link #take} took for {@code key} (it went well, or was not made). */
  public void giveBack(String key) {
    if (buckets != null) {
      bucket(key).addTokens(1);
    }
  }

  private Bucket bucket(String key) {
    return buckets.get(
        key,
        k -> {
          LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(clock);
          for (Allowance allowance : allowances) {
            builder.addLimit(limit -> limit.capacity(allowance.attempts()).refillGreedy(allowance.attempts(), allowance.per()));
          }
          return builder.build();
        });
  }

  /** Whether any limit applies (an empty list of allowances turns them off). */
  public boolean enabled() {
    return buckets != null;
  }
}
