package dev.baton.conversation;

import dev.baton.agents.AgentRequests;
import dev.baton.conversation.Turns.Turn;
import dev.baton.text.CleanText;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The conversation workflow: a small state machine. The state is one {@link ConversationState};
 * each status has a {@link Phase} with its own handlers and deadline; every handler runs through
 * {@link Turns}, which holds the turn lock, writes the transcript and the operators' view, and
 * undoes a transition that failed half way. The run method only watches the current phase's
 * deadline and hands the conversation to a fresh run when the history grows long.
 *
 * <p>Where to put things: a new piece of state is a field of {@link ConversationState}; a new
 * update is a method here whose body is one {@link Turns#handle} call into a phase; a new status
 * gets a phase; customer sentences live in rules.yaml ({@code copy.sentences}) and hours.yaml.
 */
public class ConversationWorkflowImpl implements ConversationWorkflow {
  static final String OPEN_KEY = "open";
  /** The longest note, reason or comment an update accepts (the api's own limits are lower). */
  static final int MAX_NOTE_LENGTH = 2000;
  /** The longest id or queue name an update accepts. */
  static final int MAX_ID_LENGTH = 128;
  /** How long a deadline whose transition failed waits before it is tried again. */
  static final Duration DEADLINE_RETRY = Duration.ofSeconds(30);
  private static final Logger log = Workflow.getLogger(ConversationWorkflowImpl.class);
  static final String BOT_TROUBLE_REPLY = dev.baton.escalation.EscalationRules.Sentences.BUILT_IN.botTrouble();

  private final ConversationStart start;
  private final Conversation conversation;
  private final OperatorView operators;
  private final TicketSync tickets;
  private final Turns turns;
  private final BotPhase bot;
  private final WaitingPhase waiting;
  private final AgentPhase agent;
  private final CallbackPhase callback;
  private final DeadlineWatch deadlines;

  @WorkflowInit
  public ConversationWorkflowImpl(ConversationStart start) {
    this.start = start;
    conversation = new Conversation(start);
    operators = new OperatorView(conversation, () -> phase().deadline());
    tickets = new TicketSync(conversation);
    turns = new Turns(conversation, operators, tickets);
    EscalationStep escalation = new EscalationStep(conversation, tickets);
    bot = new BotPhase(conversation, escalation);
    waiting = new WaitingPhase(conversation, escalation, tickets);
    agent = new AgentPhase(conversation, tickets);
    callback = new CallbackPhase(conversation, tickets);
    deadlines = new DeadlineWatch(conversation, turns, this::phase);
  }

  @Override
  public void run(ConversationStart ignored) {
    turns.start();
    ConversationState state = conversation.state;
    if (state.lastCustomerActivity == null) {
      state.lastCustomerActivity = conversation.now();
    }
    if (!start.continued()) {
      turns.record(List.of(), null);
    }
    operators.describe();
    if (conversation.era.handlesTurnsWhole()) {
      operators.flush();
      Async.procedure(tickets::run);
    }
    boolean quickTranscript = conversation.era.writesTranscriptQuickly();
    if (quickTranscript) {
      Async.procedure(turns::catchUp);
    }
    while (conversation.state.status.isOpen()) {
      boolean stirred = deadlines.await();
      if (!conversation.state.status.isOpen()) {
        break;
      }
      if (conversation.shouldContinueAsNew()) {
        // A callback ticket still being filed lands in this run: the next one would not hear of it.
        Workflow.await(() -> Workflow.isEveryHandlerFinished() && !tickets.filing());
        Workflow.continueAsNew(start.next(conversation.state));
        return;
      }
      if (!stirred) {
        try {
          deadlines.fire();
        } catch (ApplicationFailure failure) {
          // The deadline's transition failed and was undone; it is tried again a little later.
          log.warn("Deadline of {} failed, retrying in {}: {}", conversation.id, DEADLINE_RETRY, failure.getOriginalMessage());
          Workflow.newTimer(DEADLINE_RETRY, TimerOptions.newBuilder().setSummary("retry after a failed step").build()).get();
        }
      }
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
    Workflow.await(tickets::idle);
    if (quickTranscript) {
      // A finished conversation's last lines are written before it ends: nothing waits on them now.
      Workflow.await(() -> conversation.state.unrecorded.isEmpty());
    }
  }

  private Phase phase() {
    return switch (conversation.state.status) {
      case BOT_ACTIVE -> bot;
      case AWAITING_AGENT -> waiting;
      case AGENT_ACTIVE -> agent;
      case CALLBACK_SCHEDULED -> callback;
      case RESOLVED, ABANDONED, CLOSED -> () -> null;
    };
  }

  @Override
  public TurnResult open() {
    return turns.handle(
        turn -> {
          ConversationState state = conversation.state;
          TurnResult previous = state.recentTurns.get(OPEN_KEY);
          if (previous != null || state.greeted) {
            return previous != null ? previous : new TurnResult(state.status, List.of());
          }
          state.greeted = true;
          turn.quiet();
          TurnResult greeted = new TurnResult(state.status, List.of(turn.say(bot.greeting())));
          state.remember(OPEN_KEY, greeted);
          return greeted;
        });
  }

  @Override
  public void validateMessage(CustomerMessage message) {
    checkAccepting();
    if (message == null || message.text() == null || message.text().isBlank()) {
      throw ConversationFailures.invalidMessage("text", "must not be empty");
    }
    checkLength(message.text());
    checkText("text", message.text(), conversation.settings.maxMessageLength());
    ConversationState state = conversation.state;
    boolean retry = state.recentTurns.containsKey(message.clientMessageId());
    if (!state.status.isOpen() && !retry) {
      throw ConversationFailures.closed(state.status);
    }
    // A validator decides before history: the cap costs no database read and nothing to replay.
    int cap = conversation.settings.maxCustomerMessages();
    if (cap > 0 && state.turns >= cap && !retry) {
      throw ConversationFailures.messageLimit(cap);
    }
  }

  @Override
  public TurnResult sendMessage(CustomerMessage message) {
    return once(
        message.clientMessageId(),
        turn -> {
          ConversationState state = conversation.state;
          if (!state.status.isOpen()) {
            throw ConversationFailures.closed(state.status);
          }
          conversation.customerActivity++;
          conversation.turnsThisRun++;
          state.turns++;
          state.lastCustomerActivity = conversation.now();
          Message said = turn.say(conversation.line(Author.CUSTOMER, null, message.text()));
          if (state.status == ConversationStatus.BOT_ACTIVE) {
            bot.answer(said, turn);
          } else if (conversation.era.keepsHours() && state.status == ConversationStatus.CALLBACK_SCHEDULED) {
            callback.customerWrote(said, turn);
          }
          List<Message> replies = turn.said().subList(1, turn.said().size());
          return new TurnResult(conversation.state.status, List.copyOf(replies));
        });
  }

  @Override
  public void validateHandoff(HandoffRequest request) {
    checkAccepting();
    checkOpen();
    checkText("note", request == null ? null : request.note(), MAX_NOTE_LENGTH);
  }

  @Override
  public ConversationView requestHandoff(HandoffRequest request) {
    return changed(
        turn -> {
          if (conversation.state.status == ConversationStatus.BOT_ACTIVE && conversation.policy != null) {
            bot.handoffRequested(request, turn);
          }
        });
  }

  @Override
  public void validateTakeover(AgentRequests.Takeover request) {
    checkAccepting();
    waiting.checkTakeover(request);
  }

  @Override
  public ConversationView takeover(AgentRequests.Takeover request) {
    return changed(turn -> waiting.takeover(request, turn));
  }

  @Override
  public void validateAgentMessage(AgentRequests.AgentMessage message) {
    checkAccepting();
    agent.checkHolder(message == null ? null : message.agentId());
    if (message.text() == null || message.text().isBlank()) {
      throw ConversationFailures.invalidMessage("text", "must not be empty");
    }
    checkLength(message.text());
    checkText("text", message.text(), conversation.settings.maxMessageLength());
    checkText("clientMessageId", message.clientMessageId(), MAX_ID_LENGTH);
  }

  @Override
  public TurnResult agentMessage(AgentRequests.AgentMessage message) {
    // Keyed by agent too: after a transfer, the next agent may reuse an id the first one used.
    String key =
        message.clientMessageId() == null ? null : "agent:" + message.agentId() + ":" + message.clientMessageId();
    return once(key, turn -> new TurnResult(conversation.state.status, List.of(agent.message(message, turn))));
  }

  @Override
  public void validateTransfer(AgentRequests.Transfer request) {
    checkAccepting();
    agent.checkHolder(request == null ? null : request.agentId());
    if (request.queue() == null || request.queue().isBlank()) {
      throw ConversationFailures.invalidMessage("queue", "must not be empty");
    }
    checkText("queue", request.queue(), MAX_ID_LENGTH);
    checkText("note", request.note(), MAX_NOTE_LENGTH);
  }

  @Override
  public ConversationView transfer(AgentRequests.Transfer request) {
    return changed(turn -> agent.transfer(request, turn));
  }

  @Override
  public void validateRelease(AgentRequests.AgentNote request) {
    checkAccepting();
    agent.checkHolder(request == null ? null : request.agentId());
    checkText("note", request == null ? null : request.note(), MAX_NOTE_LENGTH);
  }

  @Override
  public ConversationView release(AgentRequests.AgentNote request) {
    return changed(turn -> agent.release(request, turn));
  }

  @Override
  public void validateResolve(AgentRequests.AgentNote request) {
    checkAccepting();
    agent.checkHolder(request == null ? null : request.agentId());
    checkText("note", request == null ? null : request.note(), MAX_NOTE_LENGTH);
  }

  @Override
  public ConversationView resolve(AgentRequests.AgentNote request) {
    return changed(turn -> agent.resolve(request, turn));
  }

  @Override
  public void validateRequeue(AgentRequests.Requeue request) {
    agent.checkRequeue(request);
  }

  @Override
  public ConversationView requeue(AgentRequests.Requeue request) {
    return changed(turn -> agent.requeue(request, turn));
  }

  @Override
  public void validateAddNote(AgentRequests.AgentNote note) {
    checkAccepting();
    checkOpen();
    if (note == null || note.note() == null || note.note().isBlank()) {
      throw ConversationFailures.invalidMessage("note", "must not be empty");
    }
    checkText("note", note.note(), MAX_NOTE_LENGTH);
    if (conversation.state.summary == null) {
      throw ConversationFailures.invalidMessage(
          "note", "goes on the handoff summary, and this conversation has none: the bot has held it from the start");
    }
  }

  @Override
  public ConversationView addNote(AgentRequests.AgentNote note) {
    return changed(
        turn -> {
          String by = note.agentId() == null ? "" : note.agentId() + ": ";
          conversation.state.noteForStaff(by + note.note().strip());
          turn.touch();
          turn.quiet();
        });
  }

  @Override
  public void validateClose(CloseRequest request) {
    checkAccepting();
    checkOpen();
    checkText("reason", request == null ? null : request.reason(), MAX_NOTE_LENGTH);
  }

  @Override
  public ConversationView close(CloseRequest request) {
    return changed(
        turn -> {
          if (conversation.state.status.isOpen()) {
            String reason =
                request == null || request.reason() == null || request.reason().isBlank()
                    ? "Closed by the customer"
                    : request.reason();
            turn.moveTo(ConversationStatus.CLOSED, reason);
            turn.say(conversation.line(Author.SYSTEM, null, conversation.sentences().closed()));
          }
        });
  }

  @Override
  public ConversationView state() {
    return conversation.view();
  }

  @Override
  public List<Message> unwritten() {
    return List.copyOf(conversation.state.unrecorded);
  }

  /**
   * Runs a handler whose answer is remembered under {@code key}: a retry (checked under the lock,
   * since it may have queued behind the original) gets the same answer, and nothing runs twice.
   */
  private TurnResult once(String key, Function<Turn, TurnResult> step) {
    return turns.handle(
        turn -> {
          TurnResult previous = key == null ? null : conversation.state.recentTurns.get(key);
          if (previous != null) {
            return previous;
          }
          TurnResult result = step.apply(turn);
          if (key != null) {
            conversation.state.remember(key, result);
          }
          return result;
        });
  }

  /** Runs a handler that answers with the conversation as it leaves it. */
  private ConversationView changed(Consumer<Turn> change) {
    return turns.handle(
        turn -> {
          change.accept(turn);
          return conversation.view();
        });
  }

  /**
   * Once the run should hand over, new calls wait for the next run (the client is told to repeat
   * the call) so that a flood of them cannot hold the hand-over off until Temporal's cap on
   * updates per run is reached. A refused update is not written to history.
   */
  private void checkAccepting() {
    if (conversation.handsOverOnUpdates() && conversation.shouldContinueAsNew()
        && conversation.state.status.isOpen()) {
      throw ConversationFailures.busy(conversation.state.status);
    }
  }

  private void checkOpen() {
    if (!conversation.state.status.isOpen()) {
      throw ConversationFailures.closed(conversation.state.status);
    }
  }

  /**
   * Refuses text no store accepts (see {@link CleanText}) and text over {@code max} characters:
   * the api checks the same at its door, this is for every other client of the workflow.
   */
  private static void checkText(String field, String text, int max) {
    if (text == null) {
      return;
    }
    if (text.length() > max) {
      throw ConversationFailures.invalidMessage(field, "must be at most " + max + " characters");
    }
    String problem = CleanText.problem(text);
    if (problem != null) {
      throw ConversationFailures.invalidMessage(field, problem);
    }
  }

  private void checkLength(String text) {
    if (text.length() > conversation.settings.maxMessageLength()) {
      throw ConversationFailures.invalidMessage(
          "text", "must be at most " + conversation.settings.maxMessageLength() + " characters");
    }
  }
}
