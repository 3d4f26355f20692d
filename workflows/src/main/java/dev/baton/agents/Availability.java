package dev.baton.agents;

import java.time.Duration;

/**
 * Whether a person can take a conversation now, and how long it will wait.
 *
 * @param agentsFree agents online for the queue with room for one more conversation
 * @param position the conversation's place in the queue, 1 for next
 * @param estimatedWait from recent pickups in the queue
 */
public record Availability(int agentsFree, int position, Duration estimatedWait) {
  /** The estimate before a queue has any pickups to learn from. */
  public static final Duration FIRST_ESTIMATE = Duration.ofMinutes(2);

  /**
   * Where a conversation stands and how long it will wait: free agents take the queue in rounds
   * of one pickup each.
   *
   * @param ahead conversations waiting ahead of it
   * @param averagePickupSeconds the queue's recent average pickup time; {@code null} before any
   */
  public static Availability of(int agentsFree, int ahead, Double averagePickupSeconds) {
    int position = ahead + 1;
    Duration pickup =
        averagePickupSeconds == null ? FIRST_ESTIMATE : Duration.ofSeconds(Math.round(averagePickupSeconds));
    int rounders = Math.max(agentsFree, 1);
    return new Availability(agentsFree, position, pickup.multipliedBy((position + rounders - 1) / rounders));
  }
}
