package dev.baton.conversation;

import io.temporal.workflow.QueryMethod;
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

  /** Ends the conversation at the customer's or front end's request. */
  @UpdateMethod
  ConversationView close(CloseRequest request);

  @UpdateValidatorMethod(updateName = "close")
  void validateClose(CloseRequest request);

  @QueryMethod
  ConversationView state();
}
