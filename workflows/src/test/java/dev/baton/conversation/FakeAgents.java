package dev.baton.conversation;

import dev.baton.agents.AgentActivities;
import dev.baton.agents.Availability;
import java.time.Duration;

/** Agent availability the test sets: one agent free by default. */
class FakeAgents implements AgentActivities {
  volatile int agentsFree = 1;
  volatile int position = 1;
  volatile Duration estimatedWait = Duration.ofMinutes(2);

  @Override
  public Availability availability(String queue, int priority, String conversationId) {
    return new Availability(agentsFree, position, estimatedWait);
  }
}
