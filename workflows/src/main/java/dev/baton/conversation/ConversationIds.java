package dev.baton.conversation;

/** The one place that turns a conversation id into its workflow id and back. */
public final class ConversationIds {
  private static final String PREFIX = "conversation-";

  private ConversationIds() {}

  public static String workflowId(String conversationId) {
    return PREFIX + conversationId;
  }

  public static String conversationId(String workflowId) {
    if (!workflowId.startsWith(PREFIX)) {
      throw new IllegalArgumentException("Not a conversation workflow id: " + workflowId);
    }
    return workflowId.substring(PREFIX.length());
  }
}
