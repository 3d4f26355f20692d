package dev.baton.e2e;

import static dev.baton.e2e.ConsoleBrowserIT.chromium;
import static dev.baton.e2e.ConsoleBrowserIT.errorText;
import static dev.baton.e2e.ConsoleBrowserIT.quit;
import static dev.baton.e2e.ConsoleBrowserIT.type;
import static dev.baton.e2e.ConsoleBrowserIT.waitFor;
import static dev.baton.e2e.ConsoleBrowserIT.waitForMessage;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The customer's side in a real headless Chromium on the real stack: ending a chat and rating it
 * (the rating lands in CSAT), and the widget's copy in the language the browser asks for.
 */
@ExtendWith(BatonStackExtension.class)
class WidgetBrowserIT {
  private final BatonStack stack;
  private final String base;

  WidgetBrowserIT(BatonStack stack) {
    this.stack = stack;
    this.base = stack.api().base().toString();
  }

  @Test
  void aCustomerEndsTheChatAndRatesIt() throws Exception {
    WebDriver customer = null;
    try {
      customer = chromium();
      customer.get(base + "/widget.html");
      type(customer, "customer-name", "Ada");
      customer.findElement(By.id("start-chat")).click();
      waitFor(customer).until(ExpectedConditions.textToBe(By.id("live"), "live"));
      type(customer, "message-text", "how do I return an item");
      customer.findElement(By.id("send-message")).click();
      waitForMessage(customer, "messages", "BOT", "30 days");
      String conversationId =
          (String) ((JavascriptExecutor) customer).executeScript("return JSON.parse(sessionStorage.getItem('baton.chat')).conversationId");

      customer.findElement(By.id("end-chat")).click();
      waitFor(customer).until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "CLOSED"));
      waitFor(customer).until(ExpectedConditions.visibilityOfElementLocated(By.id("rating")));
      assertThat(customer.findElement(By.id("message-text")).isEnabled()).as("an ended chat takes no messages").isFalse();
      assertThat(customer.findElement(By.id("send-rating")).isEnabled()).as("no score chosen yet").isFalse();

      customer.findElement(By.cssSelector("[data-testid='rating-4']")).click();
      type(customer, "rating-comment", "quick and clear");
      customer.findElement(By.id("send-rating")).click();
      waitFor(customer).until(ExpectedConditions.visibilityOfElementLocated(By.id("rating-thanks")));
      assertThat(errorText(customer)).isEmpty();
      ConsoleBrowserIT.screenshot(stack, customer, "widget-rated");

      assertThat(csat(conversationId)).isEqualTo(Map.of("score", 4, "comment", "quick and clear"));
      // Ended and rated, the chat is not resumed by the next page load.
      customer.navigate().refresh();
      waitFor(customer).until(ExpectedConditions.visibilityOfElementLocated(By.id("start")));
    } catch (AssertionError | RuntimeException e) {
      ConsoleBrowserIT.screenshot(stack, customer, "widget-rating");
      throw e;
    } finally {
      quit(customer);
    }
  }

  @Test
  void aBrowserThatAsksForGermanGetsTheWidgetInGerman() throws IOException {
    WebDriver customer = null;
    try {
      ChromeOptions german = new ChromeOptions();
      german.addArguments("--lang=de-DE");
      german.setExperimentalOption("prefs", Map.of("intl.accept_languages", "de-DE,de"));
      customer = chromium(german);
      customer.get(base + "/widget.html");
      waitFor(customer).until(ExpectedConditions.textToBe(By.id("start-chat"), "Chat starten"));
      assertThat(customer.findElement(By.tagName("h1")).getText()).isEqualTo("Chatten Sie mit uns");
      assertThat(customer.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("de");

      type(customer, "customer-name", "Ada");
      customer.findElement(By.id("start-chat")).click();
      waitFor(customer).until(ExpectedConditions.textToBe(By.id("live"), "live"));
      waitFor(customer).until(ExpectedConditions.textToBe(By.id("status"), "Sie chatten mit unserem Bot"));
      assertThat(customer.findElement(By.id("end-chat")).getText()).isEqualTo("Chat beenden");
      assertThat(customer.findElement(By.id("message-text")).getAttribute("placeholder")).isEqualTo("Nachricht schreiben");
      ConsoleBrowserIT.screenshot(stack, customer, "widget-de");
      assertThat(errorText(customer)).isEmpty();
    } catch (AssertionError | RuntimeException e) {
      ConsoleBrowserIT.screenshot(stack, customer, "widget-de-failed");
      throw e;
    } finally {
      quit(customer);
    }
  }

  private Map<String, Object> csat(String conversationId) throws SQLException {
    try (Connection connection = stack.database().getConnection();
        PreparedStatement query = connection.prepareStatement("select score, comment from csat where conversation_id = ?")) {
      query.setString(1, conversationId);
      try (ResultSet row = query.executeQuery()) {
        assertThat(row.next()).as("a CSAT row for " + conversationId).isTrue();
        return Map.of("score", row.getInt("score"), "comment", row.getString("comment"));
      }
    }
  }
}
