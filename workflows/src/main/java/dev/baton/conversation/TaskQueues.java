package dev.baton.conversation;

/** Names of the Temporal task queues Baton's workers poll. */
public final class TaskQueues {
  /** Conversation workflows and the activities on their turn path. */
  public static final String CONVERSATIONS = "baton-conversations";

  private TaskQueues() {}
}
