package dev.baton.conversation;

import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays histories recorded on the real Temporal dev server against today's workflow code. A
 * change that would break conversations already running in production fails here; guard it with
 * {@code Workflow.getVersion} and record a new history next to the old ones.
 */
class ConversationReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "resolved-after-three-turns.json",
        "abandoned-when-idle.json",
        "continued-as-new-after-two-turns.json",
        "closed-after-continue-as-new.json",
        // Recorded after the escalation engine (version 1 of the "escalation" change).
        "escalated-for-distress-then-silent.json",
        "escalated-high-value-then-handoff-and-close.json",
        "escalated-when-no-progress-for-90s.json",
        // Recorded after business hours, callbacks and agents ("after-hours" and "agents" changes).
        "taken-over-by-an-agent-and-resolved.json",
        "callback-when-no-agent-is-free.json",
        // Recorded after the workflow became a state machine of phases (the "phases" change).
        "phases-resolved-by-the-bot.json",
        "phases-taken-over-transferred-released-closed.json",
        "phases-callback-then-queue-opened-taken-over-resolved.json",
        "phases-pickup-sla-missed-then-closed.json",
        // Recorded after the "language" change (on the SDK's test server, from the scenario of
        // EscalationWorkflowTest): a German greeting, then a refund routed to billing_de.
        "language-detected-routes-to-german-billing.json",
        // Recorded after input limits ("limits": every update counts towards the hand-over, capped
        // carried state), through the api with tokens, saved decoded through the codec endpoint.
        "limits-escalated-taken-over-transferred-closed.json",
        // Recorded under "operator-attributes", before "lean-turns" (the intent written on every
        // turn that changed it; hours and availability read apart), through the api.
        "operator-attributes-escalated-taken-over-resolved.json",
        // Recorded after "lean-turns" (no search-attribute write on a plain bot turn; hours and
        // availability in one local activity), through the api, saved decoded through the codec.
        "lean-turns-escalated-taken-over-resolved.json",
        // Recorded under the shared catalogue (on the SDK's test server, from the scenarios of
        // EscalationWorkflowTest): a reading torn between a destructive pair asks (BotTurn.tornWith),
        // the answer goes to account security; two out-of-scope questions, then CAPABILITY_GAP.
        "shared-catalogue-torn-reading-asked-then-deleted.json",
        "shared-catalogue-out-of-scope-twice-capability-gap.json",
        // Recorded with the worker's option to upsert TemporalChangeVersion at each version marker
        // (on the SDK's test server): deploy/temporal/old-runs.sh counts runs by it.
        "change-versions-upserted-handoff-then-closed.json",
        // Recorded under "quick-transcript" (on the SDK's test server, from the scenario of
        // ConversationWorkflowTest): the transcript hangs during a turn, whose write gives up within
        // 1.2 s; the catch-up writes the lines once it answers; then closed.
        "quick-transcript-hung-then-caught-up.json"
      })
  void replaysRecordedConversation(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/" + history, ConversationWorkflowImpl.class);
  }

  /**
   * Every recorded history on a worker that upserts {@code TemporalChangeVersion} at each version
   * marker, as the worker does: runs recorded before the option had no such upserts, and their
   * markers say so, so replay expects none.
   */
  @ParameterizedTest
  @MethodSource("everyHistory")
  void replaysWithChangeVersionsUpserted(String history) throws Exception {
    TestWorkflowEnvironment environment = TestWorkflowEnvironment.newInstance();
    try {
      Worker worker =
          environment.newWorker(
              "replay-with-change-versions", WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
      worker.registerWorkflowImplementationTypes(
          WorkflowImplementationOptions.newBuilder().setEnableUpsertVersionSearchAttributes(true).build(),
          ConversationWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history, worker);
    } finally {
      environment.close();
    }
  }

  static Stream<String> everyHistory() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/histories"))) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList().stream();
    }
  }

  /**
   * The same histories, with the worker's activity summaries: they are user metadata on the
   * commands, which replay does not compare, so adding or rewording them needs no version gate.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "resolved-after-three-turns.json",
        "escalated-high-value-then-handoff-and-close.json",
        "callback-when-no-agent-is-free.json",
        "phases-resolved-by-the-bot.json",
        "phases-taken-over-transferred-released-closed.json",
        "phases-callback-then-queue-opened-taken-over-resolved.json",
        "phases-pickup-sla-missed-then-closed.json",
        "operator-attributes-escalated-taken-over-resolved.json",
        "lean-turns-escalated-taken-over-resolved.json"
      })
  void replaysWithActivitySummaries(String history) throws Exception {
    TestWorkflowEnvironment environment =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder().setWorkerInterceptors(new ActivitySummaries()).build())
                .build());
    try {
      // A generous deadlock timeout: the first replay loads every class, slowly on a busy machine.
      Worker worker =
          environment.newWorker(
              "replay-with-summaries", WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(30_000).build());
      worker.registerWorkflowImplementationTypes(ConversationWorkflowImpl.class);
      WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history, worker);
    } finally {
      environment.close();
    }
  }
}
