package dev.baton.conversation;

import dev.baton.agents.AgentActivities;
import dev.baton.agents.Availability;
import java.time.Duration;

/** Agent availability the test sets: one agent free by default. */
class FakeAgents implements AgentActivities {
  /** While set, every look-up fails at once (a database that is down, not retried). */
  volatile boolean down;
  volatile int agentsFree = 1;
  volatile int position = 1;
  volatile Duration estimatedWait = Duration.ofMinutes(2);

  @Override
  public Availability availability(String queue, int priority, String conversationId) {
    if (down) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("PostgreSQL is down", "Down");
    }
    return new Availability(agentsFree, position, estimatedWait);
  }
}
