package dev.baton.agents;

import dev.baton.hours.HoursActivities;
import dev.baton.reads.QuickReads;
import dev.baton.store.agents.AgentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Agent availability from PostgreSQL: who is online for a queue with room, where a conversation
 * stands in the queue, and how long pickups took lately.
 *
 * <p>While PostgreSQL does not answer (see {@link QuickReads}), a queue's availability is what was
 * last read for it, if that is at most {@link #TRUSTED_FOR} old: agents who were free a moment ago
 * are still there when the store comes back, and the waiting timers cover the rest. Older than
 * that, or never read, nobody counts as free, so the customer is offered a callback rather than
 * promised a person no one knows is there.
 */
@Component
public class AgentActivitiesImpl implements AgentActivities {
  /** How old the last availability read may be and still promise a person. */
  static final Duration TRUSTED_FOR = Duration.ofMinutes(2);

  private final AgentStore agents;
  private final HoursActivities hours;
  private final QuickReads reads;
  private final Clock clock;
  private final Map<String, Known> lastKnown = new ConcurrentHashMap<>();

  /** What was last read for a queue: who was free, where that conversation stood, and the pickup average. */
  private record Known(Availability availability, Double averagePickupSeconds, Instant at) {}

  @Autowired
  public AgentActivitiesImpl(AgentStore agents, HoursActivities hours) {
    this(agents, hours, QuickReads.SHARED, Clock.systemUTC());
  }

  AgentActivitiesImpl(AgentStore agents, HoursActivities hours, QuickReads reads, Clock clock) {
    this.agents = agents;
    this.hours = hours;
    this.reads = reads;
    this.clock = clock;
  }

  @Override
  public QueueSituation situation(String queue, int priority, String conversationId) {
    return new QueueSituation(hours.schedule(queue), availability(queue, priority, conversationId));
  }

  /** The pickup average behind a reading's estimate (its wait over its rounds of pickups). */
  private static Double averagePickup(Availability read) {
    int rounders = Math.max(read.agentsFree(), 1);
    int rounds = (read.position() + rounders - 1) / rounders;
    return rounds == 0 ? null : (double) read.estimatedWait().toSeconds() / rounds;
  }

  @Override
  public Availability availability(String queue, int priority, String conversationId) {
    return reads.read(
        "Who is free on " + queue,
        () -> {
          Availability read = agents.availability(queue, priority, conversationId);
          lastKnown.put(queue, new Known(read, averagePickup(read), clock.instant()));
          return read;
        },
        () -> {
          Known known = lastKnown.get(queue);
          if (known == null || known.at().plus(TRUSTED_FOR).isBefore(clock.instant())) {
            return Availability.of(0, 0, null);
          }
          // The last reading was another conversation's: this one is behind it, an estimate.
          return Availability.of(known.availability().agentsFree(), known.availability().position(), known.averagePickupSeconds());
        });
  }
}
