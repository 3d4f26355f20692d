package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A normal day leaves the worker's and the api's logs quiet: after the happy paths (the bot
 * answers, a customer asks for a person, an agent takes over, they talk, the agent hands back and
 * the customer says it is solved; another conversation is closed) neither process has logged a WARN or an
 * ERROR beyond the few start-up warnings listed below. A quiet log is how an operator sees a real
 * problem. Runs first, on the fresh stack, before the fault and hostile-input suites make noise on
 * purpose.
 */
@Order(1)
@ExtendWith(BatonStackExtension.class)
class QuietLogIT {
  /**
   * Warnings a healthy start may log, each for a reason that is not a fault: (none today). Add an
   * entry only with the reason beside it; never raise a logger's level to hide one.
   */
  private static final List<String> EXPECTED_AT_START = List.of();

  private final BatonStack stack;
  private final ApiClient api;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  QuietLogIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @Test
  void aNormalDayLogsNoWarning() throws Exception {
    JsonNode answered = api.startConversation("quiet-bot-" + suffix, "standard", "where is my order 12345678");
    String bot = answered.path("conversationId").asText();
    api.send(bot, "and can I change the delivery address?", "quiet-b2");
    api.close(bot);

    String agent = "quiet-agent-" + suffix;
    api.agentOnline(agent, List.of("billing", "billing_de", "technical", "account_access", "orders", "general"), 3);
    String id = api.startConversation("quiet-person-" + suffix, "standard", "hello").path("conversationId").asText();
    assertThat(api.send(id, "I want to talk to a real person", "quiet-p2").path("status").asText()).isEqualTo("AWAITING_AGENT");
    api.post("/conversations/" + id + "/takeover", Map.of("agentId", agent)).expect(200);
    api.send(id, "my parcel never came", "quiet-p3");
    api.post("/conversations/" + id + "/agent-messages", Map.of("agentId", agent, "text", "I have sent a new one.", "clientMessageId", "quiet-a1"))
        .expect(200);
    api.post("/conversations/" + id + "/release", Map.of("agentId", agent, "note", "resent the parcel")).expect(200);
    assertThat(api.send(id, "thank you, that solved it", "quiet-p4").path("status").asText()).isEqualTo("RESOLVED");
    api.put("/agents/" + agent + "/presence", Map.of("status", "OFFLINE", "queues", List.of("general"), "maxConcurrent", 1));
    // What a turn logs comes after its answer (writes, timers swapped and cancelled): give it a moment.
    Thread.sleep(Duration.ofSeconds(3).toMillis());

    List<String> loud = new ArrayList<>();
    for (String process : List.of("worker", "api")) {
      loud.addAll(warningsAndErrors(stack.workDirectory().resolve("e2e-logs").resolve(process + ".log"), process));
    }
    assertThat(loud).as("WARN and ERROR lines in the worker's and the api's logs after a normal day").isEmpty();
  }

  private static List<String> warningsAndErrors(Path log, String process) throws IOException {
    List<String> found = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (!line.startsWith("{")) {
        continue;
      }
      JsonNode entry = ApiClient.JSON.readTree(line);
      String level = entry.path("log").path("level").asText();
      String message = entry.path("message").asText();
      if ((level.equals("WARN") || level.equals("ERROR")) && EXPECTED_AT_START.stream().noneMatch(message::startsWith)) {
        found.add(process + " " + level + " " + entry.path("log").path("logger").asText() + ": " + message);
      }
    }
    return found;
  }
}
