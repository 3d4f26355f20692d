package dev.baton.conversation;

import dev.baton.agents.AgentRequests;
import io.temporal.workflow.QueryMethod;
import java.util.List;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One customer-support conversation, from the first message to its end. Its workflow id comes
 * from {@link ConversationIds#workflowId}.
 */
@WorkflowInterface
public interface ConversationWorkflow {

  /** Runs until the conversation is resolved, abandoned or closed. */
  @WorkflowMethod
  void run(ConversationStart start);

  /** Opens the conversation without a customer message: the bot greets the customer. */
  @UpdateMethod
  TurnResult open();

  /** One customer message; returns the bot's reply in the same call. */
  @UpdateMethod
  TurnResult sendMessage(CustomerMessage message);

  @UpdateValidatorMethod(updateName = "sendMessage")
  void validateMessage(CustomerMessage message);

  /**
   * The customer asked for a person through the front end ("talk to a person"). Escalates at
   * once; on a conversation already with people it changes nothing. Returns the state.
   */
  @UpdateMethod
  ConversationView requestHandoff(HandoffRequest request);

  @UpdateValidatorMethod(updateName = "requestHandoff")
  void validateHandoff(HandoffRequest request);

  /**
   * An agent takes the conversation. Exactly one agent gets it: the validator refuses, writing
   * nothing to history, unless the conversation is waiting for a person and the agent (as the
   * API found them) is online, serves its queue and has room.
   */
  @UpdateMethod
  ConversationView takeover(AgentRequests.Takeover request);

  @UpdateValidatorMethod(updateName = "takeover")
  void validateTakeover(AgentRequests.Takeover request);

  /** The holding agent writes to the customer. */
  @UpdateMethod
  TurnResult agentMessage(AgentRequests.AgentMessage message);

  @UpdateValidatorMethod(updateName = "agentMessage")
  void validateAgentMessage(AgentRequests.AgentMessage message);

  /** The holding agent sends the conversation to another queue's waiting list. */
  @UpdateMethod
  ConversationView transfer(AgentRequests.Transfer request);

  @UpdateValidatorMethod(updateName = "transfer")
  void validateTransfer(AgentRequests.Transfer request);

  /** The holding agent hands the conversation back to the bot. */
  @UpdateMethod
  ConversationView release(AgentRequests.AgentNote request);

  @UpdateValidatorMethod(updateName = "release")
  void validateRelease(AgentRequests.AgentNote request);

  /** The holding agent marks the problem solved; the conversation ends. */
  @UpdateMethod
  ConversationView resolve(AgentRequests.AgentNote request);

  @UpdateValidatorMethod(updateName = "resolve")
  void validateResolve(AgentRequests.AgentNote request);

  /**
   * The holding agent is gone (offline, or silent past the holder timeout), or a supervisor
   * reassigns the conversation: it goes back to the waiting list of its queue, first in line,
   * with a note in the summary. Refused unless an agent holds it (the one named, if any).
   */
  @UpdateMethod
  ConversationView requeue(AgentRequests.Requeue request);

  @UpdateValidatorMethod(updateName = "requeue")
  void validateRequeue(AgentRequests.Requeue request);

  /**
   * A staff member's internal note, kept on the handoff summary with the notes of earlier holders
   * (the latest {@link dev.baton.escalation.HandoffSummary#MAX_AGENT_NOTES}): staff read it, the
   * customer never does, and nothing is said in the conversation. Refused while the bot holds a
   * conversation that was never handed to people (it has no summary yet).
   */
  @UpdateMethod
  ConversationView addNote(AgentRequests.AgentNote note);

  @UpdateValidatorMethod(updateName = "addNote")
  void validateAddNote(AgentRequests.AgentNote note);

  /** Ends the conversation at the customer's or front end's request. */
  @UpdateMethod
  ConversationView close(CloseRequest request);

  @UpdateValidatorMethod(updateName = "close")
  void validateClose(CloseRequest request);

  @QueryMethod
  ConversationView state();

  /**
   * Lines the conversation said whose transcript write has not succeeded yet (PostgreSQL down or
   * behind; the catch-up writes them), oldest first: almost always none. Reads of the
   * conversation show them, so a reader sees what the conversation knows.
   */
  @QueryMethod
  List<Message> unwritten();
}
