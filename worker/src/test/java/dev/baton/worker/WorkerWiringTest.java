package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.conversation.BatonSearchAttributes;
import dev.baton.conversation.ConversationIds;
import dev.baton.conversation.ConversationSettings;
import dev.baton.conversation.ConversationStart;
import dev.baton.conversation.ConversationWorkflow;
import dev.baton.conversation.Customer;
import dev.baton.conversation.CustomerMessage;
import dev.baton.conversation.TaskQueues;
import dev.baton.conversation.TurnResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Starts the worker as configured in application.yaml, against Temporal's in-memory server and a
 * real PostgreSQL, and runs one turn: proves the task queue, workflow and activity beans are
 * wired together and the schema migrates.
 */
@SpringBootTest(
    properties = {
      "spring.temporal.test-server.enabled=true",
      "server.port=0",
      "baton.codec.keys=wiring:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
    })
class WorkerWiringTest {
  private static final EmbeddedPostgres POSTGRES = start();

  @Autowired WorkflowClient client;
  @Autowired JdbcTemplate jdbc;
  @Autowired TestWorkflowEnvironment temporal;

  @BeforeEach
  void registerSearchAttributes() {
    // The in-memory server knows none of Baton's attributes; the dev server gets them at start.
    BatonSearchAttributes.ALL.forEach(
        key -> temporal.registerSearchAttribute(key.getName(), key.getValueType()));
  }

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
  }

  @AfterAll
  static void stop() throws IOException {
    POSTGRES.close();
  }

  @Test
  void aTurnRunsThroughTheRealBotAndLandsInPostgres() {
    ConversationWorkflow conversation =
        client.newWorkflowStub(
            ConversationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ConversationIds.workflowId("wiring-1"))
                .setTaskQueue(TaskQueues.CONVERSATIONS)
                .build());
    WorkflowClient.start(
        conversation::run,
        ConversationStart.first(
            "wiring-1", new Customer("cust-1", "Adelheid Quarrington", null, null, "en"), "web",
            ConversationSettings.DEFAULTS));

    TurnResult turn = conversation.sendMessage(new CustomerMessage("m1", "Where is my order 12345678?"));

    assertThat(turn.replies()).singleElement().satisfies(m -> assertThat(m.text()).contains("12345678"));
    List<String> stored =
        jdbc.queryForList(
            "select author || ': ' || text from messages where conversation_id = 'wiring-1' order by seq",
            String.class);
    assertThat(stored).hasSize(2).first().isEqualTo("CUSTOMER: Where is my order 12345678?");
    assertThat(conversation.state().intent()).isEqualTo("track_order");
    // What the server keeps is encrypted: the customer's name and words are not in it. (Long
    // markers: a three-letter name turns up by chance in that many random bytes now and then.)
    var history = client.fetchHistory(ConversationIds.workflowId("wiring-1"));
    var input = history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
    assertThat(input.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(history.toProtoText(false)).doesNotContain("Quarrington").doesNotContain("order 12345678?");
  }

  /** The shared check of the codec module, under the name the readiness group lists. */
  @Test
  void readinessChecksTheTemporalConnection(@Autowired ApplicationContext context) {
    HealthIndicator temporalHealth = context.getBean("temporal", HealthIndicator.class);

    assertThat(temporalHealth.health().getStatus()).isEqualTo(Status.UP);
  }

  private static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
    }
  }
}
