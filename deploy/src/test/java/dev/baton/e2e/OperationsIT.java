package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What an operator does on the real stack: the List Filter queries of docs/operations.md find
 * the right conversations in Temporal, the conversation list pages through the read model with
 * the right filters and scope, a conversation links to its Temporal UI page, and readiness goes
 * down while Temporal is down.
 */
@ExtendWith(BatonStackExtension.class)
class OperationsIT {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);
  private final BatonStack stack;
  private final ApiClient api;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  OperationsIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @BeforeEach
  void onlyThisTestsAgents() {
    stack.allAgentsOffline();
  }

  @AfterEach
  void agentsGoHome() {
    stack.allAgentsOffline();
  }

  @Test
  void theListFiltersOfTheRunbookFindTheRightConversations() {
    // Nobody online: a callback, due when the promise says.
    JsonNode callback = api.startConversation("ops-cb-" + suffix, "standard", "I want to talk to a real person");
    assertThat(callback.path("status").asText()).isEqualTo("CALLBACK_SCHEDULED");
    String callbackId = callback.path("conversationId").asText();
    Instant due = Instant.parse(api.conversation(callbackId).path("callback").path("promisedBy").asText());

    String agent = "ops-" + suffix;
    api.agentOnline(agent, List.of("general", "orders", "billing"), 5);
    JsonNode waiting = api.startConversation("ops-wait-" + suffix, "standard", "I want to talk to a real person");
    assertThat(waiting.path("status").asText()).isEqualTo("AWAITING_AGENT");
    String waitingId = waiting.path("conversationId").asText();
    JsonNode waitingNow = api.conversation(waitingId);
    String queue = waitingNow.path("queue").asText();
    Instant escalatedAt = Instant.parse(waitingNow.path("escalation").path("at").asText());

    JsonNode distressed =
        api.startConversation("ops-distress-" + suffix, "standard", "I already told you, my order 12345678 has not arrived");
    String distressedId = distressed.path("conversationId").asText();
    assertThat(api.conversation(distressedId).path("escalation").path("reason").asText()).isEqualTo("USER_DISTRESS");

    JsonNode held = api.startConversation("ops-held-" + suffix, "standard", "I want to talk to a real person");
    String heldId = held.path("conversationId").asText();
    api.post("/conversations/" + heldId + "/takeover", Map.of("agentId", agent)).expect(200);

    // "Who waits in <queue> longer than N minutes": escalated before now - N.
    String waitsLonger = "BatonStatus=\"AWAITING_AGENT\" AND BatonQueue=\"%s\" AND BatonEscalatedAt < \"%s\"";
    Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
    Instant dueDay = due.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
    await("the runbook's queries find the conversations")
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              assertThat(ids(waitsLonger.formatted(queue, escalatedAt.plusSeconds(1)))).contains(workflow(waitingId));
              assertThat(ids(waitsLonger.formatted(queue, escalatedAt.minus(Duration.ofMinutes(5)))))
                  .doesNotContain(workflow(waitingId));
              assertThat(ids("BatonHolder=\"" + agent + "\"")).containsExactly(workflow(heldId));
              assertThat(ids("BatonEscalationReason=\"USER_DISTRESS\" AND BatonEscalatedAt >= \"" + today + "\""))
                  .contains(workflow(distressedId))
                  .doesNotContain(workflow(waitingId), workflow(heldId));
              assertThat(
                      ids(
                          "BatonStatus=\"CALLBACK_SCHEDULED\" AND BatonCallbackDue >= \"%s\" AND BatonCallbackDue < \"%s\""
                              .formatted(dueDay, dueDay.plus(Duration.ofDays(1)))))
                  .contains(workflow(callbackId))
                  .doesNotContain(workflow(waitingId));
            });
  }

  /**
   * The runbook's count of runs still on each change's old branch (deploy/temporal/old-runs.sh):
   * every run this worker started says which change ids it ran with, so none is counted as old,
   * and a run that lacked one would be.
   */
  @Test
  void oldRunsCountsNoRunOfTodaysWorkerAsOnAnOldBranch() throws Exception {
    String id = api.startConversation("ops-versions-" + suffix, "standard", "where is my order 12345678").path("conversationId").asText();
    await("the count of runs sees the new run")
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              String report = oldRuns();
              assertThat(report).containsPattern("running conversation runs on default: [1-9]");
              assertThat(report.lines().filter(l -> l.contains("on the old branch")).toList())
                  .hasSize(changeIds())
                  .allSatisfy(line -> assertThat(line).matches("[a-z-]+ +0 on the old branch"));
            });
    api.close(id);
  }

  /** The change ids Versions declares, as the script reads them. */
  private int changeIds() throws Exception {
    Path versions = stack.root().resolve("workflows/src/main/java/dev/baton/conversation/legacy/Versions.java");
    return (int) Files.readAllLines(versions).stream()
        .filter(line -> line.matches(" *static final String [A-Z_]+ = \"[a-z-]+\";"))
        .count();
  }

  private String oldRuns() throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                stack.root().resolve("deploy/temporal/old-runs.sh").toString(), stack.temporalCli(),
                stack.root().resolve("workflows/src/main/java/dev/baton/conversation/legacy/Versions.java").toString())
            .redirectErrorStream(true);
    builder.environment().put("TEMPORAL_ADDRESS", stack.temporalAddress());
    builder.environment().put("TEMPORAL_NAMESPACE", "default");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("old-runs.sh ends").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void theConversationListFiltersPagesAndKeepsAgentsToTheirQueues() {
    String customer = "ops-list-" + suffix;
    List<String> started = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      started.add(api.newConversation(customer, "where is my order 1234567" + i));
    }
    api.close(started.get(0));
    ApiClient operator = api.as(api.operator());

    JsonNode first = operator.get("/conversations?customer=" + customer + "&limit=2").expect(200);
    JsonNode second =
        operator.get("/conversations?customer=" + customer + "&limit=2&cursor=" + first.path("nextCursor").asText()).expect(200);
    List<String> paged = new ArrayList<>(ids(first.path("conversations")));
    paged.addAll(ids(second.path("conversations")));
    assertThat(paged).as("newest first, each once").containsExactly(started.get(2), started.get(1), started.get(0));
    assertThat(second.path("nextCursor").isNull()).isTrue();
    assertThat(ids(operator.get("/conversations?customer=" + customer + "&status=CLOSED").expect(200).path("conversations")))
        .containsExactly(started.get(0));
    Instant now = Instant.now();
    assertThat(
            ids(
                operator
                    .get("/conversations?customer=" + customer + "&from=" + now.plusSeconds(60) + "&to=" + now.plusSeconds(120))
                    .expect(200)
                    .path("conversations")))
        .isEmpty();

    // An agent of another queue sees none of them; the escalated one shows to its queue's agent.
    ApiClient billingAgent = api.as(api.agent("ops-billing-" + suffix, "billing"));
    assertThat(billingAgent.get("/conversations?customer=" + customer).expect(200).path("conversations").size()).isZero();

    for (String bad :
        List.of("status=SLEEPING", "limit=0", "limit=100000", "cursor=not-a-cursor", "from=yesterday",
            "from=" + now + "&to=" + now.minusSeconds(1), "queue=" + enc("Billing Team"))) {
      ApiClient.Response response = operator.get("/conversations?" + bad);
      assertThat(response.status()).as(bad).isEqualTo(400);
      assertThat(response.contentType()).as(bad).startsWith("application/problem+json");
    }
  }

  @Test
  void aConversationLinksStaffToItsTemporalUiPage() {
    String id = api.newConversation("ops-link-" + suffix, "where is my order 12345678");

    JsonNode forOperator = api.as(api.operator()).get("/conversations/" + id).expect(200);
    assertThat(forOperator.path("temporalUi").asText())
        .isEqualTo(stack.temporalUi() + "/namespaces/default/workflows/conversation-" + id);
    assertThat(api.as(api.customerOf(id)).get("/conversations/" + id).expect(200).has("temporalUi"))
        .as("the customer gets no link").isFalse();
  }

  /**
   * The real Temporal Web UI, in headless Chromium, without the codec endpoint: a waiting
   * conversation's page names its pending timer by its summary, its User Metadata tab shows the
   * static summary as text, and no page shows what the customer wrote (payloads stay encrypted).
   */
  @Test
  void theTemporalUiTellsAWaitingConversationsStoryWithoutDecoding() throws Exception {
    api.agentOnline("ops-ui-" + suffix, List.of("general", "orders", "billing"), 5);
    JsonNode waiting = api.startConversation("ops-ui-" + suffix, "standard", "I want to talk to a real person about 4111 1111 1111 1111");
    assertThat(waiting.path("status").asText()).isEqualTo("AWAITING_AGENT");
    String id = waiting.path("conversationId").asText();
    String queue = api.conversation(id).path("queue").asText();
    String link = api.as(api.operator()).get("/conversations/" + id).expect(200).path("temporalUi").asText();

    WebDriver browser = Chromium.start();
    Path page = stack.workDirectory().resolve("temporal-ui-" + id + ".txt");
    try {
      // The timeline names the pending timer by its summary.
      browser.get(link);
      awaitPage(browser, page, "pickup SLA 2 minutes (" + queue + ")");
      // The User Metadata tab: the static summary, rendered as text.
      Matcher run = Pattern.compile("^(.*/workflows/[^/]+/[^/?#]+)").matcher(browser.getCurrentUrl());
      assertThat(run.find()).as("a run's page, not %s", browser.getCurrentUrl()).isTrue();
      browser.get(run.group(1) + "/user-metadata");
      awaitPage(browser, page, "Support conversation with customer ops-ui-" + suffix);
      assertThat(Files.readString(page)).as("the page, kept in %s", page).doesNotContain("4111", "real person about");
    } finally {
      browser.quit();
    }
  }

  /** Waits until the page shows every text, keeping what it showed last in {@code page}. */
  private static void awaitPage(WebDriver browser, Path page, String... texts) throws Exception {
    try {
      new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(500))
          .until(driver -> List.of(texts).stream().allMatch(text(driver)::contains));
    } finally {
      Files.writeString(page, text(browser));
    }
  }

  /** The page's text and its frames' (the UI renders markdown, such as the details, in a frame). */
  private static String text(WebDriver driver) {
    StringBuilder text = new StringBuilder(driver.findElement(By.tagName("body")).getText());
    for (WebElement frame : driver.findElements(By.tagName("iframe"))) {
      try {
        driver.switchTo().frame(frame);
        text.append("\n").append(driver.findElement(By.tagName("body")).getText());
      } catch (RuntimeException gone) {
        // The frame was replaced while the page rendered; the next poll reads the new one.
      } finally {
        driver.switchTo().defaultContent();
      }
    }
    return text.toString();
  }

  @Test
  void readinessFailsWhileTemporalIsDownAndComesBack() throws Exception {
    URI apiReady = api.base().resolve("/actuator/health/readiness");
    URI workerReady = URI.create("http://127.0.0.1:" + stack.workerPort() + "/actuator/health/readiness");
    assertThat(status(apiReady)).isEqualTo(200);
    assertThat(status(workerReady)).isEqualTo(200);

    stack.stopTemporal();
    try {
      await("not ready without Temporal")
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                assertThat(status(apiReady)).isEqualTo(503);
                assertThat(status(workerReady)).isEqualTo(503);
              });
      assertThat(status(api.base().resolve("/actuator/health/liveness"))).as("alive all the same").isEqualTo(200);
    } finally {
      stack.startTemporal();
    }
    await("ready again")
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              assertThat(status(apiReady)).isEqualTo(200);
              assertThat(status(workerReady)).isEqualTo(200);
            });
  }

  private int status(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private List<String> ids(String query) {
    return stack.workflowIds(query);
  }

  private static List<String> ids(JsonNode conversations) {
    List<String> ids = new ArrayList<>();
    conversations.forEach(c -> ids.add(c.path("conversationId").asText()));
    return ids;
  }

  private static String workflow(String conversationId) {
    return "conversation-" + conversationId;
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
