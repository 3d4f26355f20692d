package dev.baton.api.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;

/**
 * Every route of /api/v1 and who may call it: the one list the security filter chain is built
 * from. A route that is not here is refused to everyone (403), and a test fails the build for any
 * controller mapping without a rule; docs/security.md shows the same table.
 */
public final class AccessRules {
  private AccessRules() {}

  /** Who may call a route; path variables name the conversation, agent, queue or account. */
  public enum Access {
    /** Anyone, without a token. */
    PUBLIC,
    /** Any valid token. */
    AUTHENTICATED,
    /** Any agent, supervisor or admin. */
    STAFF,
    SUPERVISOR,
    ADMIN,
    /** The conversation's customer; an agent of its queue or its holder; a supervisor. */
    CONVERSATION_READ,
    /** The conversation's customer only. */
    CONVERSATION_CUSTOMER,
    /** The conversation's customer, or a supervisor. */
    CONVERSATION_CUSTOMER_OR_SUPERVISOR,
    /**
     * An agent of the conversation's queue, or its holder; a supervisor. For acting through the
     * conversation, which refuses what it cannot do: any agent may try one the bot holds.
     */
    CONVERSATION_STAFF,
    /**
     * An agent of the conversation's queue, or its holder; a supervisor. For reading about the
     * conversation and writing beside it (the bot's readings, flags, example answers, earlier
     * conversations), where nothing behind the gate checks again: one the bot holds is for
     * supervisors only.
     */
    CONVERSATION_STAFF_READ,
    /** The agent named in the path, themselves. */
    AGENT_SELF,
    /** The agent named in the path, or a supervisor. */
    AGENT_SELF_OR_SUPERVISOR,
    /** An agent assigned to the queue in the path, or a supervisor. */
    QUEUE_STAFF,
    /** The account in the path, themselves, or a supervisor. */
    ACCOUNT_SELF_OR_SUPERVISOR
  }

  /** One route: method (null for any), path pattern, and who may call it. */
  public record Rule(HttpMethod method, String pattern, Access access) {}

  private static final String CONVERSATION = "/api/v1/conversations/{conversationId}";

  public static final List<Rule> RULES =
      List.of(
          new Rule(POST, "/api/v1/conversations", Access.PUBLIC),
          // The list narrows itself to an agent's queues (ConversationListController).
          new Rule(GET, "/api/v1/conversations", Access.STAFF),
          new Rule(GET, CONVERSATION, Access.CONVERSATION_READ),
          new Rule(GET, CONVERSATION + "/messages", Access.CONVERSATION_READ),
          new Rule(GET, CONVERSATION + "/stream", Access.CONVERSATION_READ),
          new Rule(POST, CONVERSATION + "/typing", Access.CONVERSATION_READ),
          new Rule(POST, CONVERSATION + "/messages", Access.CONVERSATION_CUSTOMER),
          new Rule(POST, CONVERSATION + "/handoff", Access.CONVERSATION_CUSTOMER),
          new Rule(POST, CONVERSATION + "/csat", Access.CONVERSATION_CUSTOMER),
          new Rule(POST, CONVERSATION + "/close", Access.CONVERSATION_CUSTOMER_OR_SUPERVISOR),
          new Rule(POST, CONVERSATION + "/takeover", Access.CONVERSATION_STAFF),
          new Rule(POST, CONVERSATION + "/agent-messages", Access.CONVERSATION_STAFF),
          new Rule(POST, CONVERSATION + "/transfer", Access.CONVERSATION_STAFF),
          new Rule(POST, CONVERSATION + "/release", Access.CONVERSATION_STAFF),
          new Rule(POST, CONVERSATION + "/resolve", Access.CONVERSATION_STAFF),
          new Rule(POST, CONVERSATION + "/requeue", Access.SUPERVISOR),
          new Rule(POST, CONVERSATION + "/notes", Access.CONVERSATION_STAFF),
          new Rule(GET, CONVERSATION + "/earlier", Access.CONVERSATION_STAFF_READ),
          // The review loop (issue 12): agents flag the bot's readings and keep notes; supervisors review.
          new Rule(GET, CONVERSATION + "/bot-turns", Access.CONVERSATION_STAFF_READ),
          new Rule(POST, CONVERSATION + "/bot-turns/{turn}/flag", Access.CONVERSATION_STAFF_READ),
          new Rule(POST, CONVERSATION + "/example-answers", Access.CONVERSATION_STAFF_READ),
          new Rule(GET, "/api/v1/bot/model", Access.STAFF),
          new Rule(GET, "/api/v1/bot/review", Access.SUPERVISOR),
          new Rule(POST, "/api/v1/bot/review/{conversationId}/{turn}", Access.SUPERVISOR),
          new Rule(GET, "/api/v1/bot/example-answers", Access.SUPERVISOR),
          new Rule(PUT, "/api/v1/agents/{agentId}/presence", Access.AGENT_SELF_OR_SUPERVISOR),
          new Rule(POST, "/api/v1/agents/{agentId}/heartbeat", Access.AGENT_SELF),
          new Rule(GET, "/api/v1/agents/{agentId}", Access.AGENT_SELF_OR_SUPERVISOR),
          new Rule(GET, "/api/v1/agents/{agentId}/conversations", Access.AGENT_SELF_OR_SUPERVISOR),
          new Rule(GET, "/api/v1/queues", Access.STAFF),
          new Rule(GET, "/api/v1/queues/stream", Access.STAFF),
          new Rule(GET, "/api/v1/queues/{queue}/waiting", Access.QUEUE_STAFF),
          new Rule(GET, "/api/v1/queues/{queue}/hours", Access.QUEUE_STAFF),
          new Rule(PUT, "/api/v1/queues/{queue}/hours", Access.SUPERVISOR),
          new Rule(GET, "/api/v1/queues/{queue}/callbacks", Access.QUEUE_STAFF),
          new Rule(GET, "/api/v1/queues/{queue}/canned-replies", Access.QUEUE_STAFF),
          new Rule(PUT, "/api/v1/queues/{queue}/canned-replies", Access.SUPERVISOR),
          new Rule(GET, "/api/v1/tickets", Access.SUPERVISOR),
          new Rule(GET, "/api/v1/tickets/{id}", Access.SUPERVISOR),
          new Rule(PATCH, "/api/v1/tickets/{id}", Access.SUPERVISOR),
          new Rule(POST, "/api/v1/auth/token", Access.PUBLIC),
          new Rule(DELETE, "/api/v1/auth/token", Access.STAFF),
          new Rule(GET, "/api/v1/auth/me", Access.AUTHENTICATED),
          new Rule(GET, "/api/v1/accounts", Access.SUPERVISOR),
          new Rule(POST, "/api/v1/accounts", Access.SUPERVISOR),
          new Rule(GET, "/api/v1/accounts/{username}", Access.ACCOUNT_SELF_OR_SUPERVISOR),
          new Rule(PATCH, "/api/v1/accounts/{username}", Access.SUPERVISOR),
          new Rule(POST, "/api/v1/accounts/{username}/tokens", Access.ACCOUNT_SELF_OR_SUPERVISOR),
          // The payload codec (issue 11) decodes conversation payloads for the Temporal UI.
          new Rule(null, "/api/v1/codec/**", Access.SUPERVISOR),
          // The numbers (issue 13); the dashboard page reads them.
          new Rule(GET, "/api/v1/metrics", Access.SUPERVISOR));

  /**
   * The api's Prometheus endpoint: Baton's numbers by channel and queue are a supervisor's to
   * read (docs/security.md). Not under /api/v1, so kept apart from {@link #RULES}.
   */
  public static final Rule PROMETHEUS = new Rule(GET, "/actuator/prometheus", Access.SUPERVISOR);

  /**
   * What {@code caller} (null when anonymous) gets on a route of {@code access}: allowed,
   * forbidden, or (for an agent on a conversation the read model does not have) not found.
   */
  static ConversationGate.Verdict verdict(
      Access access, Caller caller, Map<String, String> path, ConversationGate conversations) {
    if (access == Access.PUBLIC) {
      return ConversationGate.Verdict.ALLOWED;
    }
    if (caller == null) {
      return ConversationGate.Verdict.FORBIDDEN;
    }
    String conversationId = path.get("conversationId");
    return switch (access) {
      case PUBLIC, AUTHENTICATED -> ConversationGate.Verdict.ALLOWED;
      case STAFF -> of(caller.staff());
      case SUPERVISOR -> of(caller.supervisor());
      case ADMIN -> of(caller.admin());
      case CONVERSATION_CUSTOMER -> of(caller.customer() && conversationId.equals(caller.conversationId()));
      case CONVERSATION_CUSTOMER_OR_SUPERVISOR ->
          of(caller.supervisor() || (caller.customer() && conversationId.equals(caller.conversationId())));
      case CONVERSATION_READ ->
          caller.customer() ? of(conversationId.equals(caller.conversationId())) : conversations.staffMayRead(caller, conversationId);
      case CONVERSATION_STAFF -> conversations.staffMayAct(caller, conversationId);
      case CONVERSATION_STAFF_READ -> conversations.staffMayRead(caller, conversationId);
      case AGENT_SELF -> of(caller.staff() && caller.name().equals(path.get("agentId")));
      case AGENT_SELF_OR_SUPERVISOR -> of(caller.supervisor() || (caller.staff() && caller.name().equals(path.get("agentId"))));
      case QUEUE_STAFF -> of(caller.serves(path.get("queue")));
      case ACCOUNT_SELF_OR_SUPERVISOR -> of(caller.supervisor() || (caller.staff() && caller.name().equals(path.get("username"))));
    };
  }

  private static ConversationGate.Verdict of(boolean allowed) {
    return allowed ? ConversationGate.Verdict.ALLOWED : ConversationGate.Verdict.FORBIDDEN;
  }
}
