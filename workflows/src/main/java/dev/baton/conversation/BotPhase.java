package dev.baton.conversation;

import dev.baton.bot.BotRequest;
import dev.baton.bot.BotTurn;
import dev.baton.conversation.Turns.Turn;
import dev.baton.escalation.EscalationReason;
import dev.baton.escalation.EscalationRules.Sentences;
import dev.baton.escalation.TurnSignals;
import dev.baton.escalation.Verdict;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The bot holds the conversation: it answers each customer message, asks when unsure, and steps
 * aside on the escalation rules. Its deadlines: the customer going quiet (the conversation is
 * abandoned) and no progress for too long (a person is brought in).
 */
final class BotPhase implements Phase {
  private static final Logger log = Workflow.getLogger(BotPhase.class);
  private static final String SOLVED = "The customer said the problem is solved";

  private final Conversation conversation;
  private final EscalationStep escalation;

  BotPhase(Conversation conversation, EscalationStep escalation) {
    this.conversation = conversation;
    this.escalation = escalation;
  }

  /** The bot's answer to a customer message, said through {@code turn}. */
  void answer(Message said, Turn turn) {
    BotTurn reply = ask(said.text());
    conversation.era.answer(
        () -> answerByTheRules(said.text(), said.at(), reply, turn), reply, conversation.state, lines(turn));
  }

  /** What the turn of a run without the escalation engine says, through {@code turn}. */
  private Era.BotLines lines(Turn turn) {
    return new Era.BotLines() {
      @Override
      public void bot(String text) {
        turn.say(conversation.line(Author.BOT, null, text));
      }

      @Override
      public void system(String text) {
        turn.say(conversation.line(Author.SYSTEM, null, text));
      }

      @Override
      public void solved() {
        turn.moveTo(ConversationStatus.RESOLVED, SOLVED);
      }
    };
  }

  /** A bot turn judged by the escalation policy; {@code reply} is {@code null} when the bot could not answer. */
  private void answerByTheRules(String text, Instant saidAt, BotTurn reply, Turn turn) {
    ConversationState state = conversation.state;
    if (reply != null && reply.botFailure() != null) {
      // The configured bot failed; the activity answered without it (docs/bot.md, "When the bot
      // fails"). Only turns of pluggable bots carry a failure, so recorded histories replay as before.
      turn.say(conversation.line(Author.SYSTEM, null, EscalationReason.WORKFLOW_EXCEPTION + ": " + reply.botFailure()));
      if (BotTurn.UNAVAILABLE.equals(reply.intent())) {
        reply = null;
      }
    }
    state.botFailuresInRow = reply == null ? state.botFailuresInRow + 1 : 0;
    if (reply != null) {
      state.intent = reply.intent();
      state.confidence = reply.confidence();
      state.sentiment = reply.sentiment();
      if (conversation.era.routesByDetectedLanguage() && reply.language() != null) {
        state.detectedLanguage = reply.language();
      }
      boolean aboutTheProblem = !"greeting".equals(reply.intent()) && !reply.resolvesConversation();
      state.dossier = state.dossier.withMessage(text, aboutTheProblem, reply.facts(), reply.sentiment());
      if (reply.resolvesConversation() && reply.reply() != null) {
        turn.moveTo(ConversationStatus.RESOLVED, SOLVED);
        turn.say(conversation.line(Author.BOT, null, reply.reply()));
        return;
      }
    }
    Verdict verdict =
        conversation.policy.afterTurn(
            new TurnSignals(
                text, reply, conversation.customer.tier(), state.clarificationsAsked, state.turnsWithoutProgress,
                state.botFailuresInRow));
    if (verdict instanceof Verdict.Escalate escalate) {
      escalation.escalate(escalate, turn);
      return;
    }
    if (verdict instanceof Verdict.Reply answer && answer.progress()) {
      state.clarificationsAsked = 0;
      state.turnsWithoutProgress = 0;
      state.unresolvedSince = null;
      state.dossier = state.dossier.withAttempt("Answered: " + reply.reply());
      turn.say(conversation.line(Author.BOT, null, reply.reply()));
      return;
    }
    state.turnsWithoutProgress++;
    if (state.unresolvedSince == null) {
      state.unresolvedSince = saidAt.toEpochMilli();
    }
    if (verdict instanceof Verdict.Clarify clarify) {
      state.clarificationsAsked++;
      state.dossier = state.dossier.withAttempt("Asked: " + clarify.question());
      turn.say(conversation.line(Author.BOT, null, clarify.question()));
    } else if (verdict instanceof Verdict.Reply) {
      state.dossier = state.dossier.withAttempt("Asked: " + reply.reply());
      turn.say(conversation.line(Author.BOT, null, reply.reply()));
    } else {
      turn.say(conversation.line(Author.SYSTEM, null, conversation.sentences().botTrouble()));
    }
  }

  /** The front end's "talk to a person": escalates at once. */
  void handoffRequested(HandoffRequest request, Turn turn) {
    Verdict.Escalate decision = conversation.policy.handoffRequested();
    if (request != null && request.note() != null && !request.note().isBlank()) {
      decision = new Verdict.Escalate(decision.reason(), decision.detail() + " Their note: " + request.note().strip());
    }
    escalation.escalate(decision, turn);
  }

  /** The bot greets a customer who opened the chat without writing. */
  Message greeting() {
    String name = conversation.customer.name();
    Sentences sentences = conversation.sentences();
    return name == null || name.isBlank()
        ? conversation.line(Author.BOT, null, sentences.greetingWithoutName())
        : conversation.line(Author.BOT, sentences.greeting(), Map.of("name", name));
  }

  @Override
  public Deadline deadline() {
    ConversationState state = conversation.state;
    Instant lastHeard = state.lastCustomerActivity != null ? state.lastCustomerActivity : conversation.now();
    Instant idleAt = lastHeard.plus(conversation.settings.idleTimeout());
    Deadline idle =
        new Deadline(
            ConversationStatus.BOT_ACTIVE, "idle", idleAt,
            "customer idle " + words(conversation.settings.idleTimeout()) + ": abandon", this::onIdle);
    if (conversation.policy == null || state.unresolvedSince == null) {
      return idle;
    }
    Duration allowed = conversation.policy.noProgressAfter(state.intent, conversation.customer.tier());
    Instant stuckAt = Instant.ofEpochMilli(state.unresolvedSince).plus(allowed);
    return stuckAt.isBefore(idleAt)
        ? new Deadline(
            ConversationStatus.BOT_ACTIVE, "no-progress", stuckAt,
            "no progress " + words(allowed) + ": bring in a person", this::onNoProgress)
        : idle;
  }

  private void onIdle(Turn turn) {
    Duration idle = conversation.settings.idleTimeout();
    long minutes = idle.toMinutes();
    String waited = minutes > 0 ? minutes + " minutes" : idle.toSeconds() + " seconds";
    turn.moveTo(ConversationStatus.ABANDONED, "No message from the customer for " + waited);
    turn.say(conversation.line(Author.SYSTEM, conversation.sentences().idleClosed(), Map.of("waited", waited)));
  }

  private void onNoProgress(Turn turn) {
    ConversationState state = conversation.state;
    if (state.status != ConversationStatus.BOT_ACTIVE || state.unresolvedSince == null) {
      return;
    }
    Duration waited = Duration.ofMillis(Workflow.currentTimeMillis() - state.unresolvedSince);
    escalation.escalate(conversation.policy.noProgress(waited), turn);
  }

  /** The bot's turn, or {@code null} when the bot could not answer after its retries. */
  private BotTurn ask(String text) {
    ConversationState state = conversation.state;
    try {
      return conversation.activities.bot.respond(
          new BotRequest(
              conversation.id, text, conversation.customer.language(), state.intent, state.turns, state.agentNote,
              conversation.customer));
    } catch (ActivityFailure e) {
      log.warn("Bot failed on turn {} of {}: {}", state.turns, conversation.id, e.getCause().getMessage());
      return null;
    }
  }

  private static String words(Duration duration) {
    return dev.baton.escalation.Durations.words(duration);
  }
}
