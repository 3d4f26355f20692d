package dev.baton.conversation;

import dev.baton.agents.AgentActivities;
import dev.baton.agents.AgentRequests;
import dev.baton.agents.AgentSnapshot;
import dev.baton.agents.Availability;
import dev.baton.bot.BotActivities;
import dev.baton.bot.BotRequest;
import dev.baton.bot.BotTurn;
import dev.baton.conversation.CarriedState.EscalationState;
import dev.baton.conversation.CarriedState.RememberedTurn;
import dev.baton.conversation.TranscriptEntry.StatusChange;
import dev.baton.escalation.Dossier;
import dev.baton.escalation.Escalation;
import dev.baton.escalation.EscalationActivities;
import dev.baton.escalation.EscalationPolicy;
import dev.baton.escalation.EscalationReason;
import dev.baton.escalation.Handoff;
import dev.baton.escalation.HandoffSummary;
import dev.baton.escalation.Route;
import dev.baton.escalation.Router;
import dev.baton.escalation.TurnSignals;
import dev.baton.escalation.Verdict;
import dev.baton.helpdesk.HelpdeskActivities;
import dev.baton.helpdesk.NewTicket;
import dev.baton.helpdesk.Ticket;
import dev.baton.helpdesk.TicketComment;
import dev.baton.helpdesk.TicketStatus;
import dev.baton.helpdesk.TicketUpdate;
import dev.baton.hours.BusinessHours;
import dev.baton.hours.HoursActivities;
import dev.baton.hours.Promises;
import dev.baton.hours.QueueSchedule;
import dev.baton.hours.Waiting;
import io.temporal.activity.ActivityOptions;
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
 *
 * <p>From version {@link #ESCALATION} on, every bot turn goes through the {@link
 * EscalationPolicy}, and the main method also watches the no-progress deadline. Runs recorded
 * before that version replay without it.
 */
public class ConversationWorkflowImpl implements ConversationWorkflow {
  static final String BOT_TROUBLE_REPLY =
      "Sorry, I'm having trouble answering right now. Please try again in a moment,"
          + " or ask to talk to a person.";
  static final String OPEN_KEY = "open";
  /** Retried messages are answered from memory; this many recent answers are kept. */
  static final int REMEMBERED_TURNS = 32;
  /** Change id of the escalation engine (see {@link Workflow#getVersion}). */
  static final String ESCALATION = "escalation";
  /** Change id of business hours and callback tickets. */
  static final String AFTER_HOURS = "after-hours";
  /** Change id of agents: availability before a promise, waiting timers, takeover and after. */
  static final String AGENTS = "agents";

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

  private final EscalationActivities escalations =
      Workflow.newLocalActivityStub(
          EscalationActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(5))
              .setScheduleToCloseTimeout(Duration.ofSeconds(20))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofMillis(200))
                      .setMaximumInterval(Duration.ofSeconds(2))
                      .build())
              .build());

  private final HoursActivities hours =
      Workflow.newLocalActivityStub(
          HoursActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(5))
              .setScheduleToCloseTimeout(Duration.ofSeconds(20))
              .build());

  /**
   * The helpdesk is somebody else's service: a real activity, retried with backoff (1 s doubling,
   * at most 10 s apart) for up to ten minutes (a 429's Retry-After is honoured by the activity),
   * never on a rejection.
   */
  private final HelpdeskActivities helpdesk =
      Workflow.newActivityStub(
          HelpdeskActivities.class,
          ActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setScheduleToCloseTimeout(Duration.ofMinutes(10))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setBackoffCoefficient(2)
                      .setMaximumInterval(Duration.ofSeconds(10))
                      .setDoNotRetry(HelpdeskActivities.REJECTED)
                      .build())
              .build());

  private final AgentActivities agentDirectory =
      Workflow.newLocalActivityStub(
          AgentActivities.class,
          LocalActivityOptions.newBuilder()
              .setStartToCloseTimeout(Duration.ofSeconds(5))
              .setScheduleToCloseTimeout(Duration.ofSeconds(20))
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

  /** Whether this run uses the escalation engine: null until the first handler or run asks. */
  private Boolean escalating;
  /** {@code null} in runs recorded before the escalation engine. */
  private EscalationPolicy policy;
  private Router router;
  private Handoff handoff;
  private int clarificationsAsked;
  private int turnsWithoutProgress;
  private Long unresolvedSince;
  private int botFailuresInRow;
  private Dossier dossier = Dossier.EMPTY;
  private Escalation escalation;
  private HandoffSummary summary;
  /** The status change of the update being handled, written with its messages. */
  private StatusChange lastChange;
  /** Whether this run knows business hours and callbacks (the "after-hours" change). */
  private boolean afterHours;
  private Callback callback;
  private int helpdeskWrites;
  private Instant waitingSince;
  /** Whether this run checks for agents before promising one, and waits with timers. */
  private boolean agents;
  private String assignedAgent;
  private String agentName;
  private boolean slaMissed;
  private Waiting waiting;
  /** The note of the agent who last handed the conversation back to the bot. */
  private String agentNote;

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
    EscalationState escalated = carried.escalation();
    if (escalated != null) {
      clarificationsAsked = escalated.clarificationsAsked();
      turnsWithoutProgress = escalated.turnsWithoutProgress();
      unresolvedSince = escalated.unresolvedSince();
      botFailuresInRow = escalated.botFailuresInRow();
      dossier = escalated.dossier() == null ? Dossier.EMPTY : escalated.dossier();
      escalation = escalated.escalation();
      summary = escalated.summary();
      callback = escalated.callback();
      helpdeskWrites = escalated.helpdeskWrites();
      waitingSince = escalated.waitingSince();
      assignedAgent = escalated.assignedAgent();
      agentName = escalated.agentName();
      slaMissed = escalated.slaMissed();
      waiting = escalated.waiting();
      agentNote = escalated.agentNote();
    }
  }

  @Override
  public void run(ConversationStart start) {
    startEscalationEngine();
    if (start.carried() == null) {
      record(List.of(), null);
    }
    describeForOperators();
    while (status.isOpen()) {
      long seen = customerActivity;
      // A turn sets the no-progress deadline after it woke this loop, so its change wakes it again.
      Long deadlineSeen = unresolvedSince;
      ConversationStatus statusSeen = status;
      Duration wait = settings.idleTimeout();
      Duration progressLeft = noProgressLeft();
      boolean progressFirst = progressLeft != null && progressLeft.compareTo(wait) < 0;
      if (progressFirst) {
        wait = progressLeft;
      }
      Duration openingLeft = null;
      WaitDeadline waitDeadline = null;
      if (afterHours && status != ConversationStatus.BOT_ACTIVE) {
        // Only the bot's conversations go idle; the others wait for their own deadlines.
        openingLeft = callbackOpeningLeft();
        wait = openingLeft;
        waitDeadline = agents ? waitDeadline() : null;
        if (waitDeadline != null) {
          wait = waitDeadline.left();
        }
      }
      java.util.function.Supplier<Boolean> stir =
          () ->
              customerActivity != seen
                  || !java.util.Objects.equals(unresolvedSince, deadlineSeen)
                  || !status.isOpen()
                  || (afterHours && status != statusSeen)
                  || shouldContinueAsNew();
      boolean stirred;
      if (wait == null) {
        Workflow.await(stir::get);
        stirred = true;
      } else {
        stirred = Workflow.await(wait, stir::get);
      }
      if (!status.isOpen()) {
        break;
      }
      if (shouldContinueAsNew()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(
            new ConversationStart(conversationId, customer, channel, settings, carry()));
        return;
      }
      if (!stirred && waitDeadline != null && status == ConversationStatus.AWAITING_AGENT) {
        if (waitDeadline.maxWait()) {
          onMaxWait();
        } else {
          onPickupSlaMissed();
        }
      } else if (!stirred && openingLeft != null && status == ConversationStatus.CALLBACK_SCHEDULED) {
        onQueueOpened();
      } else if (!stirred && status == ConversationStatus.BOT_ACTIVE && !turnLock.isHeld()) {
        if (progressFirst) {
          onNoProgress();
        } else {
          onCustomerIdle();
        }
      }
    }
    Workflow.await(Workflow::isEveryHandlerFinished);
  }

  /**
   * Reads the escalation rules once per run, on whichever of the main method or a handler runs
   * first; the other waits for them. Runs recorded before the engine existed go on without it,
   * and without waiting, so they replay exactly as they ran.
   */
  private void startEscalationEngine() {
    if (escalating == null) {
      escalating = Workflow.getVersion(ESCALATION, Workflow.DEFAULT_VERSION, 1) == 1;
      afterHours = Workflow.getVersion(AFTER_HOURS, Workflow.DEFAULT_VERSION, 1) == 1;
      agents = afterHours && Workflow.getVersion(AGENTS, Workflow.DEFAULT_VERSION, 1) == 1;
      if (escalating) {
        policy = new EscalationPolicy(escalations.rules());
        router = new Router(policy.rules());
        handoff = new Handoff(policy);
      }
    }
    if (escalating) {
      Workflow.await(() -> policy != null);
    }
  }

  /** The next waiting deadline: the pickup SLA, then the longest wait. */
  private record WaitDeadline(Duration left, boolean maxWait) {}

  private WaitDeadline waitDeadline() {
    if (status != ConversationStatus.AWAITING_AGENT || waiting == null || waitingSince == null) {
      return null;
    }
    Instant due = slaMissed ? waitingSince.plus(waiting.maxWait()) : waitingSince.plus(waiting.pickupSla());
    boolean max = slaMissed || waiting.maxWait().compareTo(waiting.pickupSla()) <= 0;
    return new WaitDeadline(Duration.ofMillis(Math.max(due.toEpochMilli() - Workflow.currentTimeMillis(), 1)), max);
  }

  /**
   * Nobody picked the conversation up within the pickup SLA: it moves up (and over to the overflow
   * queue, when there is one), and the customer hears an updated, honest expectation.
   */
  private void onPickupSlaMissed() {
    turnLock.lock();
    try {
      if (status != ConversationStatus.AWAITING_AGENT || slaMissed) {
        return;
      }
      slaMissed = true;
      String queue = waiting.overflowQueue() != null ? waiting.overflowQueue() : escalation.queue();
      int priority = Math.min(escalation.priority() + waiting.slaPriorityBoost(), policy.rules().priorities().max());
      escalation =
          new Escalation(escalation.reason(), escalation.detail(), queue, priority, escalation.language(), escalation.at());
      summary = summary.withNote(null, queue, priority);
      Workflow.upsertTypedSearchAttributes(BatonSearchAttributes.QUEUE.valueSet(queue));
      Availability now = agentDirectory.availability(queue, priority, conversationId);
      QueueSchedule schedule = hours.schedule(queue);
      Message update =
          newMessage(Author.SYSTEM, null, fillWaiting(fill(schedule.copy().slaMissed(), null), now));
      record(List.of(update), null);
      describeForOperators();
    } finally {
      turnLock.unlock();
    }
  }

  /** Nobody picked it up within the longest wait: it becomes a callback ticket. */
  private void onMaxWait() {
    turnLock.lock();
    try {
      if (status != ConversationStatus.AWAITING_AGENT) {
        return;
      }
      QueueSchedule schedule = hours.schedule(escalation.queue());
      String detail =
          "No agent picked it up within " + dev.baton.escalation.Durations.words(waiting.maxWait()) + ".";
      List<Message> said =
          scheduleCallback(detail, schedule, laterOpening(schedule), schedule.copy().maxWait());
      record(said, lastChange);
      describeForOperators();
    } finally {
      turnLock.unlock();
    }
  }

  /**
   * When people can next call back, if none can now: the next opening after the current one
   * ends (an open queue with nobody free will not have someone before then), or, for a queue
   * open around the clock, one callback window from now.
   */
  private Instant laterOpening(QueueSchedule schedule) {
    BusinessHours open = new BusinessHours(schedule.hours());
    Instant now = now();
    if (!open.isOpen(now)) {
      return open.nextOpening(now).orElse(null);
    }
    return open.nextClosing(now)
        .flatMap(open::nextOpening)
        .orElse(now.plus(schedule.callbackWithin()));
  }

  private String fillWaiting(String template, Availability availability) {
    long minutes = Math.max(1, (availability.estimatedWait().toSeconds() + 59) / 60);
    return template
        .replace("{position}", String.valueOf(availability.position()))
        .replace("{wait}", "about " + minutes + " minute" + (minutes == 1 ? "" : "s"));
  }

  @Override
  public void validateTakeover(AgentRequests.Takeover request) {
    if (!status.isOpen()) {
      throw ConversationFailures.closed(status);
    }
    if (status == ConversationStatus.AGENT_ACTIVE) {
      throw ConversationFailures.notWaiting(
          assignedAgent, "The conversation is already held by " + assignedAgent + ".");
    }
    if (status != ConversationStatus.AWAITING_AGENT && status != ConversationStatus.CALLBACK_SCHEDULED) {
      throw ConversationFailures.notWaiting(status.name(), "The conversation is not waiting for a person.");
    }
    AgentSnapshot agent = request == null ? null : request.agent();
    if (agent == null || agent.agentId() == null) {
      throw ConversationFailures.agentUnavailable("unknown", "The agent is not known.");
    }
    if (!agent.online()) {
      throw ConversationFailures.agentUnavailable(agent.agentId(), agent.agentId() + " is " + agent.status() + ", not ONLINE.");
    }
    if (escalation != null && !agent.serves(escalation.queue())) {
      throw ConversationFailures.agentUnavailable(
          agent.agentId(), agent.agentId() + " does not serve the " + escalation.queue() + " queue.");
    }
    if (!agent.hasRoom()) {
      throw ConversationFailures.agentUnavailable(
          agent.agentId(), agent.agentId() + " already has " + agent.activeConversations() + " of " + agent.maxConcurrent() + " conversations.");
    }
  }

  @Override
  public ConversationView takeover(AgentRequests.Takeover request) {
    startEscalationEngine();
    turnLock.lock();
    try {
      // A takeover queued behind another one's lock must not take it twice.
      validateTakeover(request);
      AgentSnapshot agent = request.agent();
      assignedAgent = agent.agentId();
      agentName = agent.name() == null || agent.name().isBlank() ? agent.agentId() : agent.name();
      lastChange = moveTo(ConversationStatus.AGENT_ACTIVE, "Taken over by " + assignedAgent);
      if (callback != null && callback.ticketId() != null) {
        writeToHelpdesk(
            () ->
                helpdesk.updateTicket(
                    new TicketUpdate(
                        helpdeskKey("ticket-update"), callback.ticketId(), TicketStatus.OPEN, null,
                        "Taken over by " + agentName + " (" + assignedAgent + ") in Baton.")));
      }
      Message joined = newMessage(Author.SYSTEM, null, agentName + " has joined the conversation.");
      record(List.of(joined), lastChange);
      describeForOperators();
      return state();
    } finally {
      turnLock.unlock();
    }
  }

  @Override
  public void validateAgentMessage(AgentRequests.AgentMessage message) {
    checkHolder(message == null ? null : message.agentId());
    if (message.text() == null || message.text().isBlank()) {
      throw ConversationFailures.invalidMessage("text", "must not be empty");
    }
    if (message.text().length() > settings.maxMessageLength()) {
      throw ConversationFailures.invalidMessage(
          "text", "must be at most " + settings.maxMessageLength() + " characters");
    }
  }

  @Override
  public TurnResult agentMessage(AgentRequests.AgentMessage message) {
    startEscalationEngine();
    turnLock.lock();
    try {
      // Keyed by agent too: after a transfer, the next agent may reuse an id the first one used.
      String key =
          message.clientMessageId() == null
              ? null
              : "agent:" + message.agentId() + ":" + message.clientMessageId();
      TurnResult previous = key == null ? null : recentTurns.get(key);
      if (previous != null) {
        return previous;
      }
      checkHolder(message.agentId());
      Message said = newMessage(Author.AGENT, message.agentId(), message.text());
      record(List.of(said), null);
      TurnResult result = new TurnResult(status, List.of(said));
      if (key != null) {
        remember(key, result);
      }
      return result;
    } finally {
      turnLock.unlock();
    }
  }

  @Override
  public void validateTransfer(AgentRequests.Transfer request) {
    checkHolder(request == null ? null : request.agentId());
    if (request.queue() == null || request.queue().isBlank()) {
      throw ConversationFailures.invalidMessage("queue", "must not be empty");
    }
  }

  @Override
  public ConversationView transfer(AgentRequests.Transfer request) {
    startEscalationEngine();
    turnLock.lock();
    try {
      checkHolder(request.agentId());
      String from = agentName;
      String queue = request.queue().strip();
      escalation =
          new Escalation(escalation.reason(), escalation.detail(), queue, escalation.priority(), escalation.language(), escalation.at());
      String note = request.note() == null || request.note().isBlank() ? null : from + ": " + request.note().strip();
      summary = summary.withNote(note, queue, escalation.priority());
      assignedAgent = null;
      agentName = null;
      waitingSince = now();
      slaMissed = false;
      waiting = hours.schedule(queue).waiting();
      lastChange = moveTo(ConversationStatus.AWAITING_AGENT, "Transferred by " + from + " to " + queue);
      Workflow.upsertTypedSearchAttributes(BatonSearchAttributes.QUEUE.valueSet(queue));
      String team = policy.rules().team(queue);
      Message moved =
          newMessage(
              Author.SYSTEM,
              null,
              from + " is passing you to our " + team + " team, with everything so far, so you won't need to repeat yourself.");
      record(List.of(moved), lastChange);
      describeForOperators();
      return state();
    } finally {
      turnLock.unlock();
    }
  }

  @Override
  public void validateRelease(AgentRequests.AgentNote request) {
    checkHolder(request == null ? null : request.agentId());
  }

  @Override
  public ConversationView release(AgentRequests.AgentNote request) {
    startEscalationEngine();
    turnLock.lock();
    try {
      checkHolder(request.agentId());
      String from = agentName;
      agentNote = request.note() == null || request.note().isBlank() ? null : request.note().strip();
      if (agentNote != null) {
        summary = summary.withNote(from + ": " + agentNote, escalation.queue(), escalation.priority());
      }
      assignedAgent = null;
      agentName = null;
      clarificationsAsked = 0;
      turnsWithoutProgress = 0;
      unresolvedSince = null;
      botFailuresInRow = 0;
      lastChange = moveTo(ConversationStatus.BOT_ACTIVE, "Handed back to the bot by " + from);
      Message back =
          newMessage(
              Author.BOT,
              null,
              from + " has handed this conversation back to me, with their notes. What else can I help you with?");
      record(List.of(back), lastChange);
      describeForOperators();
      return state();
    } finally {
      turnLock.unlock();
    }
  }

  @Override
  public void validateResolve(AgentRequests.AgentNote request) {
    checkHolder(request == null ? null : request.agentId());
  }

  @Override
  public ConversationView resolve(AgentRequests.AgentNote request) {
    startEscalationEngine();
    turnLock.lock();
    try {
      checkHolder(request.agentId());
      String from = agentName;
      if (request.note() != null && !request.note().isBlank()) {
        summary = summary.withNote(from + ": " + request.note().strip(), escalation.queue(), escalation.priority());
      }
      lastChange = moveTo(ConversationStatus.RESOLVED, "Resolved by " + from);
      if (callback != null && callback.ticketId() != null) {
        writeToHelpdesk(
            () ->
                helpdesk.updateTicket(
                    new TicketUpdate(
                        helpdeskKey("ticket-update"), callback.ticketId(), TicketStatus.SOLVED, null,
                        "Resolved by " + from + " in Baton.")));
      }
      Message done =
          newMessage(Author.SYSTEM, null, from + " has marked this conversation as resolved. Thanks for your patience!");
      record(List.of(done), lastChange);
      describeForOperators();
      return state();
    } finally {
      turnLock.unlock();
    }
  }

  private void checkHolder(String agentId) {
    if (!status.isOpen()) {
      throw ConversationFailures.closed(status);
    }
    if (status != ConversationStatus.AGENT_ACTIVE || agentId == null || !agentId.equals(assignedAgent)) {
      throw ConversationFailures.notHolder(
          assignedAgent,
          assignedAgent == null
              ? "No agent holds this conversation."
              : "Only " + assignedAgent + ", who holds the conversation, may do this.");
    }
  }

  /** Time until the queue of a scheduled callback opens; {@code null} when nothing is due. */
  private Duration callbackOpeningLeft() {
    if (status != ConversationStatus.CALLBACK_SCHEDULED || callback == null || callback.opensAt() == null) {
      return null;
    }
    return Duration.ofMillis(Math.max(callback.opensAt().toEpochMilli() - Workflow.currentTimeMillis(), 1));
  }

  /**
   * The queue of a scheduled callback opened: the conversation joins the queue ahead of the
   * conversations that came later (the wait counts from the escalation, so it sorts first at its
   * priority), the pickup clock starts now, and the ticket is opened.
   */
  private void onQueueOpened() {
    turnLock.lock();
    try {
      if (status != ConversationStatus.CALLBACK_SCHEDULED) {
        return;
      }
      waitingSince = now();
      slaMissed = false;
      lastChange =
          moveTo(ConversationStatus.AWAITING_AGENT, "The " + escalation.queue() + " queue opened");
      if (callback.ticketId() != null) {
        writeToHelpdesk(
            () ->
                helpdesk.updateTicket(
                    new TicketUpdate(
                        helpdeskKey("ticket-update"),
                        callback.ticketId(),
                        TicketStatus.OPEN,
                        escalation.priority(),
                        "The " + escalation.queue() + " queue opened at " + now()
                            + "; this callback is first in line.")));
      }
      QueueSchedule schedule = hours.schedule(escalation.queue());
      if (agents) {
        waiting = schedule.waiting();
      }
      Message opened =
          newMessage(Author.SYSTEM, null, fill(schedule.copy().queueOpened(), null));
      record(List.of(opened), lastChange);
      describeForOperators();
    } finally {
      turnLock.unlock();
    }
  }

  /**
   * No person can take the conversation now: files a callback ticket with the handoff summary,
   * tells the customer the truth with a concrete time, and waits for {@code opensAt}. Sets
   * {@link #lastChange}.
   *
   * @param why why no person can take it, for the transcript and the status change
   * @param template what the customer is told when the ticket was filed
   */
  private List<Message> scheduleCallback(
      String why, QueueSchedule schedule, Instant opensAt, String template) {
    Instant promisedBy = opensAt == null ? null : opensAt.plus(schedule.callbackWithin());
    String when =
        Promises.when(promisedBy, now(), Promises.zoneFor(customer.timezone(), schedule.hours().zone()));
    Ticket ticket = null;
    String refused = null;
    if (callback != null && callback.ticketId() != null) {
      // A conversation called back before keeps its ticket: one ticket per conversation.
      ticket = new Ticket(callback.ticketId(), callback.ticketReference());
      Ticket existing = ticket;
      writeToHelpdesk(
          () ->
              helpdesk.updateTicket(
                  new TicketUpdate(
                      helpdeskKey("ticket-update"), existing.id(), TicketStatus.PENDING, escalation.priority(),
                      why + " Callback promised " + when + ".")));
    } else try {
      ticket =
          helpdesk.createTicket(
              new NewTicket(
                  helpdeskKey("callback-ticket"),
                  conversationId,
                  escalation.queue(),
                  escalation.priority(),
                  summary.primaryIssue(),
                  customer,
                  summary,
                  summary.transcript(),
                  promisedBy));
    } catch (ActivityFailure e) {
      boolean rejected =
          e.getCause() instanceof io.temporal.failure.ApplicationFailure failure
              && HelpdeskActivities.REJECTED.equals(failure.getType());
      String cause = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
      refused = (rejected ? "the helpdesk refused the callback ticket: " : "the helpdesk could not be reached: ") + cause;
      log.error("Callback ticket for {} failed: {}", conversationId, refused);
    }
    callback =
        new Callback(
            ticket == null ? null : ticket.id(), ticket == null ? null : ticket.reference(), opensAt, promisedBy);
    lastChange =
        moveTo(
            ConversationStatus.CALLBACK_SCHEDULED,
            escalation.reason() + ": " + escalation.detail() + " " + why);
    List<Message> said = new ArrayList<>();
    said.add(
        newMessage(
            Author.SYSTEM,
            null,
            "Handed over to the " + escalation.queue() + " queue: " + escalation.detail() + " " + why + " "
                + (ticket != null ? "Callback ticket " + ticket.reference() + "." : "The callback ticket could not be filed.")));
    if (ticket == null) {
      said.add(
          newMessage(
              Author.SYSTEM,
              null,
              EscalationReason.WORKFLOW_EXCEPTION + ": " + refused));
    }
    String promise = ticket != null ? template : schedule.copy().promiseWithoutTicket();
    said.add(newMessage(Author.BOT, null, fill(promise, ticket).replace("{when}", when)));
    return said;
  }

  /** The customer wrote while waiting for a callback: the message goes to the ticket too. */
  private List<Message> addToCallbackTicket(Message said) {
    if (callback == null || callback.ticketId() == null) {
      return List.of();
    }
    writeToHelpdesk(
        () ->
            helpdesk.addComment(
                new TicketComment(
                    conversationId + ":comment:" + said.seq(),
                    callback.ticketId(),
                    "The customer wrote at " + said.at() + ": " + said.text())));
    QueueSchedule schedule = hours.schedule(escalation.queue());
    return List.of(
        newMessage(
            Author.SYSTEM,
            null,
            schedule.copy().addedToTicket().replace("{ticket}", callback.ticketReference())));
  }

  /** A helpdesk write whose failure is noted, not fatal: the conversation must go on. */
  private void writeToHelpdesk(Runnable call) {
    try {
      call.run();
    } catch (ActivityFailure e) {
      log.error("Helpdesk write for {} failed: {}", conversationId, e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
    }
  }

  /** An idempotency key from business identity: the conversation, the purpose, a sequence. */
  private String helpdeskKey(String purpose) {
    return conversationId + ":" + purpose + ":" + (++helpdeskWrites);
  }

  private String fill(String template, Ticket ticket) {
    String team = policy.rules().team(escalation.queue());
    return template
        .replace("{team}", team)
        .replace("{ticket}", ticket == null ? "" : ticket.reference());
  }

  /**
   * Time left until the bot's no-progress deadline, or {@code null} when there is none: the
   * engine is off, a person already has the conversation, or every message was answered.
   */
  private Duration noProgressLeft() {
    if (policy == null || status != ConversationStatus.BOT_ACTIVE || unresolvedSince == null) {
      return null;
    }
    long deadline = unresolvedSince + policy.noProgressAfter(intent, customer.tier()).toMillis();
    // A deadline already past fires on the next workflow task, not in the same one.
    return Duration.ofMillis(Math.max(deadline - Workflow.currentTimeMillis(), 1));
  }

  private void onNoProgress() {
    turnLock.lock();
    try {
      if (status != ConversationStatus.BOT_ACTIVE || unresolvedSince == null) {
        return;
      }
      Duration waited = Duration.ofMillis(Workflow.currentTimeMillis() - unresolvedSince);
      List<Message> said = escalate(policy.noProgress(waited));
      record(said, lastChange);
      describeForOperators();
    } finally {
      turnLock.unlock();
    }
  }

  @Override
  public TurnResult open() {
    startEscalationEngine();
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
    startEscalationEngine();
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
      lastChange = null;
      if (status == ConversationStatus.BOT_ACTIVE) {
        if (policy == null) {
          replies.addAll(botTurnWithoutEscalation(message.text()));
        } else {
          replies.addAll(botTurn(message.text(), said.at()));
        }
      } else if (afterHours && status == ConversationStatus.CALLBACK_SCHEDULED) {
        replies.addAll(addToCallbackTicket(said));
      }
      List<Message> written = new ArrayList<>(List.of(said));
      written.addAll(replies);
      record(written, lastChange);
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

  /** A turn as runs recorded before the escalation engine took it. */
  private List<Message> botTurnWithoutEscalation(String text) {
    BotTurn turn = askBot(text);
    if (turn == null) {
      return List.of(newMessage(Author.SYSTEM, null, BOT_TROUBLE_REPLY));
    }
    intent = turn.intent();
    confidence = turn.confidence();
    sentiment = turn.sentiment();
    // Bots from after this version may recognise a request and leave it to people.
    Message reply =
        newMessage(Author.BOT, null, turn.reply() != null ? turn.reply() : BOT_TROUBLE_REPLY);
    if (turn.resolvesConversation()) {
      lastChange = moveTo(ConversationStatus.RESOLVED, "The customer said the problem is solved");
    }
    return List.of(reply);
  }

  /** A bot turn judged by the escalation policy; returns what the customer is told. */
  private List<Message> botTurn(String text, Instant saidAt) {
    BotTurn turn = askBot(text);
    botFailuresInRow = turn == null ? botFailuresInRow + 1 : 0;
    if (turn != null) {
      intent = turn.intent();
      confidence = turn.confidence();
      sentiment = turn.sentiment();
      boolean aboutTheProblem =
          !"greeting".equals(turn.intent()) && !turn.resolvesConversation();
      dossier = dossier.withMessage(text, aboutTheProblem, turn.facts(), turn.sentiment());
      if (turn.resolvesConversation() && turn.reply() != null) {
        lastChange = moveTo(ConversationStatus.RESOLVED, "The customer said the problem is solved");
        return List.of(newMessage(Author.BOT, null, turn.reply()));
      }
    }
    Verdict verdict =
        policy.afterTurn(
            new TurnSignals(
                text, turn, customer.tier(), clarificationsAsked, turnsWithoutProgress, botFailuresInRow));
    if (verdict instanceof Verdict.Escalate escalate) {
      return escalate(escalate);
    }
    if (verdict instanceof Verdict.Reply reply && reply.progress()) {
      clarificationsAsked = 0;
      turnsWithoutProgress = 0;
      unresolvedSince = null;
      dossier = dossier.withAttempt("Answered: " + turn.reply());
      return List.of(newMessage(Author.BOT, null, turn.reply()));
    }
    turnsWithoutProgress++;
    if (unresolvedSince == null) {
      unresolvedSince = saidAt.toEpochMilli();
    }
    if (verdict instanceof Verdict.Clarify clarify) {
      clarificationsAsked++;
      dossier = dossier.withAttempt("Asked: " + clarify.question());
      return List.of(newMessage(Author.BOT, null, clarify.question()));
    }
    if (verdict instanceof Verdict.Reply) {
      dossier = dossier.withAttempt("Asked: " + turn.reply());
      return List.of(newMessage(Author.BOT, null, turn.reply()));
    }
    return List.of(newMessage(Author.SYSTEM, null, BOT_TROUBLE_REPLY));
  }

  /**
   * Brings in a person: routes, builds the handoff summary, and tells the customer once. From
   * here on the bot says nothing in this conversation. Sets {@link #lastChange}.
   */
  private List<Message> escalate(Verdict.Escalate decision) {
    int priorContacts = priorContacts();
    Route route = router.route(decision.reason(), intent, customer, priorContacts);
    escalation =
        new Escalation(
            decision.reason(), decision.detail(), route.queue(), route.priority(), route.language(), now());
    summary =
        handoff.summary(conversationId, dossier, intent, confidence, customer, escalation, priorContacts);
    unresolvedSince = null;
    waitingSince = now();
    Workflow.upsertTypedSearchAttributes(
        BatonSearchAttributes.ESCALATION_REASON.valueSet(decision.reason().name()),
        BatonSearchAttributes.QUEUE.valueSet(route.queue()));
    Availability availability = null;
    if (afterHours) {
      QueueSchedule schedule = hours.schedule(route.queue());
      BusinessHours open = new BusinessHours(schedule.hours());
      if (!open.isOpen(now())) {
        return scheduleCallback(
            "The queue is closed.", schedule, open.nextOpening(now()).orElse(null), schedule.copy().promise());
      }
      if (agents) {
        // No ghost handoff: a person is promised only when one is there to keep the promise.
        waiting = schedule.waiting();
        slaMissed = false;
        availability = agentDirectory.availability(route.queue(), route.priority(), conversationId);
        if (availability.agentsFree() == 0) {
          return scheduleCallback(
              "No agent is available.", schedule, laterOpening(schedule), schedule.copy().noAgent());
        }
      }
    }
    lastChange =
        moveTo(ConversationStatus.AWAITING_AGENT, decision.reason() + ": " + decision.detail());
    Message note =
        newMessage(
            Author.SYSTEM,
            null,
            "Handed over to the " + route.queue() + " queue: " + decision.detail());
    String warm = handoff.transferMessage(escalation, intent);
    if (availability != null) {
      warm = fillWaiting(warm, availability);
    }
    Message transfer = newMessage(Author.BOT, null, warm);
    return List.of(note, transfer);
  }

  /** The customer's other conversations in the distress window; 0 when the lookup fails. */
  private int priorContacts() {
    Instant since = now().minus(policy.rules().distress().priorContactWindow());
    try {
      return escalations.priorContacts(customer.id(), conversationId, since);
    } catch (ActivityFailure e) {
      log.warn("Prior contacts of {} unknown: {}", customer.id(), e.getCause().getMessage());
      return 0;
    }
  }

  @Override
  public void validateHandoff(HandoffRequest request) {
    if (!status.isOpen()) {
      throw ConversationFailures.closed(status);
    }
  }

  @Override
  public ConversationView requestHandoff(HandoffRequest request) {
    startEscalationEngine();
    turnLock.lock();
    try {
      if (status == ConversationStatus.BOT_ACTIVE && policy != null) {
        Verdict.Escalate decision = policy.handoffRequested();
        if (request != null && request.note() != null && !request.note().isBlank()) {
          decision =
              new Verdict.Escalate(decision.reason(), decision.detail() + " Their note: " + request.note().strip());
        }
        List<Message> said = escalate(decision);
        record(said, lastChange);
        describeForOperators();
      }
      return state();
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
    startEscalationEngine();
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
        conversationId, customer, channel, status, intent, confidence, sentiment,
        escalation == null ? null : escalation.queue(), assignedAgent, lastSeq, turns, escalation,
        summary, callback);
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
  private BotTurn askBot(String text) {
    try {
      return bot.respond(
          agentNote == null
              ? new BotRequest(conversationId, text, customer.language(), intent, turns)
              : new BotRequest(conversationId, text, customer.language(), intent, turns, agentNote));
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
    StringBuilder details =
        new StringBuilder(
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
    if (summary != null) {
      details.append(
          String.format(
              "%n%n**Escalated: %s** to queue `%s`, priority %d%n%n%s%n%n- Issue: %s%n- Goal: %s%n- Sentiment: %.2f, %s%n- Prior contacts (%s): %d",
              summary.reason(),
              summary.recommendedQueue(),
              summary.priority(),
              summary.reasonDetail(),
              summary.primaryIssue(),
              summary.customerGoal(),
              summary.sentiment(),
              summary.sentimentTrend().toLowerCase(java.util.Locale.ROOT),
              dev.baton.escalation.Durations.words(policy.rules().distress().priorContactWindow()),
              summary.priorContacts()));
      summary.keyFacts().forEach(f -> details.append(String.format("%n- %s: %s", f.kind(), f.value())));
      summary.botAttempts().forEach(a -> details.append(String.format("%n- Bot: %s", a)));
      if (summary.language() != null) {
        details.append(String.format("%n- Customer language: %s", summary.language()));
      }
    }
    Workflow.setCurrentDetails(details.toString());
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
        List.copyOf(unrecorded),
        policy == null
            ? null
            : new EscalationState(
                clarificationsAsked, turnsWithoutProgress, unresolvedSince, botFailuresInRow,
                dossier, escalation, summary, callback, helpdeskWrites, waitingSince,
                assignedAgent, agentName, slaMissed, waiting, agentNote));
  }
}
