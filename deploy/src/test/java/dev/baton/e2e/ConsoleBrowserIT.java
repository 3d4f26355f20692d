package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
 * The two pages in a real headless Chromium, one browser for the customer and one for the agent,
 * on the real stack: the agent goes online, the customer asks for a person, the waiting
 * conversation appears in the console by itself, the agent takes it over (summary first, then the
 * transcript), and each side sees the other's messages without reloading.
 */
@ExtendWith(BatonStackExtension.class)
class ConsoleBrowserIT {
  /** Debian's Chromium and its driver; deploy/test.sh installs them when they are missing. */
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  /** Every wait is bounded: a page that never shows something fails in this time. */
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final BatonStack stack;
  private final String base;

  ConsoleBrowserIT(BatonStack stack) {
    this.stack = stack;
    this.base = stack.api().base().toString();
  }

  @Test
  void anAgentTakesOverFromTheConsoleAndBothSidesSeeEachOtherLive() throws IOException {
    String agentId = "alice-" + UUID.randomUUID().toString().substring(0, 8);
    WebDriver agent = null;
    WebDriver customer = null;
    try {
      agent = chromium();
      customer = chromium();

      // The agent signs in, with the account a supervisor made for them, and is online first:
      // without a free agent the customer would be offered a callback.
      String password = "correct horse " + UUID.randomUUID();
      stack.api().credentials().agent(agentId, List.of("general", "orders"), password);
      agent.get(base + "/console.html");
      type(agent, "username", agentId);
      type(agent, "password", password);
      agent.findElement(By.id("sign-in-button")).click();
      waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("agent-id"), "value", agentId));
      type(agent, "agent-name", "Alice");
      type(agent, "agent-queues", "general,orders");
      type(agent, "agent-capacity", "3");
      agent.findElement(By.id("go-online")).click();
      waitFor(agent).until(ExpectedConditions.textToBe(By.id("presence"), "ONLINE"));
      waitFor(agent).until(ExpectedConditions.textToBe(By.id("queues-live"), "live"));
      markPage(agent);

      for (String queue : List.of("general", "orders")) {
        stack.api().put(
            "/queues/" + queue + "/canned-replies",
            Map.of("replies", List.of(Map.of("title", "Looking", "text", "Hi {name}, I'm looking at order {order} now."))));
      }
      customer.get(base + "/widget.html");
      type(customer, "customer-name", "Ada");
      customer.findElement(By.id("start-chat")).click();
      waitFor(customer).until(ExpectedConditions.textToBe(By.id("live"), "live"));
      waitForMessage(customer, "messages", "BOT", "");
      markPage(customer);
      type(customer, "message-text", "where is my order 12345678");
      customer.findElement(By.id("send-message")).click();
      waitForMessage(customer, "messages", "BOT", "12345678");

      customer.findElement(By.id("talk-to-person")).click();
      waitFor(customer).until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "AWAITING_AGENT"));
      waitFor(customer).until(ExpectedConditions.textMatches(By.id("waiting"), Pattern.compile("You're number \\d+ in line, about \\d+ minutes?\\.")));
      String conversationId =
          (String) ((JavascriptExecutor) customer).executeScript("return JSON.parse(sessionStorage.getItem('baton.chat')).conversationId");
      assertThat(conversationId).isNotBlank();

      // The console was not touched: the queue stream brings the new waiting conversation.
      By row = By.cssSelector("[data-testid='waiting-row'][data-conversation-id='" + conversationId + "']");
      waitFor(agent).until(ExpectedConditions.presenceOfElementLocated(row));
      // ... and says so: a notice on the page and the count in the tab's title.
      waitFor(agent).until(ExpectedConditions.textMatches(By.id("notice"), Pattern.compile("A customer is waiting")));
      assertThat(agent.getTitle()).matches("\\(\\d+\\) Baton agent console");
      assertThat(agent.findElement(row).findElement(By.className("issue")).getText()).contains("12345678");
      waitFor(agent)
          .ignoring(StaleElementReferenceException.class)
          .until(
              d -> {
                d.findElement(row).findElement(By.cssSelector("[data-testid='take-over']")).click();
                return true;
              });

      WebElement summary = waitFor(agent).until(ExpectedConditions.visibilityOfElementLocated(By.id("summary")));
      waitFor(agent).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid='summary-issue']"), "12345678"));
      assertThat(agent.findElement(By.cssSelector("[data-testid='customer-verified']")).getText())
          .as("the agent sees the chat's customer id is only claimed").contains("not verified");
      WebElement transcript = agent.findElement(By.id("transcript"));
      assertThat(summary.getLocation().getY()).as("the summary comes before the transcript").isLessThan(transcript.getLocation().getY());
      waitForMessage(agent, "transcript", "CUSTOMER", "where is my order 12345678");
      waitForMessage(agent, "transcript", "SYSTEM", "Alice has joined the conversation.");
      waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("conversation-status"), "data-status", "AGENT_ACTIVE"));
      assertThat(agent.findElement(By.id("temporal-ui-link")).getAttribute("href"))
          .as("the conversation's page in the Temporal UI")
          .startsWith(stack.temporalUi())
          .contains(conversationId);

      // A canned reply of the queue goes into the reply box with the customer's name and order.
      waitFor(agent).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid='canned-reply']")));
      agent.findElement(By.cssSelector("[data-testid='canned-reply']")).click();
      assertThat(agent.findElement(By.id("reply-text")).getAttribute("value")).isEqualTo("Hi Ada, I'm looking at order 12345678 now.");
      type(agent, "reply-text", "Hello, I'm Alice");
      // Typing shows on the other side while it happens, and is stored nowhere.
      waitFor(customer).until(ExpectedConditions.textToBe(By.id("typing"), "A person from our team is typing…"));
      agent.findElement(By.id("reply-send")).click();

      waitForMessage(customer, "messages", "AGENT", "Hello, I'm Alice");
      assertThat(customer.findElement(By.cssSelector("#messages [data-author='AGENT'] .author")).getText())
          .as("the widget signs the agent's line with the name she gave").isEqualTo("Alice");
      assertThat(customer.findElement(By.id("messages")).getText()).as("and never with her login").doesNotContain(agentId);
      waitFor(customer).until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "AGENT_ACTIVE"));
      assertThat(customer.findElement(By.id("talk-to-person")).isEnabled()).as("already with a person").isFalse();

      type(customer, "message-text", "Thanks Alice, it still has not arrived");
      waitFor(agent).until(ExpectedConditions.textToBe(By.id("typing"), "The customer is typing…"));
      customer.findElement(By.id("send-message")).click();
      waitForMessage(agent, "transcript", "CUSTOMER", "Thanks Alice, it still has not arrived");

      assertThat(pageWasNotReloaded(customer)).as("the customer's page was never reloaded").isTrue();
      assertThat(pageWasNotReloaded(agent)).as("the console was never reloaded").isTrue();
      assertThat(errorText(agent)).isEmpty();
      assertThat(errorText(customer)).isEmpty();

      // The worklist comes from the server: a reload keeps it, with the customer's last message
      // and how long they have waited for a reply, and Alt+1 opens the conversation again.
      agent.navigate().refresh();
      By worklistRow = By.cssSelector("[data-testid='worklist-row'][data-conversation-id='" + conversationId + "']");
      waitFor(agent).until(ExpectedConditions.presenceOfElementLocated(worklistRow));
      waitFor(agent).until(ExpectedConditions.textToBePresentInElementLocated(worklistRow, "Thanks Alice, it still has not arrived"));
      assertThat(agent.findElement(worklistRow).findElements(By.cssSelector("[data-testid='worklist-wait']"))).hasSize(1);
      agent.findElement(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.ALT, "1"));
      waitFor(agent).until(ExpectedConditions.textToBe(By.id("conversation-id"), conversationId));
      waitForMessage(agent, "transcript", "CUSTOMER", "Thanks Alice, it still has not arrived");
      screenshot(agent, "console");
      assertThat(errorText(agent)).isEmpty();
    } catch (AssertionError | RuntimeException e) {
      screenshot(agent, "console");
      screenshot(customer, "widget");
      throw e;
    } finally {
      quit(customer);
      quit(agent);
      // Left online, the agent would be promised to other suites' customers.
      stack.api().put(
          "/agents/" + agentId + "/presence",
          Map.of("status", "OFFLINE", "queues", List.of("general", "orders"), "maxConcurrent", 3));
    }
  }

  /**
   * The widget on another site's page, as its embed snippet puts it there: it starts a chat with
   * Baton's API across origins (CORS for the configured origin), the bot answers, and after a
   * reload the page carries on with the same conversation, its customer token kept in the tab only.
   */
  @Test
  void theWidgetEmbeddedOnAnotherSiteChatsAndSurvivesAReload() throws IOException {
    com.sun.net.httpserver.HttpServer site =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", stack.embedderPort()), 0);
    byte[] page =
        ("<!doctype html><html><head><title>Shop</title></head><body><h1>A shop</h1>"
                + "<div id=\"baton-chat\"></div><script src=\"" + base + "/embed.js\"></script></body></html>")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    site.createContext("/", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      exchange.getResponseBody().write(page);
      exchange.close();
    });
    site.start();
    WebDriver customer = null;
    try {
      customer = chromium();
      customer.get(stack.embedderOrigin() + "/");
      type(customer, "customer-name", "Ada");
      customer.findElement(By.id("start-chat")).click();
      waitFor(customer).until(ExpectedConditions.textToBe(By.id("live"), "live"));
      type(customer, "message-text", "where is my order 12345678");
      customer.findElement(By.id("send-message")).click();
      waitForMessage(customer, "messages", "BOT", "12345678");
      assertThat(customer.getCurrentUrl()).startsWith(stack.embedderOrigin());

      customer.navigate().refresh();
      waitForMessage(customer, "messages", "CUSTOMER", "where is my order 12345678");
      waitFor(customer).until(ExpectedConditions.textToBe(By.id("live"), "live"));
      assertThat(errorText(customer)).isEmpty();
      // The token lives as long as the tab: nothing of the chat outlasts a closed browser.
      assertThat(((JavascriptExecutor) customer).executeScript("return localStorage.getItem('baton.chat')"))
          .as("the chat kept where a closed browser leaves it for the next person")
          .isNull();
    } catch (AssertionError | RuntimeException e) {
      screenshot(customer, "embedded-widget");
      throw e;
    } finally {
      quit(customer);
      site.stop(0);
    }
  }

  /**
   * The review loop in the pages: an agent who took a conversation over marks the bot's reading
   * of a message as wrong, with the intent it should have been; a supervisor finds it on the
   * review page under that intent, opens its transcript in one click, and dismisses it.
   */
  @Test
  void anAgentFlagsAMisreadingInTheConsoleAndASupervisorReviewsItOnTheReviewPage() throws IOException {
    String agentId = "flagger-" + UUID.randomUUID().toString().substring(0, 8);
    // The shipped bot reads this as a technical issue.
    String text = "when does your team start in the morning";
    WebDriver agent = null;
    WebDriver supervisor = null;
    try {
      agent = chromium();
      String password = "correct horse " + UUID.randomUUID();
      List<String> queues = List.of("general", "technical", "orders", "account_access");
      stack.api().credentials().agent(agentId, queues, password);
      agent.get(base + "/console.html");
      type(agent, "username", agentId);
      type(agent, "password", password);
      agent.findElement(By.id("sign-in-button")).click();
      waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("agent-id"), "value", agentId));
      type(agent, "agent-queues", String.join(",", queues));
      agent.findElement(By.id("go-online")).click();
      waitFor(agent).until(ExpectedConditions.textToBe(By.id("presence"), "ONLINE"));

      String conversationId =
          stack.api().startConversation("flag-" + agentId, "standard", text).path("conversationId").asText();
      stack.api().handoff(conversationId, null).expect(200);
      By row = By.cssSelector("[data-testid='waiting-row'][data-conversation-id='" + conversationId + "']");
      waitFor(agent)
          .ignoring(StaleElementReferenceException.class)
          .until(
              d -> {
                d.findElement(row).findElement(By.cssSelector("[data-testid='take-over']")).click();
                return true;
              });
      By reading = By.cssSelector("#bot-turns [data-testid='bot-turn'][data-turn='1']");
      waitFor(agent).until(ExpectedConditions.textToBePresentInElementLocated(reading, text));
      waitFor(agent).until(d -> d.findElements(By.cssSelector("[data-testid='flag-intent-1'] option[value='contact_customer_service']")).size() == 1);
      new org.openqa.selenium.support.ui.Select(agent.findElement(By.cssSelector("[data-testid='flag-intent-1']")))
          .selectByValue("contact_customer_service");
      agent.findElement(By.cssSelector("[data-testid='flag-1']")).click();
      waitFor(agent).until(
          ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid='flagged-1']"), "should be contact_customer_service"));
      assertThat(errorText(agent)).isEmpty();

      supervisor = chromium();
      supervisor.get(base + "/review.html");
      type(supervisor, "username", Credentials.OPERATOR);
      type(supervisor, "password", stack.api().credentials().operatorPassword);
      supervisor.findElement(By.id("sign-in-button")).click();
      By item =
          By.cssSelector("[data-testid='review-group'][data-intent='contact_customer_service'] [data-testid='review-item'][data-conversation-id='"
              + conversationId + "'][data-turn='1']");
      waitFor(supervisor).until(ExpectedConditions.textToBePresentInElementLocated(item, text));
      assertThat(supervisor.findElement(item).getText()).contains("FLAGGED").contains("flagged by " + agentId);
      assertThat(supervisor.findElement(By.id("model-text")).getText()).startsWith("Model ");
      String key = conversationId + "-1";
      supervisor.findElement(By.cssSelector("[data-testid='transcript-" + key + "']")).click();
      waitForMessage(supervisor, "transcript", "CUSTOMER", text);
      supervisor.findElement(By.cssSelector("[data-testid='dismiss-" + key + "']")).click();
      waitFor(supervisor).until(ExpectedConditions.numberOfElementsToBe(item, 0));
      assertThat(errorText(supervisor)).isEmpty();
    } catch (AssertionError | RuntimeException e) {
      screenshot(agent, "console-flag");
      screenshot(supervisor, "review");
      throw e;
    } finally {
      quit(supervisor);
      quit(agent);
      stack.api().put(
          "/agents/" + agentId + "/presence",
          Map.of("status", "OFFLINE", "queues", List.of("general", "technical", "orders", "account_access"), "maxConcurrent", 3));
    }
  }

  static WebDriver chromium() {
    return chromium(new ChromeOptions());
  }

  /** Headless Chromium with the given options added (for example the languages a customer reads). */
  static WebDriver chromium(ChromeOptions options) {
    assertThat(new File(CHROMIUM))
        .as("Chromium at %s; install it with: apt-get install -y chromium chromium-driver", CHROMIUM)
        .canRead();
    assertThat(new File(CHROMEDRIVER).canExecute())
        .as("chromedriver at %s; install it with: apt-get install -y chromium chromium-driver", CHROMEDRIVER)
        .isTrue();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000");
    // The driver's path is given, so Selenium Manager never looks for (or downloads) one.
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
    return driver;
  }

  static WebDriverWait waitFor(WebDriver driver) {
    return new WebDriverWait(driver, WAIT, Duration.ofMillis(100));
  }

  static void type(WebDriver driver, String id, String text) {
    WebElement field = waitFor(driver).until(ExpectedConditions.elementToBeClickable(By.id(id)));
    field.clear();
    field.sendKeys(text);
  }

  /** Waits until the list shows a message by {@code author} containing {@code text}. */
  static void waitForMessage(WebDriver driver, String listId, String author, String text) {
    By messages = By.cssSelector("#" + listId + " [data-testid='message'][data-author='" + author + "'] .text");
    waitFor(driver)
        .ignoring(StaleElementReferenceException.class)
        .withMessage(() -> author + " message containing \"" + text + "\" in #" + listId + "; shown: " + shown(driver, listId))
        .until(d -> d.findElements(messages).stream().anyMatch(m -> m.getText().contains(text)));
  }

  private static List<String> shown(WebDriver driver, String listId) {
    try {
      return driver.findElements(By.cssSelector("#" + listId + " [data-testid='message']")).stream()
          .map(m -> m.getAttribute("data-author") + ": " + m.findElement(By.className("text")).getText())
          .toList();
    } catch (RuntimeException e) {
      return List.of("(could not read: " + e + ")");
    }
  }

  /** A marker in the page's window: a reload would lose it. */
  private static void markPage(WebDriver driver) {
    ((JavascriptExecutor) driver).executeScript("window.batonTestMarker = 'same page';");
  }

  private static boolean pageWasNotReloaded(WebDriver driver) {
    return "same page".equals(((JavascriptExecutor) driver).executeScript("return window.batonTestMarker;"));
  }

  static String errorText(WebDriver driver) {
    return driver.findElement(By.id("error")).getText();
  }

  private void screenshot(WebDriver driver, String name) {
    screenshot(stack, driver, name + "-browser");
  }

  /** The page as the browser shows it, kept with the suite's logs as a test artifact. */
  static void screenshot(BatonStack stack, WebDriver driver, String name) {
    if (driver == null) {
      return;
    }
    try {
      Path file = stack.workDirectory().resolve("e2e-logs/" + name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      System.err.println("screenshot: " + file);
    } catch (IOException | RuntimeException e) {
      System.err.println("no screenshot of the " + name + ": " + e);
    }
  }

  static void quit(WebDriver driver) {
    if (driver != null) {
      try {
        driver.quit();
      } catch (RuntimeException e) {
        System.err.println("quitting the browser: " + e);
      }
    }
  }
}
