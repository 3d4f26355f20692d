package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.baton.conversation.BatonSearchAttributes;
import dev.baton.conversation.ConversationIds;
import dev.baton.conversation.ConversationSettings;
import dev.baton.conversation.ConversationStart;
import dev.baton.conversation.ConversationWorkflow;
import dev.baton.conversation.Customer;
import dev.baton.conversation.CustomerMessage;
import dev.baton.conversation.TaskQueues;
import dev.baton.conversation.TurnResult;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bot's timeout is the worker's configuration, not the workflow's constant: the workflow's
 * own bot options give an attempt 10 s, yet with {@code baton.bot.timeout=14s} a webhook bot that
 * needs 10.5 s gets its answer to the customer, on the first attempt.
 */
@SpringBootTest(
    properties = {
      "spring.temporal.test-server.enabled=true",
      "server.port=0",
      "baton.codec.keys=wiring:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
      "baton.bot.kind=webhook",
      "baton.bot.fallback=person",
      "baton.bot.timeout=14s",
      "baton.bot.webhook.timeout=12s",
      "baton.bot.webhook.retries=0",
      "baton.bot.webhook.secret=slow-bot-shared-secret"
    })
class BotTimeoutTest {
  private static final EmbeddedPostgres POSTGRES = start();
  private static final AtomicInteger CALLS = new AtomicInteger();
  private static final HttpServer SLOW_BOT = slowBot();

  @Autowired WorkflowClient client;
  @Autowired TestWorkflowEnvironment temporal;

  @BeforeEach
  void registerSearchAttributes() {
    BatonSearchAttributes.ALL.forEach(
        key -> temporal.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> POSTGRES.getJdbcUrl("postgres", "postgres"));
    registry.add("baton.bot.webhook.url", () -> "http://127.0.0.1:" + SLOW_BOT.getAddress().getPort() + "/bot");
  }

  @AfterAll
  static void stop() throws IOException {
    SLOW_BOT.stop(0);
    POSTGRES.close();
  }

  @Test
  void aSlowBotWithinTheConfiguredTimeoutAnswersTheCustomer() {
    ConversationWorkflow conversation =
        client.newWorkflowStub(
            ConversationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ConversationIds.workflowId("slow-bot-1"))
                .setTaskQueue(TaskQueues.CONVERSATIONS)
                .build());
    WorkflowClient.start(
        conversation::run,
        ConversationStart.first(
            "slow-bot-1", new Customer("cust-1", "Ada", null, null, "en"), "web", ConversationSettings.DEFAULTS));

    TurnResult turn = conversation.sendMessage(new CustomerMessage("m1", "How do I return a jacket?"));

    assertThat(turn.replies()).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("Send it back within 30 days."));
    assertThat(CALLS.get()).as("calls to the bot").isEqualTo(1);
  }

  /** A team's bot that takes 10.5 s over every answer. */
  private static HttpServer slowBot() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/bot",
          exchange -> {
            exchange.getRequestBody().readAllBytes();
            CALLS.incrementAndGet();
            try {
              Thread.sleep(10_500);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            byte[] body =
                "{\"reply\":\"Send it back within 30 days.\",\"intent\":\"return_item\",\"confidence\":0.9}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
              exchange.sendResponseHeaders(200, body.length);
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
              }
            } catch (IOException e) {
              // Baton gave up on this attempt.
            } finally {
              exchange.close();
            }
          });
      server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
    }
  }
}
