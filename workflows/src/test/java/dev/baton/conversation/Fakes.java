package dev.baton.conversation;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;

/**
 * Every activity a conversation calls, as fakes a test can steer, registered on the test worker,
 * with the test server's client, started.
 */
final class Fakes {
  final ScriptedBot bot = new ScriptedBot();
  final FakeTranscript transcript = new FakeTranscript();
  final FakeHelpdesk helpdesk = new FakeHelpdesk();
  final FakeHours hours = new FakeHours();
  final FakeAgents agents = new FakeAgents(hours);
  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final String taskQueue;

  Fakes(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    worker.registerActivitiesImplementations(bot, transcript, new FakeEscalations(), hours, helpdesk, agents);
    env.start();
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
  }

  ConversationWorkflow start(String id, Customer customer) {
    return Conversations.start(client, taskQueue, id, customer, ConversationSettings.DEFAULTS);
  }
}
