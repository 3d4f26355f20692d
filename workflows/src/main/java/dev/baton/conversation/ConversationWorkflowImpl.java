package dev.baton.conversation;

import dev.baton.bot.BotActivities;
import dev.baton.bot.BotRequest;
import dev.baton.bot.BotTurn;
import dev.baton.conversation.CarriedState.RememberedTurn;
import dev.baton.conversation.TranscriptEntry.StatusChange;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The conversation workflow. Customer messages arrive as updates and are handled one at a time
 * (a workflow lock keeps transcript order); the main method only watches the clock: the idle
 * timeout and the hand-over to a fresh run.
 *
 * <p>The bot and the transcript run as local activities: both are short and idempotent, and
 * keeping them in the workflow task is what lets a customer get the reply within one HTTP call.
 */
public class ConversationWorkflowImpl implements ConversationWorkflow {
  static final String BOT_TROUBLE_REPLY =
      "Sorry, I'm having trouble answering right now. Please try again in a moment,"
          + " or ask to talk to a person.";
  static final String OPEN_KEY = "open";
  /** Retried messages are answered from memory; this many recent answers are kept. */
  static final int REMEMBERED_TURNS = 32;

  private static final Logger log = Workflow.getLogger(ConversationWorkflowImpl.class);

  private final BotActivities bot =
      Workflow.newLocalActivityStub(
          BotActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setScheduleToCloseTimeout(Duration.ofSeconds(20))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofMillis(200))
                      .setMaximumAttempts(3)
                      .build())
              .build());

  private final TranscriptActivities transcript =
      Workflow.newLocalActivityStub(
          TranscriptActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(5))
              .setScheduleToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofMillis(200))
                      .setMaximumInterval(Duration.ofSeconds(5))
                      .build())
              .build());

  private final WorkflowLock turnLock = Workflow.newWorkflowLock();

  private final String conversationId;
  private final Customer customer;
  private final String channel;
  private final ConversationSettings settings;

  private ConversationStatus status;
  private long lastSeq;
  private int statusChanges;
  private int turns;
  private int turnsThisRun;
  private String intent;
  private double confidence;
  private double sentiment;
  private boolean greeted;
  /** Bumped on every customer message; the idle timer restarts when it changes. */
  private long customerActivity;
  private final Map<String, TurnResult> recentTurns = new LinkedHashMap<>();
  /** Messages whose transcript write failed; sent again with the next write. */
  private final List<Message> unrecorded = new ArrayList<>();

  @WorkflowInit
  public ConversationWorkflowImpl(ConversationStart start) {
    this.conversationId = start.conversationId();
    this.customer = start.customer();
    this.channel = start.channel();
    this.settings = start.settings() == null ? ConversationSettings.DEFAULTS : start.settings();
    CarriedState carried = start.carried();
    if (carried == null) {
      status = ConversationStatus.BOT_ACTIVE;
      return;
    }
    status = carried.status();
    lastSeq = carried.lastSeq();
    statusChanges = carried.statusChanges();
    turns = carried.turns();
    intent = carried.intent();
    confidence = carried.confidence();
    sentiment = carried.sentiment();
    greeted = carried.greeted();
    carried.recentTurns().forEach(t -> recentTurns.put(t.clientMessageId(), t.result()));
    unrecorded.addAll(carried.unrecorded());
  }

  @Override
  public void run(ConversationStart start) {
    if (start.carried() == null) {
      record(List.of(), null);
    }
    describeForOperators();
    while (status.isOpen()) {
      long seen = customerActivity;
      boolean stirred =
          Workflow.await(
              settings.idleTimeout(),
              () -> customerActivity != seen || !status.isOpen() || shouldContinueAsNew());
      if (!status.isOpen()) {
        break;
      }
      if (shouldContinueAsNew()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(
            new ConversationStart(conversationId, customer, channel, settings, carry()));
        return;
      }
      if (!stirred && status == ConversationStatus.BOT_ACTIVE && !turnLock.isHeld()) {
        onCustomerIdle();
      }
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
  }

  @Override
  public TurnResult open() {
    turnLock.lock();
    try {
      TurnResult previous = recentTurns.get(OPEN_KEY);
      if (previous != null || greeted) {
        return previous != null ? previous : new TurnResult(status, List.of());
      }
      greeted = true;
      Message greeting = newMessage(Author.BOT, null, greetingText());
      record(List.of(greeting), null);
      TurnResult result = new TurnResult(status, List.of(greeting));
      remember(OPEN_KEY, result);
      return result;
    } finally {
      turnLock.unlock();
    }
  }

  @Override
  public void validateMessage(CustomerMessage message) {
    if (message == null || message.text() == null || message.text().isBlank()) {
      throw ConversationFailures.invalidMessage("text", "must not be empty");
    }
    if (message.text().length() > settings.maxMessageLength()) {
      throw ConversationFailures.invalidMessage(
          "text", "must be at most " + settings.maxMessageLength() + " characters");
    }
    if (!status.isOpen() && !recentTurns.containsKey(message.clientMessageId())) {
      throw ConversationFailures.closed(status);
    }
  }

  @Override
  public TurnResult sendMessage(CustomerMessage message) {
    turnLock.lock();
    try {
      // Checked under the lock: a retry may have queued behind the original.
      TurnResult previous = message.clientMessageId() == null ? null : recentTurns.get(message.clientMessageId());
      if (previous != null) {
        return previous;
      }
      if (!status.isOpen()) {
        throw ConversationFailures.closed(status);
      }
      customerActivity++;
      turns++;
      turnsThisRun++;
      Message said = newMessage(Author.CUSTOMER, null, message.text());
      List<Message> replies = new ArrayList<>();
      StatusChange change = null;
      if (status == ConversationStatus.BOT_ACTIVE) {
        BotTurn turn = botTurn(message.text());
        if (turn == null) {
          replies.add(newMessage(Author.SYSTEM, null, BOT_TROUBLE_REPLY));
        } else {
          intent = turn.intent();
          confidence = turn.confidence();
          sentiment = turn.sentiment();
          replies.add(newMessage(Author.BOT, null, turn.reply()));
          if (turn.resolvesConversation()) {
            change = moveTo(ConversationStatus.RESOLVED, "The customer said the problem is solved");
          }
        }
      }
      List<Message> written = new ArrayList<>(List.of(said));
      written.addAll(replies);
      record(written, change);
      describeForOperators();
      TurnResult result = new TurnResult(status, List.copyOf(replies));
      if (message.clientMessageId() != null) {
        remember(message.clientMessageId(), result);
      }
      return result;
    } finally {
      turnLock.unlock();
    }
  }

  @Override
  public void validateClose(CloseRequest request) {
    if (!status.isOpen()) {
      throw ConversationFailures.closed(status);
    }
  }

  @Override
  public ConversationView close(CloseRequest request) {
    turnLock.lock();
    try {
      if (status.isOpen()) {
        String reason =
            request == null || request.reason() == null || request.reason().isBlank()
                ? "Closed by the customer"
                : request.reason();
        StatusChange change = moveTo(ConversationStatus.CLOSED, reason);
        record(List.of(newMessage(Author.SYSTEM, null, "This conversation was closed.")), change);
        describeForOperators();
      }
      return state();
    } finally {
      turnLock.unlock();
    }
  }

  @Override
  public ConversationView state() {
    return new ConversationView(
        conversationId, customer, channel, status, intent, confidence, sentiment, null, null,
        lastSeq, turns);
  }

  private void onCustomerIdle() {
    turnLock.lock();
    try {
      long minutes = settings.idleTimeout().toMinutes();
      String waited = minutes > 0 ? minutes + " minutes" : settings.idleTimeout().toSeconds() + " seconds";
      StatusChange change =
          moveTo(ConversationStatus.ABANDONED, "No message from the customer for " + waited);
      record(
          List.of(
              newMessage(
                  Author.SYSTEM,
                  null,
                  "We closed this chat after " + waited + " without a reply."
                      + " Start a new one any time and we'll pick it up from there.")),
          change);
      describeForOperators();
    } finally {
      turnLock.unlock();
    }
  }

  /** The bot's turn, or {@code null} when the bot could not answer after its retries. */
  private BotTurn botTurn(String text) {
    try {
      return bot.respond(
          new BotRequest(conversationId, text, customer.language(), intent, turns));
    } catch (ActivityFailure e) {
      log.warn("Bot failed on turn {} of {}: {}", turns, conversationId, e.getCause().getMessage());
      return null;
    }
  }

  private StatusChange moveTo(ConversationStatus target, String reason) {
    if (!status.canMoveTo(target)) {
      throw new IllegalStateException("Cannot move a conversation from " + status + " to " + target);
    }
    StatusChange change = new StatusChange(++statusChanges, status, target, reason, now());
    status = target;
    Workflow.upsertTypedSearchAttributes(BatonSearchAttributes.STATUS.valueSet(target.name()));
    return change;
  }

  private void record(List<Message> messages, StatusChange change) {
    List<Message> pending = new ArrayList<>(unrecorded);
    pending.addAll(messages);
    try {
      transcript.record(new TranscriptEntry(state(), pending, change));
      unrecorded.clear();
    } catch (ActivityFailure e) {
      // The conversation goes on; the lines are written with the next successful write.
      log.error("Transcript write failed for {}: {}", conversationId, e.getCause().getMessage());
      unrecorded.clear();
      unrecorded.addAll(pending);
    }
  }

  private void describeForOperators() {
    if (intent != null) {
      Workflow.upsertTypedSearchAttributes(BatonSearchAttributes.INTENT.valueSet(intent));
    }
    Workflow.setCurrentDetails(
        String.format(
            "**%s** · %d turn%s%n%nIntent: %s (confidence %.2f) · sentiment %.2f%n%nCustomer: %s (%s tier) via %s",
            status,
            turns,
            turns == 1 ? "" : "s",
            intent == null ? "none yet" : intent,
            confidence,
            sentiment,
            customer.name() == null ? customer.id() : customer.name() + " / " + customer.id(),
            customer.tier(),
            channel));
  }

  private String greetingText() {
    String name = customer.name() == null || customer.name().isBlank() ? "" : " " + customer.name();
    return "Hi" + name + "! I'm Baton's assistant. How can I help you today?";
  }

  private Message newMessage(Author author, String agentId, String text) {
    return new Message(++lastSeq, author, agentId, text, now());
  }

  private Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  private void remember(String clientMessageId, TurnResult result) {
    recentTurns.put(clientMessageId, result);
    while (recentTurns.size() > REMEMBERED_TURNS) {
      recentTurns.remove(recentTurns.keySet().iterator().next());
    }
  }

  private boolean shouldContinueAsNew() {
    return turnsThisRun >= settings.turnsPerRun() || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private CarriedState carry() {
    List<RememberedTurn> remembered = new ArrayList<>();
    recentTurns.forEach((id, result) -> remembered.add(new RememberedTurn(id, result)));
    return new CarriedState(
        status, lastSeq, statusChanges, turns, intent, confidence, sentiment, greeted, remembered,
        List.copyOf(unrecorded));
  }
}
