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
          (String) ((JavascriptExecutor) customer).executeScript("return sessionStorage.getItem('baton.conversationId')");
      assertThat(conversationId).isNotBlank();

      // The console was not touched: the queue stream brings the new waiting conversation.
      By row = By.cssSelector("[data-testid='waiting-row'][data-conversation-id='" + conversationId + "']");
      waitFor(agent).until(ExpectedConditions.presenceOfElementLocated(row));
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
      WebElement transcript = agent.findElement(By.id("transcript"));
      assertThat(summary.getLocation().getY()).as("the summary comes before the transcript").isLessThan(transcript.getLocation().getY());
      waitForMessage(agent, "transcript", "CUSTOMER", "where is my order 12345678");
      waitForMessage(agent, "transcript", "SYSTEM", "Alice has joined the conversation.");
      waitFor(agent).until(ExpectedConditions.attributeToBe(By.id("conversation-status"), "data-status", "AGENT_ACTIVE"));

      type(agent, "reply-text", "Hello, I'm Alice");
      agent.findElement(By.id("reply-send")).click();

      waitForMessage(customer, "messages", "AGENT", "Hello, I'm Alice");
      waitFor(customer).until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "AGENT_ACTIVE"));
      assertThat(customer.findElement(By.id("talk-to-person")).isEnabled()).as("already with a person").isFalse();

      type(customer, "message-text", "Thanks Alice, it still has not arrived");
      customer.findElement(By.id("send-message")).click();
      waitForMessage(agent, "transcript", "CUSTOMER", "Thanks Alice, it still has not arrived");

      assertThat(pageWasNotReloaded(customer)).as("the customer's page was never reloaded").isTrue();
      assertThat(pageWasNotReloaded(agent)).as("the console was never reloaded").isTrue();
      assertThat(errorText(agent)).isEmpty();
      assertThat(errorText(customer)).isEmpty();
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
   * reload the page carries on with the same conversation, its customer token kept.
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
    } catch (AssertionError | RuntimeException e) {
      screenshot(customer, "embedded-widget");
      throw e;
    } finally {
      quit(customer);
      site.stop(0);
    }
  }

  static WebDriver chromium() {
    assertThat(new File(CHROMIUM))
        .as("Chromium at %s; install it with: apt-get install -y chromium chromium-driver", CHROMIUM)
        .canRead();
    assertThat(new File(CHROMEDRIVER).canExecute())
        .as("chromedriver at %s; install it with: apt-get install -y chromium chromium-driver", CHROMEDRIVER)
        .isTrue();
    ChromeOptions options = new ChromeOptions();
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
  private static void waitForMessage(WebDriver driver, String listId, String author, String text) {
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

  private static String errorText(WebDriver driver) {
    return driver.findElement(By.id("error")).getText();
  }

  private void screenshot(WebDriver driver, String name) {
    if (driver == null) {
      return;
    }
    try {
      Path file = stack.workDirectory().resolve("e2e-logs/" + name + "-browser.png");
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
