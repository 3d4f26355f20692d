package dev.baton.api.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.baton.api.problem.Problems;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Conversations started per client address and per customer id ({@code baton.limits.starts.*}):
 * each start is a workflow that may open tickets and call a language model, so an anonymous
 * caller may not start them at the rate of ordinary calls. Over either limit, 429
 * {@code too-many-starts} with Retry-After, and nothing is started.
 *
 * <p>A retried start (the same customer and clientMessageId, so the same conversation) lands on
 * the conversation the first attempt made and costs nothing new, so it is not counted again: the
 * conversations counted are remembered for as long as a full bucket takes to refill, in this api
 * instance (a retry that reaches another instance is counted there once). The buckets live in
 * this instance too: with several instances, the effective limit is their sum.
 */
@Component
@EnableConfigurationProperties(LimitsProperties.class)
public class StartLimits {
  private static final Logger log = LoggerFactory.getLogger(StartLimits.class);

  private final LimitsProperties.Starts limits;
  private final TimeMeter clock;
  private final Cache<String, Bucket> addresses;
  private final Cache<String, Bucket> customers;
  private final Cache<String, Boolean> counted;

  @Autowired
  StartLimits(LimitsProperties limits) {
    this(limits.starts(), TimeMeter.SYSTEM_MILLISECONDS);
  }

  StartLimits(LimitsProperties.Starts limits, TimeMeter clock) {
    this.limits = limits;
    this.clock = clock;
    this.addresses = buckets(limits.perAddress());
    this.customers = buckets(limits.perCustomer());
    Duration longest = max(refillTime(limits.perAddress()), refillTime(limits.perCustomer()));
    this.counted = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(max(longest, Duration.ofMinutes(1))).build();
    log.info(
        "Conversation starts per client address: {}; per customer id: {} (baton.limits.starts.*)",
        limits.perAddress().describe(), limits.perCustomer().describe());
  }

  /**
   * Counts a start from {@code address} for {@code customer} (a key that keeps verified and
   * anonymous ids apart), unless {@code conversationId} (the conversation a start with a
   * clientMessageId lands on; null without one) was counted already.
   *
   * @throws TooManyRequests when the address or the customer has started its share; nothing is
   *     counted then
   */
  public void take(String address, String customer, String conversationId) {
    if (conversationId != null && counted.getIfPresent(conversationId) != null) {
      return;
    }
    Bucket byAddress = addresses == null ? null : addresses.get(address, k -> bucket(limits.perAddress()));
    Duration wait = take(byAddress);
    if (wait != null) {
      throw refused("This client address started " + limits.perAddress().burst() + " conversations at once or more than "
          + limits.perAddress().refill() + " (attempts/period); wait before starting another.", wait);
    }
    Bucket byCustomer = customers == null ? null : customers.get(customer, k -> bucket(limits.perCustomer()));
    wait = take(byCustomer);
    if (wait != null) {
      if (byAddress != null) {
        byAddress.addTokens(1); // nothing was started: the address's share is as it was
      }
      throw refused("This customer started " + limits.perCustomer().burst() + " conversations at once or more than "
          + limits.perCustomer().refill() + " (attempts/period); wait before starting another.", wait);
    }
    if (conversationId != null) {
      counted.put(conversationId, Boolean.TRUE);
    }
  }

  private static Duration take(Bucket bucket) {
    if (bucket == null) {
      return null;
    }
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? null : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }

  private static TooManyRequests refused(String detail, Duration wait) {
    return new TooManyRequests(Problems.TOO_MANY_STARTS, detail, wait);
  }

  private Bucket bucket(LimitsProperties.StartRate rate) {
    return Bucket.builder()
        .withCustomTimePrecision(clock)
        .addLimit(limit -> limit.capacity(rate.burst()).refillGreedy(rate.refill().attempts(), rate.refill().per()))
        .build();
  }

  /** A bounded map of buckets that forgets a key once its bucket would be full again; null when off. */
  private static Cache<String, Bucket> buckets(LimitsProperties.StartRate rate) {
    if (!rate.enabled()) {
      return null;
    }
    return Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(refillTime(rate)).build();
  }

  /** How long an empty bucket takes to fill again. */
  private static Duration refillTime(LimitsProperties.StartRate rate) {
    if (!rate.enabled()) {
      return Duration.ZERO;
    }
    long periods = (rate.burst() + rate.refill().attempts() - 1) / rate.refill().attempts();
    return rate.refill().per().multipliedBy(periods);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
