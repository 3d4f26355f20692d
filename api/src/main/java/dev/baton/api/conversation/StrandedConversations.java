package dev.baton.api.conversation;

import dev.baton.agents.AgentRequests;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.notify.Notifier;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Presence that tells the truth, and no conversation left with a holder who is gone. Every few
 * seconds: agents whose presence lapsed are written OFFLINE and the queue streams are told; and
 * each conversation held by an agent who is OFFLINE, or silent past the holder timeout, is put
 * back in the waiting list, first in line (the workflow's requeue update, which refuses if
 * someone else holds it by then). Every api instance sweeps; the update makes a double sweep
 * harmless.
 */
@Component
class StrandedConversations {
  private static final Logger log = LoggerFactory.getLogger(StrandedConversations.class);

  private final AgentStore agents;
  private final Notifier notifier;
  private final ConversationService conversations;
  private final Duration holderTimeout;

  StrandedConversations(
      AgentStore agents,
      Notifier notifier,
      ConversationService conversations,
      @Value("${baton.agents.holder-timeout:60s}") Duration holderTimeout) {
    this.agents = agents;
    this.notifier = notifier;
    this.conversations = conversations;
    this.holderTimeout = holderTimeout;
  }

  @Scheduled(fixedDelayString = "${baton.agents.sweep-interval:5s}", initialDelayString = "${baton.agents.sweep-interval:5s}")
  void sweep() {
    try {
      List<String> expired = agents.expire();
      if (!expired.isEmpty()) {
        log.info("Presence expired for {}", expired);
        notifier.queuesChanged(null);
      }
      for (AgentStore.Stranded stranded : agents.stranded(holderTimeout)) {
        requeue(stranded);
      }
    } catch (RuntimeException e) {
      // The next sweep tries again; a database or Temporal hiccup must not stop the schedule.
      log.warn("Presence sweep failed: {}", e.toString());
    }
  }

  private void requeue(AgentStore.Stranded stranded) {
    try {
      conversations.requeue(
          stranded.conversationId(), new AgentRequests.Requeue(stranded.agentId(), stranded.agentId() + " went offline"));
      log.info("Conversation {} went back to the waiting list: {} went offline", stranded.conversationId(), stranded.agentId());
    } catch (ConversationException e) {
      log.info("Conversation {} not requeued: {}", stranded.conversationId(), e.getMessage());
    }
  }
}
