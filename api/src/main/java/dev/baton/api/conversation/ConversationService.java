package dev.baton.api.conversation;

import dev.baton.agents.AgentRequests;
import dev.baton.agents.AgentSnapshot;
import dev.baton.conversation.BatonSearchAttributes;
import dev.baton.conversation.CloseRequest;
import dev.baton.conversation.ConversationFailures;
import dev.baton.conversation.ConversationFailures.Rejection;
import dev.baton.conversation.ConversationIds;
import dev.baton.conversation.ConversationStart;
import dev.baton.conversation.ConversationStatus;
import dev.baton.conversation.ConversationView;
import dev.baton.conversation.ConversationWorkflow;
import dev.baton.conversation.Customer;
import dev.baton.conversation.CustomerMessage;
import dev.baton.conversation.HandoffRequest;
import dev.baton.conversation.Message;
import dev.baton.conversation.TaskQueues;
import dev.baton.conversation.TurnResult;
import dev.baton.store.StoreWatch;
import dev.baton.store.conversation.ConversationStore;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.Functions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Service;

/**
 * The API's one door to conversations: starts them, sends them messages and reads their state,
 * through Temporal only. Temporal's exceptions stop here and leave as {@link
 * ConversationException}s.
 */
@Service
class ConversationService {
  private static final Logger log = LoggerFactory.getLogger(ConversationService.class);
  /**
   * Whether the database answered lately: while it does not, a conversation's reads go without
   * it, and a background probe finds out when it is back.
   */
  private final StoreWatch storeWatch;
  /** An id no conversation has: its look-up asks the database whether it answers. */
  private static final String PROBE = "store-probe";
  /** Deadlines of calls waiting for a turn; one thread is plenty, it only fires cancellations. */
  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "baton-call-deadlines");
            thread.setDaemon(true);
            return thread;
          });

  /** The namespace of verified customers' conversation ids; any fixed UUID, never to change. */
  private static final UUID VERIFIED_CUSTOMERS = UUID.fromString("7c3f0b52-4d1e-5a8b-9f61-2b0d6e3a9c47");

  private final WorkflowClient client;
  private final ConversationStore store;
  private final ConversationProperties properties;

  ConversationService(WorkflowClient client, ConversationStore store, ConversationProperties properties) {
    this.client = client;
    this.store = store;
    this.properties = properties;
    this.storeWatch = new StoreWatch(StoreWatch.REST).probeWith(() -> store.find(PROBE));
  }

  /** What a start returned: the conversation's id and the first turn. */
  record Opened(String conversationId, TurnResult turn) {}

  /**
   * Starts a conversation and runs its first turn in one call (update-with-start). With a
   * clientMessageId the conversation id is derived from it, so a retried start lands on the
   * conversation the first attempt created and gets the same reply ({@link #conversationId}).
   */
  Opened start(Customer customer, String channel, String text, String clientMessageId) {
    String conversationId =
        clientMessageId == null
            ? UUID.randomUUID().toString()
            : conversationId(customer.id(), customer.verified(), clientMessageId);
    ConversationWorkflow conversation =
        client.newWorkflowStub(ConversationWorkflow.class, startOptions(conversationId, customer, channel));
    ConversationStart input =
        ConversationStart.first(conversationId, customer, channel, properties.settings());
    WithStartWorkflowOperation<Void> startOperation =
        new WithStartWorkflowOperation<>(conversation::run, input);
    String updateId = clientMessageId == null ? null : updateId(clientMessageId);
    TurnResult turn =
        call(
            conversationId,
            () -> {
              WorkflowUpdateHandle<TurnResult> handle =
                  text == null
                      ? WorkflowClient.startUpdateWithStart(
                          conversation::open, updateOptions(TurnResult.class, "open"), startOperation)
                      : WorkflowClient.startUpdateWithStart(
                          conversation::sendMessage,
                          new CustomerMessage(clientMessageId, text),
                          updateOptions(TurnResult.class, updateId),
                          startOperation);
              try {
                return resultWithinDeadline(handle);
              } catch (RuntimeException e) {
                if (text == null || !undone(e)) {
                  throw e;
                }
                // The conversation exists now; its first turn was undone and is tried afresh.
                return retried(existing(conversationId)::sendMessage, new CustomerMessage(clientMessageId, text), TurnResult.class, updateId);
              }
            });
    return new Opened(conversationId, turn);
  }

  /**
   * The conversation a start with a clientMessageId lands on. Anonymous and verified customers
   * live in separate id spaces that no customer id can cross: an anonymous start gets a
   * name-based UUID of version 3 (MD5, as Baton always derived them, so a start retried across an
   * upgrade still lands where it did), a verified one a name-based UUID of version 5 (SHA-1, in
   * a namespace of its own). The two differ in the version digit, so an anonymous caller naming a
   * verified customer's id, bare or behind any prefix, never lands on (or gets a token for) their
   * conversation. (Verified ids were once "verified:" + id under version 3, which an anonymous
   * caller could spell too.)
   */
  static String conversationId(String customerId, boolean verified, String clientMessageId) {
    byte[] name = (customerId + "\n" + clientMessageId).getBytes(StandardCharsets.UTF_8);
    return verified ? nameBasedSha1(VERIFIED_CUSTOMERS, name).toString() : UUID.nameUUIDFromBytes(name).toString();
  }

  /** An RFC 9562 version 5 UUID: SHA-1 of the namespace and the name. */
  private static UUID nameBasedSha1(UUID namespace, byte[] name) {
    java.security.MessageDigest sha1;
    try {
      sha1 = java.security.MessageDigest.getInstance("SHA-1");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
    sha1.update(java.nio.ByteBuffer.allocate(16)
        .putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits()).array());
    byte[] hash = sha1.digest(name);
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(hash, 0, 16);
    return new UUID(bytes.getLong(), bytes.getLong());
  }

  /** One customer message and the bot's answer. A retry with the same clientMessageId is safe. */
  TurnResult send(String conversationId, CustomerMessage message) {
    ConversationWorkflow conversation = existing(conversationId);
    String updateId = updateId(message.clientMessageId());
    return call(conversationId, () -> update(conversation::sendMessage, message, TurnResult.class, updateId));
  }

  ConversationView handoff(String conversationId, HandoffRequest request) {
    ConversationWorkflow conversation = existing(conversationId);
    return call(conversationId, () -> update(conversation::requestHandoff, request, ConversationView.class, null));
  }

  ConversationView takeover(String conversationId, AgentSnapshot agent) {
    ConversationWorkflow conversation = existing(conversationId);
    AgentRequests.Takeover request = new AgentRequests.Takeover(agent);
    return call(conversationId, () -> update(conversation::takeover, request, ConversationView.class, null));
  }

  TurnResult agentMessage(String conversationId, AgentRequests.AgentMessage message) {
    ConversationWorkflow conversation = existing(conversationId);
    String updateId = "agent-" + message.agentId() + "-" + message.clientMessageId();
    return call(conversationId, () -> update(conversation::agentMessage, message, TurnResult.class, updateId));
  }

  ConversationView transfer(String conversationId, AgentRequests.Transfer request) {
    ConversationWorkflow conversation = existing(conversationId);
    return call(conversationId, () -> update(conversation::transfer, request, ConversationView.class, null));
  }

  ConversationView release(String conversationId, AgentRequests.AgentNote request) {
    ConversationWorkflow conversation = existing(conversationId);
    return call(conversationId, () -> update(conversation::release, request, ConversationView.class, null));
  }

  ConversationView resolve(String conversationId, AgentRequests.AgentNote request) {
    ConversationWorkflow conversation = existing(conversationId);
    return call(conversationId, () -> update(conversation::resolve, request, ConversationView.class, null));
  }

  ConversationView requeue(String conversationId, AgentRequests.Requeue request) {
    ConversationWorkflow conversation = existing(conversationId);
    return call(conversationId, () -> update(conversation::requeue, request, ConversationView.class, null));
  }

  /**
   * Any update that answers with the conversation's view, named by its method, e.g.
   * {@code change(id, ConversationWorkflow::addNote, note)}: a new update needs nothing here.
   */
  <A> ConversationView change(
      String conversationId, Functions.Func2<ConversationWorkflow, A, ConversationView> update, A request) {
    ConversationWorkflow conversation = existing(conversationId);
    return call(
        conversationId, () -> update(argument -> update.apply(conversation, argument), request, ConversationView.class, null));
  }

  ConversationView close(String conversationId, CloseRequest request) {
    ConversationWorkflow conversation = existing(conversationId);
    return call(conversationId, () -> update(conversation::close, request, ConversationView.class, null));
  }

  /**
   * The conversation's state: live from the workflow while it runs, else as last recorded in
   * PostgreSQL (a finished conversation, or one whose history the server no longer keeps).
   */
  ConversationView state(String conversationId) {
    Optional<ConversationView> recorded = Optional.empty();
    DataAccessException storeDown = null;
    if (!storeWatch.tryNow()) {
      // Down a moment ago: the workflow answers without waiting for the database's timeout.
      storeDown = new DataAccessResourceFailureException("Baton's database is down");
    } else {
      try {
        recorded = store.find(conversationId);
        storeWatch.answered();
      } catch (DataAccessException e) {
        // The workflow is the record: a running conversation reads the same without the database.
        log.debug("Conversation {} read from its workflow: the database did not answer: {}", conversationId, e.getMessage());
        storeWatch.failed();
        storeDown = e;
      }
    }
    if (recorded.isPresent() && !recorded.get().status().isOpen()) {
      return recorded.get();
    }
    try {
      return call(conversationId, () -> existing(conversationId).state());
    } catch (ConversationException e) {
      if (recorded.isPresent()) {
        return recorded.get();
      }
      // A finished conversation is known only to the database: try again when it answers (503).
      throw storeDown != null ? storeDown : e;
    }
  }

  /**
   * What the running conversation said that PostgreSQL does not have yet; empty when it has
   * ended or cannot tell (a worker from before the query), as the store then has everything it
   * will get.
   */
  List<Message> unwritten(String conversationId) {
    try {
      return call(conversationId, () -> existing(conversationId).unwritten());
    } catch (RuntimeException e) {
      log.debug("Unwritten lines of {} unknown: {}", conversationId, e.getMessage());
      return List.of();
    }
  }

  private ConversationWorkflow existing(String conversationId) {
    return client.newWorkflowStub(ConversationWorkflow.class, ConversationIds.workflowId(conversationId));
  }

  private WorkflowOptions startOptions(String conversationId, Customer customer, String channel) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(ConversationIds.workflowId(conversationId))
        .setTaskQueue(TaskQueues.CONVERSATIONS)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        // A finished conversation is never restarted under the same id: a late retry of its
        // first message is told the conversation has ended instead of opening a new one.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(BatonSearchAttributes.STATUS, ConversationStatus.BOT_ACTIVE.name())
                .set(BatonSearchAttributes.CUSTOMER_TIER, customer.tier())
                .set(BatonSearchAttributes.CUSTOMER_ID, customer.id())
                .set(BatonSearchAttributes.CHANNEL, channel)
                .build())
        .setStaticSummary(staticSummary(customer, channel))
        .build();
  }

  /** Ids and categories only: the Temporal UI shows the summary to anyone who lists workflows. */
  static String staticSummary(Customer customer, String channel) {
    return "Support conversation with customer " + customer.id() + ", " + customer.tier() + " tier, on " + channel;
  }

  private static String updateId(String clientMessageId) {
    return "msg-" + clientMessageId;
  }

  /**
   * Options for an update that is answered once accepted, so its result is waited for within the
   * call's deadline. With an id (made from the client's message id) a retried call attaches to
   * the first one; without, each call is its own update.
   */
  private static <R> UpdateOptions<R> updateOptions(Class<R> result, String updateId) {
    return UpdateOptions.newBuilder(result)
        .setUpdateId(updateId)
        .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
        .build();
  }

  /**
   * Sends an update through the typed stub's method and waits for its result within the deadline.
   * Temporal keeps the outcome of an update id, so a call whose transition failed and was undone
   * (the conversation answered {@code Unavailable}) is tried once more under a fresh id: a client
   * repeating the call gets a real attempt, not the old failure. The workflow's own memory of
   * client message ids keeps the fresh attempt from doing anything twice.
   */
  private static <A, R> R update(Functions.Func1<A, R> method, A argument, Class<R> result, String updateId) {
    try {
      return resultWithinDeadline(WorkflowClient.startUpdate(method, argument, updateOptions(result, updateId)));
    } catch (RuntimeException e) {
      if (updateId == null || !undone(e)) {
        throw e;
      }
      return retried(method, argument, result, updateId);
    }
  }

  private static <A, R> R retried(Functions.Func1<A, R> method, A argument, Class<R> result, String updateId) {
    String fresh = (updateId == null ? "retry" : updateId) + "-" + UUID.randomUUID();
    return resultWithinDeadline(WorkflowClient.startUpdate(method, argument, updateOptions(result, fresh)));
  }

  /** Whether the conversation undid the call's transition because something it needed failed. */
  private static boolean undone(RuntimeException thrown) {
    return ConversationFailures.rejection(thrown)
        .filter(r -> ConversationFailures.UNAVAILABLE.equals(r.type()))
        .isPresent();
  }

  /**
   * The update's result, waiting no longer than the call's deadline. Once accepted, the SDK would
   * wait for the result without one, and an update may run long (a helpdesk being retried): the
   * caller then gets 503 and a retry with the same id picks the result up later.
   */
  private static <T> T resultWithinDeadline(WorkflowUpdateHandle<T> handle) {
    io.grpc.Deadline deadline = Context.current().getDeadline();
    long left = deadline == null ? Long.MAX_VALUE : Math.max(deadline.timeRemaining(TimeUnit.MILLISECONDS), 1);
    return handle.getResult(left, TimeUnit.MILLISECONDS);
  }

  /**
   * Runs a Temporal call under the turn deadline and turns what it throws into our exceptions.
   * The deadline rides on the gRPC context, so every RPC the SDK makes inside gives up with it.
   */
  private <T> T call(String conversationId, Supplier<T> call) {
    Context.CancellableContext deadline =
        Context.current()
            .withDeadlineAfter(properties.turnTimeout().toMillis(), TimeUnit.MILLISECONDS, DEADLINES);
    try {
      return deadline.call(call::get);
    } catch (RuntimeException e) {
      throw translate(conversationId, e);
    } catch (Exception e) {
      throw new ConversationException.Unavailable("The conversation did not answer.", e);
    } finally {
      deadline.cancel(null);
    }
  }

  private ConversationException translate(String conversationId, RuntimeException thrown) {
    Optional<Rejection> rejection = ConversationFailures.rejection(thrown);
    if (rejection.isPresent()
        && (ConversationFailures.UNAVAILABLE.equals(rejection.get().type())
            || ConversationFailures.BUSY.equals(rejection.get().type()))) {
      return new ConversationException.Unavailable(rejection.get().detail(), thrown);
    }
    if (rejection.isPresent()) {
      return new ConversationException.Rejected(rejection.get());
    }
    if (thrown instanceof WorkflowNotFoundException || thrown instanceof WorkflowExecutionAlreadyStarted
        || hasStatus(thrown, Status.Code.NOT_FOUND)) {
      // The workflow is gone or finished; the read model knows whether it ever existed.
      Optional<ConversationView> recorded;
      try {
        recorded = store.find(conversationId);
      } catch (DataAccessException e) {
        // The database is down: the caller got to this conversation with a token or a role that
        // says it exists, and no workflow runs it, so it has ended (its status unknown for now).
        log.warn("Conversation {} has ended; the database did not say how: {}", conversationId, e.getMessage());
        return new ConversationException.Rejected(
            new Rejection(
                ConversationFailures.CONVERSATION_CLOSED, null, "The conversation has ended and accepts no more messages."));
      }
      return recorded
          .<ConversationException>map(
              row ->
                  new ConversationException.Rejected(
                      new Rejection(
                          ConversationFailures.CONVERSATION_CLOSED,
                          row.status().name(),
                          "The conversation is " + row.status() + " and accepts no more messages.")))
          .orElseGet(() -> new ConversationException.NotFound(conversationId));
    }
    Status status = grpcStatus(thrown);
    if (status != null) {
      switch (status.getCode()) {
        case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE:
          // Temporal refused what the call would send: over a size limit, or not acceptable.
          if (sizeLimit(status)) {
            return new ConversationException.TooLarge(thrown);
          }
          log.warn("Temporal refused a call on conversation {}: {}", conversationId, status);
          return new ConversationException.Refused(thrown);
        case RESOURCE_EXHAUSTED:
          return sizeLimit(status)
              ? new ConversationException.TooLarge(thrown)
              : new ConversationException.Throttled(thrown);
        default:
          break;
      }
    }
    return new ConversationException.Unavailable(
        "The conversation service did not answer in time; repeat the call with the same"
            + " clientMessageId to get the reply without sending the message twice.",
        thrown);
  }

  /** Whether Temporal refused a payload, a message or a history for its size. */
  private static boolean sizeLimit(Status status) {
    String message = status.getDescription() == null ? "" : status.getDescription().toLowerCase(java.util.Locale.ROOT);
    return message.contains("size") || message.contains("too large") || message.contains("larger than");
  }

  /** The first gRPC status in the cause chain, or null. */
  private static Status grpcStatus(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status) {
        return status.getStatus();
      }
    }
    return null;
  }

  private static boolean hasStatus(Throwable thrown, Status.Code code) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException status && status.getStatus().getCode() == code) {
        return true;
      }
    }
    return false;
  }
}
