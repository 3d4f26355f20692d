package dev.baton.api.queue;

import dev.baton.escalation.HandoffSummary;
import dev.baton.hours.BusinessHours;
import dev.baton.hours.QueueHours;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import dev.baton.store.hours.HoursStore;
import dev.baton.store.queues.QueueStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The queues as agents see them, for the queue endpoints and the live queue stream alike: who is
 * waiting, who is there, whether the queue is open.
 */
@Component
class QueueOverview {
  private final QueueStore queues;
  private final ConversationStore conversations;
  private final AgentStore agents;
  private final HoursStore hours;

  QueueOverview(QueueStore queues, ConversationStore conversations, AgentStore agents, HoursStore hours) {
    this.queues = queues;
    this.conversations = conversations;
    this.agents = agents;
    this.hours = hours;
  }

  /**
   * @param agentsFree online agents with room for one more conversation
   * @param nextOpening when a closed queue opens next; {@code null} when open or never
   */
  record QueueState(String queue, int waiting, int agentsOnline, int agentsFree, boolean openNow, Instant nextOpening) {}

  record Queues(List<QueueState> queues) {}

  /** A conversation in the waiting list, with what the agent needs to choose it. */
  record Waiting(
      String conversationId, int priority, String reason, String issue, String customerTier,
      Instant waitingSince, long waitSeconds, HandoffSummary summary) {}

  record WaitingList(String queue, List<Waiting> waiting) {}

  Queues queues() {
    Instant now = Instant.now();
    return new Queues(queues.names().stream().map(q -> state(q, now)).toList());
  }

  WaitingList waiting(String queue) {
    Instant now = Instant.now();
    List<Waiting> waiting =
        conversations.waitingIn(queue).stream()
            .map(
                w ->
                    new Waiting(
                        w.conversationId(),
                        w.priority(),
                        w.reason(),
                        w.summary() == null ? null : w.summary().primaryIssue(),
                        w.customerTier(),
                        w.escalatedAt(),
                        Duration.between(w.escalatedAt(), now).toSeconds(),
                        w.summary()))
            .toList();
    return new WaitingList(queue, waiting);
  }

  private QueueState state(String queue, Instant now) {
    QueueHours open = hours.hours(queue).orElse(null);
    boolean openNow = open == null || new BusinessHours(open).isOpen(now);
    Instant next = openNow ? null : new BusinessHours(open).nextOpening(now).orElse(null);
    return new QueueState(
        queue, conversations.waitingCount(queue), agents.online(queue), agents.free(queue), openNow, next);
  }
}
