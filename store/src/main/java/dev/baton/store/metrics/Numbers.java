package dev.baton.store.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The numbers of a set of conversations (those started in a window, or one group of them).
 * Rates are fractions between 0 and 1, and null when their denominator is 0; durations are in
 * seconds. docs/operations.md gives each formula and how to read it.
 *
 * @param contained resolved by the bot alone: {@code containedConfirmed} + {@code containedAssumed}
 * @param assumedPending would count as assumed once the assumed-resolution time has passed
 * @param repeatContacts conversations whose customer came back about the same request within 72 h
 * @param botTurns customer messages the bot read; {@code outOfScopeTurns} of them outside what it covers
 */
public record Numbers(
    int conversations,
    int contained,
    Double containmentRate,
    int containedConfirmed,
    Double confirmedContainmentRate,
    int containedAssumed,
    Double assumedContainmentRate,
    int assumedPending,
    int repeatContacts,
    Double repeatContactRate,
    int botTurns,
    int outOfScopeTurns,
    Double outOfScopeRate,
    int escalated,
    Double escalationRate,
    Map<String, Integer> escalationReasons,
    int abandonedInBotPhase,
    int abandonedInQueue,
    Double queueAbandonmentRate,
    int takenOver,
    int transferred,
    int resolved,
    int resolvedByBot,
    int resolvedAfterHandoff,
    int callbacksCreated,
    int callbacksKeptOnTime,
    int callbacksMissed,
    Durations firstResponse,
    Durations botResolution,
    Durations takeover,
    Durations resolution,
    Csat csat,
    Friction friction) {

  /** Percentiles as PostgreSQL's {@code percentile_cont} computes them (linear interpolation). */
  public record Durations(int count, Double p50, Double p90, Double average) {
    static Durations of(List<Double> seconds) {
      if (seconds.isEmpty()) {
        return new Durations(0, null, null, null);
      }
      List<Double> sorted = seconds.stream().sorted().toList();
      double sum = sorted.stream().mapToDouble(Double::doubleValue).sum();
      return new Durations(sorted.size(), percentile(sorted, 0.5), percentile(sorted, 0.9), round(sum / sorted.size()));
    }

    private static double percentile(List<Double> sorted, double p) {
      double rank = p * (sorted.size() - 1);
      int low = (int) Math.floor(rank);
      int high = (int) Math.ceil(rank);
      return round(sorted.get(low) + (sorted.get(high) - sorted.get(low)) * (rank - low));
    }
  }

  /** Customer satisfaction (1 to 5): all ratings, those of conversations the bot handled alone, and those after a handoff. */
  public record Csat(int ratings, Double average, int botOnlyRatings, Double botOnly, int afterHandoffRatings, Double afterHandoff) {}

  /**
   * Handoff Friction Score = (wait minutes + repeated-information instances) / resolved handoffs,
   * over the conversations resolved after a handoff; and the share of handoffs whose summary
   * carried no key fact.
   */
  public record Friction(
      int resolvedHandoffs,
      double waitMinutes,
      int repeatedInformation,
      Double score,
      int handoffsMissingContext,
      Double missingContextShare) {}

  public static Numbers of(List<ConversationFacts> all) {
    int n = all.size();
    int contained = count(all, ConversationFacts::contained);
    int confirmed = count(all, c -> c.containment() == Containment.CONFIRMED);
    int assumed = count(all, c -> c.containment() == Containment.ASSUMED);
    int repeats = count(all, ConversationFacts::repeatContact);
    int botTurns = all.stream().mapToInt(ConversationFacts::botTurns).sum();
    int outOfScope = all.stream().mapToInt(ConversationFacts::outOfScopeTurns).sum();
    int escalated = count(all, ConversationFacts::escalated);
    Map<String, Integer> reasons = new TreeMap<>();
    all.forEach(c -> c.escalationReasons().forEach(r -> reasons.merge(r, 1, Integer::sum)));
    int abandonedInQueue = count(all, c -> "IN_QUEUE".equals(c.abandonedPhase()));

    List<Double> firstResponse = new ArrayList<>();
    List<Double> botResolution = new ArrayList<>();
    List<Double> takeover = new ArrayList<>();
    List<Double> resolution = new ArrayList<>();
    List<Integer> ratings = new ArrayList<>();
    List<Integer> botRatings = new ArrayList<>();
    List<Integer> handoffRatings = new ArrayList<>();
    double waitMinutes = 0;
    int repeated = 0;
    for (ConversationFacts c : all) {
      if (c.firstCustomerAt() != null && c.firstReplyAt() != null) {
        firstResponse.add(seconds(c.firstCustomerAt(), c.firstReplyAt()));
      }
      if (c.resolvedAt() != null) {
        resolution.add(seconds(c.startedAt(), c.resolvedAt()));
        if ("BOT".equals(c.resolvedPhase())) {
          botResolution.add(seconds(c.startedAt(), c.resolvedAt()));
        }
      }
      c.takeoverWaitsMs().forEach(ms -> takeover.add(ms / 1000.0));
      if (c.csat() != null) {
        ratings.add(c.csat());
        (c.escalated() ? handoffRatings : botRatings).add(c.csat());
      }
      if (c.resolvedAfterHandoff()) {
        waitMinutes += c.takeoverWaitsMs().stream().mapToLong(Long::longValue).sum() / 60000.0;
        repeated += c.repeatedInformation();
      }
    }
    int resolvedHandoffs = count(all, ConversationFacts::resolvedAfterHandoff);
    int missing = count(all, c -> c.escalated() && c.missingContext());
    Friction friction =
        new Friction(
            resolvedHandoffs, round(waitMinutes), repeated,
            resolvedHandoffs == 0 ? null : round((waitMinutes + repeated) / resolvedHandoffs),
            missing, rate(missing, escalated));
    return new Numbers(
        n,
        contained,
        rate(contained, n),
        confirmed,
        rate(confirmed, n),
        assumed,
        rate(assumed, n),
        count(all, c -> c.containment() == Containment.PENDING),
        repeats,
        rate(repeats, n),
        botTurns,
        outOfScope,
        rate(outOfScope, botTurns),
        escalated,
        rate(escalated, n),
        reasons,
        count(all, c -> "BOT_PHASE".equals(c.abandonedPhase())),
        abandonedInQueue,
        rate(abandonedInQueue, escalated),
        count(all, c -> c.takeovers() > 0),
        all.stream().mapToInt(ConversationFacts::transfers).sum(),
        count(all, c -> c.resolvedAt() != null),
        count(all, c -> "BOT".equals(c.resolvedPhase())),
        resolvedHandoffs,
        all.stream().mapToInt(ConversationFacts::callbacksCreated).sum(),
        all.stream().mapToInt(ConversationFacts::callbacksKept).sum(),
        all.stream().mapToInt(ConversationFacts::callbacksMissed).sum(),
        Durations.of(firstResponse),
        Durations.of(botResolution),
        Durations.of(takeover),
        Durations.of(resolution),
        new Csat(
            ratings.size(), average(ratings), botRatings.size(), average(botRatings),
            handoffRatings.size(), average(handoffRatings)),
        friction);
  }

  private static int count(List<ConversationFacts> all, Predicate<ConversationFacts> test) {
    return (int) all.stream().filter(test).count();
  }

  static Double rate(int part, int whole) {
    return whole == 0 ? null : round((double) part / whole);
  }

  private static Double average(List<Integer> values) {
    return values.isEmpty() ? null : round(values.stream().mapToInt(Integer::intValue).average().orElseThrow());
  }

  private static double seconds(Instant from, Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  /** Four decimals: enough for any rate or duration here, and a figure a test can compare exactly. */
  static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
