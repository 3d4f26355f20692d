package dev.baton.conversation;

import dev.baton.agents.AgentActivities;
import dev.baton.agents.Availability;
import dev.baton.agents.QueueSituation;
import java.time.Duration;

/** Agent availability the test sets: one agent free by default; hours from the test's hours. */
class FakeAgents implements AgentActivities {
  private final FakeHours hours;
  /** While set, every look-up fails at once (a database that is down, not retried). */
  volatile boolean down;
  volatile int agentsFree = 1;
  volatile int position = 1;
  volatile Duration estimatedWait = Duration.ofMinutes(2);

  FakeAgents(FakeHours hours) {
    this.hours = hours;
  }

  @Override
  public Availability availability(String queue, int priority, String conversationId) {
    if (down) {
      throw io.temporal.failure.ApplicationFailure.newNonRetryableFailure("PostgreSQL is down", "Down");
    }
    return new Availability(agentsFree, position, estimatedWait);
  }

  @Override
  public QueueSituation situation(String queue, int priority, String conversationId) {
    return new QueueSituation(hours.schedule(queue), availability(queue, priority, conversationId));
  }
}
