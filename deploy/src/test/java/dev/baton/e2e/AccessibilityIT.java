package dev.baton.e2e;

import static dev.baton.e2e.ConsoleBrowserIT.chromium;
import static dev.baton.e2e.ConsoleBrowserIT.quit;
import static dev.baton.e2e.ConsoleBrowserIT.type;
import static dev.baton.e2e.ConsoleBrowserIT.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An automated accessibility check (axe-core in headless Chromium) of both pages, in the states
 * people spend their time in: no violation of serious or critical impact.
 */
@ExtendWith(BatonStackExtension.class)
class AccessibilityIT {
  private static final String AXE = "/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

  private static WebDriver browser;
  private final BatonStack stack;
  private final String base;

  AccessibilityIT(BatonStack stack) {
    this.stack = stack;
    this.base = stack.api().base().toString();
  }

  @BeforeAll
  static void open() {
    browser = chromium();
  }

  @AfterAll
  static void close() {
    quit(browser);
  }

  @Test
  void theWidgetBeforeAndDuringAChat() throws IOException {
    browser.get(base + "/widget.html");
    waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("start-chat")));
    assertThat(seriousViolations()).as("the start form").isEmpty();

    type(browser, "customer-name", "Ada");
    browser.findElement(By.id("start-chat")).click();
    waitFor(browser).until(ExpectedConditions.textToBe(By.id("live"), "live"));
    assertThat(seriousViolations()).as("the chat").isEmpty();
    browser.findElement(By.id("end-chat")).click();
    waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("rating")));
    assertThat(seriousViolations()).as("the rating prompt").isEmpty();
  }

  @Test
  void theConsoleSignedOutAndOnline() throws IOException {
    String agentId = "axe-" + UUID.randomUUID().toString().substring(0, 8);
    String password = "correct horse " + UUID.randomUUID();
    stack.api().credentials().agent(agentId, List.of("general"), password);
    try {
      browser.get(base + "/console.html");
      waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("sign-in-button")));
      assertThat(seriousViolations()).as("the sign-in form").isEmpty();

      type(browser, "username", agentId);
      type(browser, "password", password);
      browser.findElement(By.id("sign-in-button")).click();
      waitFor(browser).until(ExpectedConditions.attributeToBe(By.id("agent-id"), "value", agentId));
      type(browser, "agent-queues", "general");
      browser.findElement(By.id("go-online")).click();
      waitFor(browser).until(ExpectedConditions.textToBe(By.id("queues-live"), "live"));
      assertThat(seriousViolations()).as("the console, online").isEmpty();
    } finally {
      stack.api().put("/agents/" + agentId + "/presence", Map.of("status", "OFFLINE", "queues", List.of("general"), "maxConcurrent", 3));
    }
  }

  /** axe-core's violations of serious or critical impact on the page as it is, one line each. */
  private static List<String> seriousViolations() throws IOException {
    JavascriptExecutor page = (JavascriptExecutor) browser;
    if (!Boolean.TRUE.equals(page.executeScript("return typeof window.axe === 'object';"))) {
      page.executeScript(axeSource());
    }
    Object result =
        page.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
    List<String> violations = new ArrayList<>();
    for (Object violation : (List<?>) result) {
      violations.add(String.valueOf(violation));
    }
    return violations;
  }

  private static String axeSource() throws IOException {
    try (InputStream script = AccessibilityIT.class.getResourceAsStream(AXE)) {
      assertThat(script).as("axe-core on the test classpath at " + AXE).isNotNull();
      return new String(script.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
