package dev.baton.conversation.legacy;

import dev.baton.bot.BotTurn;
import dev.baton.conversation.ConversationState;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.Era;
import dev.baton.conversation.Message;
import dev.baton.escalation.EscalationRules.Sentences;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A run started before some change: where it lacks one, it does what runs did before it, so its
 * history replays exactly as it ran; where it has it, today's way. Each old branch says which
 * change it is kept for.
 */
final class OldEra implements Era {
  private static final Logger log = Workflow.getLogger(OldEra.class);

  private final Versions versions;
  private final String conversationId;

  OldEra(Versions versions, String conversationId) {
    this.versions = versions;
    this.conversationId = conversationId;
  }

  @Override
  public boolean escalates() {
    return versions.escalation();
  }

  /** Before "escalation": the bot's answer stands, and the conversation ends when it says solved. */
  @Override
  public void answer(Runnable today, BotTurn reply, ConversationState state, BotLines lines) {
    if (versions.escalation()) {
      today.run();
      return;
    }
    // Runs without the escalation engine read no rules: their sentences are the built-in ones.
    String trouble = Sentences.BUILT_IN.botTrouble();
    if (reply == null) {
      lines.system(trouble);
      return;
    }
    state.intent = reply.intent();
    state.confidence = reply.confidence();
    state.sentiment = reply.sentiment();
    lines.bot(reply.reply() != null ? reply.reply() : trouble);
    if (reply.resolvesConversation()) {
      lines.solved();
    }
  }

  @Override
  public boolean keepsHours() {
    return versions.afterHours();
  }

  @Override
  public boolean checksAgents() {
    return versions.agents();
  }

  @Override
  public boolean handlesTurnsWhole() {
    return versions.phases();
  }

  /** Before "phases" there was no such update: the conversation refuses it. */
  @Override
  public boolean requeues() {
    return versions.phases();
  }

  /** Before "phases": each change written where it happened, in an upsert of its own. */
  @Override
  public void setSearchAttributes(Runnable today, Map<SearchAttributeKey<String>, String> values) {
    if (versions.phases()) {
      today.run();
      return;
    }
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    values.forEach((key, value) -> updates.add(key.valueSet(value)));
    Workflow.upsertTypedSearchAttributes(updates.toArray(SearchAttributeUpdate<?>[]::new));
  }

  /** Before "phases": the helpdesk called inside the handler; a failure is noted, not fatal. */
  @Override
  public void ticketWork(Runnable today, Runnable callNow) {
    if (versions.phases()) {
      today.run();
      return;
    }
    try {
      callNow.run();
    } catch (ActivityFailure e) {
      log.error(
          "Helpdesk write for {} failed: {}",
          conversationId,
          e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
  }

  /**
   * Before "phases": a fresh idle timer on every customer message and status change, no timer
   * summaries; before "after-hours", an escalated conversation ticked on the idle timeout.
   */
  @Override
  public boolean awaitDeadline(BooleanSupplier today, Loop loop) {
    if (versions.phases()) {
      return today.getAsBoolean();
    }
    ConversationState state = loop.state();
    long seen = loop.customerActivity();
    Long deadlineSeen = state.unresolvedSince;
    ConversationStatus statusSeen = state.status;
    boolean afterHours = versions.afterHours();
    Due next = loop.next();
    Duration wait;
    if (statusSeen != ConversationStatus.BOT_ACTIVE && !afterHours) {
      loop.waitForNone();
      wait = loop.idleTimeout();
    } else if (next == null) {
      wait = null;
    } else if ("idle".equals(next.kind())) {
      wait = loop.idleTimeout();
    } else {
      wait = Duration.ofMillis(Math.max(next.at().toEpochMilli() - Workflow.currentTimeMillis(), 1));
    }
    Supplier<Boolean> stir =
        () ->
            loop.customerActivity() != seen
                || !Objects.equals(loop.state().unresolvedSince, deadlineSeen)
                || !loop.state().status.isOpen()
                || (afterHours && loop.state().status != statusSeen)
                || loop.shouldHandOver();
    if (wait == null) {
      Workflow.await(stir);
      return true;
    }
    return Workflow.await(wait, stir);
  }

  /** Before "phases": a due deadline ran at once, except the bot's while a handler ran. */
  @Override
  public void fireDeadline(Runnable today, Loop loop) {
    if (versions.phases()) {
      today.run();
      return;
    }
    if (loop.dueOwner() != ConversationStatus.BOT_ACTIVE || !loop.handlerRunning()) {
      loop.handleDue();
    }
  }

  @Override
  public boolean handsOverOnUpdates() {
    return versions.limits();
  }

  @Override
  public boolean capsUnwrittenLines() {
    return versions.limits();
  }

  /** Before "limits": merged comments grew without a cap. */
  @Override
  public String mergedComment(Supplier<String> today, String body, String next) {
    return versions.limits() ? today.get() : body + "\n\n" + next;
  }

  @Override
  public boolean routesByDetectedLanguage() {
    return versions.language();
  }

  @Override
  public boolean showsOperatorAttributes() {
    return versions.operatorAttributes();
  }

  @Override
  public boolean writesIntentWithStatusOnly() {
    return versions.leanTurns();
  }

  @Override
  public boolean readsQueueSituationAtOnce() {
    return versions.leanTurns();
  }

  @Override
  public boolean writesTranscriptQuickly() {
    return versions.quickTranscript();
  }

  /** Before "quick-transcript": the turn waited for the callback ticket however long it took. */
  @Override
  public boolean promisesBeforeTheTicket() {
    return versions.quickTranscript();
  }

  /** Before "quick-transcript": one write at a time, so a write left nothing unwritten. */
  @Override
  public List<Message> unwrittenAfterWrite(Supplier<List<Message>> today) {
    return versions.quickTranscript() ? today.get() : List.of();
  }

  /** Before "quick-transcript": what the failed write took is what waits. */
  @Override
  public List<Message> unwrittenAfterFailure(Supplier<List<Message>> today, List<Message> pending) {
    return versions.quickTranscript() ? today.get() : pending;
  }
}
