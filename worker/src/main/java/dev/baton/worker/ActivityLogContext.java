package dev.baton.worker;

import dev.baton.conversation.ConversationIds;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import org.slf4j.MDC;

/**
 * Puts the conversation id (and the activity type) into the logging context while an activity
 * runs, so every line it logs, structured or not, says which conversation it was for. Local
 * activities run on the worker's own threads too, so they are covered alike.
 */
final class ActivityLogContext extends WorkerInterceptorBase {
  static final String CONVERSATION_ID = "conversationId";
  static final String ACTIVITY = "activity";

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityInboundCallsInterceptorBase(next) {
      private ActivityExecutionContext context;

      @Override
      public void init(ActivityExecutionContext context) {
        // Handed here, before the activity's thread has it: Activity.getExecutionContext() would fail.
        this.context = context;
        super.init(context);
      }

      @Override
      public ActivityOutput execute(ActivityInput input) {
        var info = context.getInfo();
        String workflowId = info.getWorkflowId();
        String conversationId =
            workflowId != null && workflowId.startsWith(ConversationIds.workflowId(""))
                ? ConversationIds.conversationId(workflowId)
                : workflowId;
        try (var id = MDC.putCloseable(CONVERSATION_ID, conversationId);
            var type = MDC.putCloseable(ACTIVITY, info.getActivityType())) {
          return super.execute(input);
        }
      }
    };
  }
}
