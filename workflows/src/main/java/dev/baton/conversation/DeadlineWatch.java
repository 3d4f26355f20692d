package dev.baton.conversation;

import dev.baton.conversation.Phase.Deadline;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How the run loop waits: for the current phase's deadline, or for something that makes it stale
 * (the status changed, the deadline moved earlier, the run should hand over); and, when the
 * deadline comes, hands it to its phase as a handler.
 */
final class DeadlineWatch {
  private final Conversation conversation;
  private final Turns turns;
  private final Supplier<Phase> phase;

  DeadlineWatch(Conversation conversation, Turns turns, Supplier<Phase> phase) {
    this.conversation = conversation;
    this.turns = turns;
    this.phase = phase;
  }

  /** Waits; returns whether something other than the deadline's timer woke the loop. */
  boolean await() {
    return conversation.era.awaitDeadline(this::awaitDeadline, loop);
  }

  /** The deadline the loop last waited for; handed to its phase when it comes. */
  private Deadline waitedFor;

  /**
   * Waits for the current phase's deadline with a timer named for operators, or until the status
   * changes, the deadline moves earlier, or the run should hand over. A later deadline does not
   * wake the loop: the timer, when it fires, finds it not due yet and waits on.
   *
   * @return whether something other than the timer woke the loop
   */
  private boolean awaitDeadline() {
    ConversationStatus statusSeen = conversation.state.status;
    Deadline next = phase.get().deadline();
    waitedFor = next;
    if (next == null) {
      Workflow.await(() -> conversation.state.status != statusSeen || conversation.shouldContinueAsNew() || phase.get().deadline() != null);
      return true;
    }
    Duration left = Duration.ofMillis(Math.max(next.at().toEpochMilli() - Workflow.currentTimeMillis(), 1));
    Promise<?>[] timer = new Promise<?>[1];
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> timer[0] = Workflow.newTimer(left, TimerOptions.newBuilder().setSummary(next.summary()).build()));
    scope.run();
    // Cancelling the timer fails its promise with a CanceledFailure, as it should: handled here, so
    // the SDK does not log it as an exception nobody looked at (a WARN on every swapped timer).
    timer[0].exceptionally(cancelled -> null);
    Workflow.await(
        () ->
            timer[0].isCompleted()
                || conversation.state.status != statusSeen
                || conversation.shouldContinueAsNew()
                || earlier(phase.get().deadline(), next));
    if (timer[0].isCompleted()) {
      return false;
    }
    scope.cancel();
    return true;
  }

  private static boolean earlier(Deadline now, Deadline waited) {
    return now != null && (waited == null || now.at().isBefore(waited.at()));
  }

  /** The timer fired: the phase gets its deadline if the conversation is still where it was. */
  void fire() {
    Deadline due = waitedFor;
    if (due == null || conversation.state.status != due.owner()) {
      return;
    }
    conversation.era.fireDeadline(
        () ->
            turns.handle(
                turn -> {
                  Deadline now = phase.get().deadline();
                  if (due.sameAs(now) && !now.at().isAfter(conversation.now())) {
                    now.onDue().accept(turn);
                  }
                  return null;
                }),
        loop);
  }

  /** The loop as the wait of old runs reads it ({@link Era#awaitDeadline}, {@link Era#fireDeadline}). */
  private final Era.Loop loop =
      new Era.Loop() {
        @Override
        public ConversationState state() {
          return conversation.state;
        }

        @Override
        public long customerActivity() {
          return conversation.customerActivity;
        }

        @Override
        public boolean shouldHandOver() {
          return conversation.shouldContinueAsNew();
        }

        @Override
        public Duration idleTimeout() {
          return conversation.settings.idleTimeout();
        }

        @Override
        public Era.Due next() {
          waitedFor = phase.get().deadline();
          return waitedFor == null ? null : new Era.Due(waitedFor.kind(), waitedFor.at());
        }

        @Override
        public void waitForNone() {
          waitedFor = null;
        }

        @Override
        public boolean handlerRunning() {
          return turns.busy();
        }

        @Override
        public ConversationStatus dueOwner() {
          return waitedFor.owner();
        }

        @Override
        public void handleDue() {
          Deadline due = waitedFor;
          turns.handle(turn -> { due.onDue().accept(turn); return null; });
        }
      };
}
