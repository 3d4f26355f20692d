package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The numbers on the real stack: a scripted mix of conversations (contained, a repeat contact,
 * escalated for four reasons, taken over, transferred, after hours, abandoned with the bot and in
 * the queue, rated) gives exactly the figures an operator should read, in {@code GET
 * /api/v1/metrics} and on {@code /actuator/prometheus}; the worker's Prometheus page carries the
 * Temporal SDK's worker metrics.
 *
 * <p>The mix runs on a channel of its own, so what other suites did on the shared stack does not
 * count. A second api serves it with a 5-second idle timeout (for the abandoned conversation), a
 * 1-second gauge refresh and that channel among those Prometheus breaks down by.
 */
@ExtendWith(BatonStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {
  /** Debian's Chromium and its driver; deploy/test.sh installs them when they are missing. */
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String CHANNEL = "metrics-e2e";
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final BatonStack stack;
  private final ApiClient api;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private final List<String> agents = new ArrayList<>();
  /** Conversations left open by the mix, closed when the class is done. */
  private final List<String> open = new ArrayList<>();

  MetricsIT(BatonStack stack) {
    this.stack = stack;
    this.api =
        stack.startApi(
            "api-metrics",
            Map.of(
                "BATON_CONVERSATION_IDLE_TIMEOUT", "5s",
                "BATON_METRICS_REFRESH", "1s",
                "BATON_METRICS_CHANNELS", "web," + CHANNEL));
  }

  @AfterAll
  void agentsGoHome() {
    open.forEach(api::close);
    for (String agent : agents) {
      api.put("/agents/" + agent + "/presence",
          Map.of("status", "OFFLINE", "queues", List.of("general"), "maxConcurrent", 1, "name", agent));
    }
  }

  @Test
  @Order(1)
  void aScriptedMixGivesExactNumbersInJsonAndInPrometheus() throws Exception {
    Instant from = Instant.now().minusSeconds(60);
    stack.allAgentsOffline();

    // After hours: the general queue is closed, so asking for a person gets a callback ticket.
    LocalDate openingDay = LocalDate.now(ZoneOffset.UTC).plusDays(3);
    DayOfWeek day = openingDay.getDayOfWeek();
    Hours.set(api, "general", Hours.openOnlyOn(day, "09:00-09:30"));
    String afterHours;
    try {
      afterHours = start("after-hours", "I want to talk to a real person, the blender I got arrived cracked", "CALLBACK_SCHEDULED");
    } finally {
      Hours.set(api, "general", Hours.alwaysOpen());
    }

    String generalAgent = online("gina", "general");
    String billingAgent = online("bill", "billing");
    String ordersAgent = online("otto", "orders");

    // Contained: answered and solved by the bot, rated 5.
    String contained = start("contained", "where is my order 12345678", "BOT_ACTIVE");
    assertThat(api.send(contained, "thanks, that solved it", "contained-2").path("status").asText()).isEqualTo("RESOLVED");
    rate(contained, 5);

    // Solved by the bot, but the customer is back: not contained. The second contact stays with the bot.
    String solvedOnce = start("repeat", "where is my order 12345678", "BOT_ACTIVE");
    assertThat(api.send(solvedOnce, "thanks, that solved it", "repeat-2").path("status").asText()).isEqualTo("RESOLVED");
    // (Through the shared api, whose idle timeout is 15 minutes: it must not be abandoned.)
    start(stack.api(), "repeat", "where is my order 12345678 again", "BOT_ACTIVE");

    // CUSTOMER_REQUEST: taken over by the general agent, resolved, rated 3. The summary has no key fact.
    String asked = start("asks", "hello", "BOT_ACTIVE");
    Instant handedOff = Instant.now();
    assertThat(api.send(asked, "I want to talk to a real person", "asks-2").path("status").asText()).isEqualTo("AWAITING_AGENT");
    Instant handoffAnswered = Instant.now();
    Thread.sleep(1500);
    List<Duration[]> waits = new ArrayList<>();
    waits.add(takeover(asked, generalAgent, handedOff, handoffAnswered));
    api.post("/conversations/" + asked + "/resolve", Map.of("agentId", generalAgent, "note", "Helped")).expect(200);
    rate(asked, 3);

    // RISK_OR_COMPLIANCE: the customer restates the order number the summary already has, is
    // taken over, transferred to orders, taken over again and resolved; rated 4.
    Instant disputeStart = Instant.now();
    String dispute = start("dispute", "I was charged twice for order 12345678", "AWAITING_AGENT");
    Instant disputeAnswered = Instant.now();
    api.send(dispute, "my order number is 12345678", "dispute-2");
    Thread.sleep(1000);
    waits.add(takeover(dispute, billingAgent, disputeStart, disputeAnswered));
    Instant transferStart = Instant.now();
    api.post("/conversations/" + dispute + "/transfer", Map.of("agentId", billingAgent, "queue", "orders", "note", "an order question")).expect(200);
    Instant transferAnswered = Instant.now();
    Thread.sleep(1000);
    waits.add(takeover(dispute, ordersAgent, transferStart, transferAnswered));
    api.post("/conversations/" + dispute + "/resolve", Map.of("agentId", ordersAgent, "note", "Refunded")).expect(200);
    rate(dispute, 4);

    // HIGH_VALUE: the customer gives up while waiting.
    String large = start("large", "I want a refund of $750 for order 12345678", "AWAITING_AGENT");
    api.close(large);

    // USER_DISTRESS: still waiting when the numbers are read.
    String upset = start("upset", "I already told you, my order 12345678 has not arrived", "AWAITING_AGENT");
    open.add(upset);
    open.add(afterHours);

    // Abandoned with the bot: the 5-second idle timeout of this api ends it.
    String quiet = start("quiet", "hello", "BOT_ACTIVE");
    await("idle timeout").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
        .until(() -> api.conversation(quiet).path("status").asText().equals("ABANDONED"));

    JsonNode report =
        api.get("/metrics?from=" + from + "&to=" + Instant.now().plusSeconds(60) + "&groupBy=channel").expect(200);
    JsonNode n = group(report, CHANNEL);

    assertThat(n.path("conversations").asInt()).isEqualTo(9);
    assertThat(n.path("contained").asInt()).as("the repeat contact is not contained").isEqualTo(1);
    assertThat(n.path("containmentRate").asDouble()).isEqualTo(0.1111);
    assertThat(n.path("containedConfirmed").asInt()).as("said solved").isEqualTo(1);
    assertThat(n.path("containedAssumed").asInt()).as("the quiet customer asked for nothing").isZero();
    assertThat(n.path("repeatContacts").asInt()).as("back about the same order").isEqualTo(1);
    assertThat(n.path("botTurns").asInt()).isGreaterThanOrEqualTo(9);
    assertThat(n.path("escalated").asInt()).isEqualTo(5);
    assertThat(n.path("escalationRate").asDouble()).isEqualTo(0.5556);
    assertThat(ApiClient.JSON.convertValue(n.path("escalationReasons"), Map.class))
        .isEqualTo(Map.of("CUSTOMER_REQUEST", 2, "RISK_OR_COMPLIANCE", 1, "HIGH_VALUE", 1, "USER_DISTRESS", 1));
    assertThat(n.path("abandonedInBotPhase").asInt()).isEqualTo(1);
    assertThat(n.path("abandonedInQueue").asInt()).isEqualTo(1);
    assertThat(n.path("queueAbandonmentRate").asDouble()).isEqualTo(0.2);
    assertThat(n.path("takenOver").asInt()).isEqualTo(2);
    assertThat(n.path("transferred").asInt()).isEqualTo(1);
    assertThat(n.path("resolvedByBot").asInt()).isEqualTo(2);
    assertThat(n.path("resolvedAfterHandoff").asInt()).isEqualTo(2);
    assertThat(n.path("callbacksCreated").asInt()).isEqualTo(1);
    assertThat(n.path("callbacksKeptOnTime").asInt()).as("promised for a day three days ahead").isZero();
    assertThat(n.path("callbacksMissed").asInt()).isZero();
    assertThat(n.path("csat").path("ratings").asInt()).isEqualTo(3);
    assertThat(n.path("csat").path("average").asDouble()).isEqualTo(4.0);
    assertThat(n.path("csat").path("botOnly").asDouble()).isEqualTo(5.0);
    assertThat(n.path("csat").path("afterHandoff").asDouble()).isEqualTo(3.5);
    assertThat(n.path("botResolution").path("count").asInt()).isEqualTo(2);
    assertThat(n.path("resolution").path("count").asInt()).isEqualTo(4);
    assertThat(n.path("firstResponse").path("count").asInt()).isEqualTo(9);

    // Takeover times: each between what the test itself saw of the wait.
    JsonNode takeover = n.path("takeover");
    assertThat(takeover.path("count").asInt()).isEqualTo(3);
    double shortest = waits.stream().mapToDouble(w -> w[0].toMillis() / 1000.0).min().orElseThrow();
    double longest = waits.stream().mapToDouble(w -> w[1].toMillis() / 1000.0).max().orElseThrow();
    assertThat(takeover.path("p50").asDouble()).isBetween(shortest, longest);
    assertThat(takeover.path("p90").asDouble()).isBetween(takeover.path("p50").asDouble(), longest);

    JsonNode friction = n.path("friction");
    assertThat(friction.path("resolvedHandoffs").asInt()).isEqualTo(2);
    assertThat(friction.path("repeatedInformation").asInt()).as("the restated order number").isEqualTo(1);
    double waitMinutes = friction.path("waitMinutes").asDouble();
    double minWait = waits.stream().mapToDouble(w -> w[0].toMillis()).sum() / 60000.0;
    double maxWait = waits.stream().mapToDouble(w -> w[1].toMillis()).sum() / 60000.0;
    assertThat(waitMinutes).isBetween(minWait - 0.0001, maxWait + 0.0001);
    assertThat(friction.path("score").asDouble()).isCloseTo((waitMinutes + 1) / 2, org.assertj.core.data.Offset.offset(0.0001));
    assertThat(friction.path("handoffsMissingContext").asInt()).as("the two requests for a person").isEqualTo(2);
    assertThat(friction.path("missingContextShare").asDouble()).isEqualTo(0.4);

    // Containment by the request: "thanks, that solved it" is not what the conversation was about.
    JsonNode byIntent = api.get("/metrics?from=" + from + "&to=" + Instant.now().plusSeconds(60) + "&groupBy=intent").expect(200);
    List<String> requests = new ArrayList<>();
    byIntent.path("groups").forEach(g -> requests.add(g.path("key").asText()));
    assertThat(requests).contains("track_order").doesNotContain("conversation_resolved", "greeting");
    assertThat(group(byIntent, "track_order").path("containedConfirmed").asInt()).isGreaterThanOrEqualTo(1);

    JsonNode byReason = api.get("/metrics?from=" + from + "&to=" + Instant.now().plusSeconds(60) + "&groupBy=reason").expect(200);
    assertThat(group(byReason, "HIGH_VALUE").path("abandonedInQueue").asInt()).isGreaterThanOrEqualTo(1);
    assertThat(report.path("takeoverDistribution").size()).isEqualTo(6);

    // The same numbers on /actuator/prometheus, for the supervisor's scrape token only.
    String c = "channel=\"" + CHANNEL + "\"";
    List<String> expected =
        List.of(
            "baton_conversations{" + c + "} 9.0",
            "baton_contained{" + c + "} 1.0",
            "baton_containment_ratio{" + c + "} 0.1111",
            "baton_contained_confirmed{" + c + "} 1.0",
            "baton_contained_assumed{" + c + "} 0.0",
            "baton_repeat_contact_ratio{" + c + "} 0.1111",
            "baton_escalation_ratio{" + c + "} 0.5556",
            "baton_escalations{" + c + ",reason=\"CUSTOMER_REQUEST\"} 2.0",
            "baton_escalations{" + c + ",reason=\"USER_DISTRESS\"} 1.0",
            "baton_abandoned{" + c + ",phase=\"bot\"} 1.0",
            "baton_abandoned{" + c + ",phase=\"queue\"} 1.0",
            "baton_transfers{" + c + "} 1.0",
            "baton_callbacks{" + c + ",state=\"created\"} 1.0",
            "baton_callbacks{" + c + ",state=\"kept_on_time\"} 0.0",
            "baton_csat_average{" + c + ",scope=\"after_handoff\"} 3.5",
            "baton_csat_average{" + c + ",scope=\"bot_only\"} 5.0",
            "baton_handoffs_missing_context_ratio{" + c + "} 0.4",
            "baton_handoff_friction_score{" + c + "} " + friction.path("score").asDouble(),
            "baton_takeover_seconds{" + c + ",percentile=\"p50\"} " + takeover.path("p50").asDouble(),
            "baton_conversation_events{" + c + ",kind=\"TRANSFERRED\",phase=\"none\",queue=\"orders\",reason=\"RISK_OR_COMPLIANCE\"} 1.0",
            "baton_conversation_events{" + c + ",kind=\"ABANDONED\",phase=\"IN_QUEUE\",queue=\"billing\",reason=\"HIGH_VALUE\"} 1.0");
    await("the gauges read the mix").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
        .untilAsserted(() -> assertThat(prometheus(api.base(), api.operator().token()).lines().toList()).containsAll(expected));

    assertThat(status(api.base(), null)).as("no token").isEqualTo(401);
    assertThat(status(api.base(), api.agent(generalAgent, "general").token())).as("an agent").isEqualTo(403);

    // The worker's page: the Temporal SDK's own worker metrics, through the starter's Micrometer scope.
    String worker = prometheus(stack.workerBase(), null);
    assertThat(worker)
        .contains("temporal_workflow_task_schedule_to_start_latency")
        .contains("temporal_sticky_cache_size")
        .contains("temporal_num_pollers");
  }

  /**
   * The supervisor's dashboard in headless Chromium, after the mix: it signs in, shows the same
   * count as the API for the window, draws the four charts, and lists the queues now with the
   * waiting customer; the screenshot is kept in deploy/target/e2e-logs/dashboard-browser.png.
   */
  @Test
  @Order(2)
  void theDashboardShowsTheNumbersChartsAndQueues() throws IOException {
    WebDriver browser = chromium();
    try {
      browser.get(api.base() + "/dashboard.html");
      type(browser, "username", Credentials.OPERATOR);
      type(browser, "password", api.credentials().operatorPassword);
      browser.findElement(By.id("sign-in-button")).click();

      // The page shows the last 24 hours when signed in; the queues table renews itself every
      // 10 s, so every check below waits through a re-render rather than reading once.
      By conversations = By.cssSelector("[data-testid='tile-conversations'] .value");
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(conversations));
      Instant to = Instant.now();
      int expected = api.get("/metrics?from=" + to.minus(Duration.ofHours(24)) + "&to=" + to).expect(200).path("overall").path("conversations").asInt();
      assertThat(expected).isGreaterThanOrEqualTo(9);
      waitFor(browser).until(ExpectedConditions.textToBe(conversations, String.valueOf(expected)));

      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#escalations-chart svg rect")));
      waitFor(browser).until(d -> d.findElements(By.cssSelector("#escalations-chart [data-testid='escalation-reason']")).stream()
          .map(WebElement::getText).toList()
          .containsAll(List.of("CUSTOMER_REQUEST", "RISK_OR_COMPLIANCE", "HIGH_VALUE", "USER_DISTRESS")));
      waitFor(browser).until(ExpectedConditions.attributeContains(By.cssSelector("#escalations-chart a"), "href",
          stack.temporalUi() + "/namespaces/default/workflows?query=BatonEscalationReason"));
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#takeover-chart svg rect")));
      waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#containment-chart svg rect")));
      waitFor(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("csat-chart"), "After handoff"));

      By orders = By.cssSelector("[data-testid='queue-row'][data-queue='orders'] [data-testid='queue-waiting']");
      waitFor(browser).withMessage("the upset customer waits in orders")
          .until(d -> Integer.parseInt(d.findElement(orders).getText()) > 0);
      assertThat(browser.findElement(By.id("error")).getText()).isEmpty();
      screenshot(browser);
    } finally {
      browser.quit();
    }
  }

  private void screenshot(WebDriver browser) throws IOException {
    Path file = stack.workDirectory().resolve("e2e-logs/dashboard-browser.png");
    Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    System.err.println("screenshot: " + file);
  }

  private static WebDriver chromium() {
    assertThat(new File(CHROMIUM)).as("Chromium at %s", CHROMIUM).canRead();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,1600");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    return driver;
  }

  private static WebDriverWait waitFor(WebDriver driver) {
    WebDriverWait wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class).ignoring(NoSuchElementException.class);
    return wait;
  }

  private static void type(WebDriver driver, String id, String text) {
    WebElement field = waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id(id)));
    field.clear();
    field.sendKeys(text);
  }

  private String start(String name, String text, String expectedStatus) {
    return start(api, name, text, expectedStatus);
  }

  private String start(ApiClient api, String name, String text, String expectedStatus) {
    Map<String, Object> customer = Map.of("id", name + "-" + suffix, "name", "Ada", "tier", "standard");
    JsonNode started = api.post("/conversations", Map.of("customer", customer, "channel", CHANNEL, "text", text)).expect(201);
    assertThat(started.path("status").asText()).as("%s: %s", name, started).isEqualTo(expectedStatus);
    return started.path("conversationId").asText();
  }

  private String online(String name, String queue) {
    String agent = name + "-" + suffix;
    api.agentOnline(agent, List.of(queue), 3);
    agents.add(agent);
    return agent;
  }

  /** Takes a conversation over; returns the shortest and the longest the wait can have been. */
  private Duration[] takeover(String id, String agent, Instant waitStartedBefore, Instant waitStartedAfter) {
    Instant asked = Instant.now();
    api.post("/conversations/" + id + "/takeover", Map.of("agentId", agent)).expect(200);
    Instant answered = Instant.now();
    return new Duration[] {Duration.between(waitStartedAfter, asked), Duration.between(waitStartedBefore, answered)};
  }

  private void rate(String id, int score) {
    assertThat(api.post("/conversations/" + id + "/csat", Map.of("score", score)).status()).isEqualTo(201);
  }

  private static JsonNode group(JsonNode report, String key) {
    for (JsonNode g : report.path("groups")) {
      if (g.path("key").asText().equals(key)) {
        return g.path("numbers");
      }
    }
    throw new AssertionError("no group " + key + " in " + report);
  }

  private static String prometheus(URI base, String token) throws IOException, InterruptedException {
    HttpResponse<String> response = HTTP.send(request(base, token), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  private static int status(URI base, String token) throws IOException, InterruptedException {
    return HTTP.send(request(base, token), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static HttpRequest request(URI base, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.GET().build();
  }
}
