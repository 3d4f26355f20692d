package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Temporal UI of the real dev server, in headless Chromium, shows a conversation's payloads
 * decoded only in the browser of a signed-in supervisor: the console's sign-in gives that browser
 * a codec session (an HttpOnly cookie for the codec path), which the UI's decode calls carry
 * across origins. Any other browser, and the same one after signing out, sees them encrypted.
 */
@ExtendWith(BatonStackExtension.class)
class TemporalUiCodecIT {
  /** The UI loads its app, the history, then asks the codec: on two busy cores, give it time. */
  private static final Duration UI_WAIT = Duration.ofSeconds(45);
  /**
   * What the UI says when the codec refused it (any answer but 2xx); it then shows each payload
   * as stored, the ciphertext in base64.
   */
  private static final String REFUSED = "Codec Server could not connect";

  private final BatonStack stack;
  private final String api;

  TemporalUiCodecIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api().base().toString();
  }

  @Test
  void aSignedInSupervisorReadsDecodedPayloadsAndNobodyElseDoes() throws IOException {
    // The customer's name travels in the workflow's input, which the UI shows on the history page.
    String secret = "Orchid Quennell-" + UUID.randomUUID().toString().substring(0, 8);
    String conversationId =
        stack.api()
            .post("/conversations", Map.of("customer", Map.of("id", "ui-codec-" + UUID.randomUUID(), "name", secret), "channel", "web",
                "text", "where is my order 12345678"))
            .expect(201)
            .path("conversationId")
            .asText();
    String history = stack.temporalUi() + "/namespaces/default/workflows/conversation-" + conversationId;
    WebDriver stranger = null;
    WebDriver supervisor = null;
    try {
      // A browser with no session: the UI asks the codec, is refused (401), shows ciphertext.
      stranger = ConsoleBrowserIT.chromium();
      includeCredentialsInCodecCalls(stranger);
      stranger.get(history);
      assertEncrypted(stranger, secret);

      // The supervisor signs in to the console; that browser's UI then decodes.
      supervisor = ConsoleBrowserIT.chromium();
      supervisor.get(api + "/console.html");
      ConsoleBrowserIT.type(supervisor, "username", Credentials.OPERATOR);
      ConsoleBrowserIT.type(supervisor, "password", stack.api().credentials().operatorPassword);
      supervisor.findElement(By.id("sign-in-button")).click();
      ConsoleBrowserIT.waitFor(supervisor).until(ExpectedConditions.visibilityOfElementLocated(By.id("codec-session")));
      includeCredentialsInCodecCalls(supervisor);
      supervisor.get(history);
      assertDecoded(supervisor, secret);
      assertThat(text(stranger)).as("the other browser still sees no plain text").doesNotContain(secret);

      // The run's User Metadata tab: the current details the workflow keeps for operators.
      Matcher run = Pattern.compile("^(.*/workflows/[^/]+/[^/?#]+)").matcher(supervisor.getCurrentUrl());
      assertThat(run.find()).as("a run's page, not %s", supervisor.getCurrentUrl()).isTrue();
      supervisor.get(run.group(1) + "/user-metadata");
      WebDriver signedIn = supervisor;
      new WebDriverWait(signedIn, UI_WAIT, Duration.ofMillis(250))
          .withMessage(() -> "the current details on the User Metadata tab; it shows: " + abbreviate(textWithFrames(signedIn)))
          .until(d -> textWithFrames(d).contains("Intent: track_order") && textWithFrames(d).contains("BOT_ACTIVE"));

      // Signing out ends the session: the same browser sees ciphertext again.
      supervisor.get(api + "/console.html");
      ConsoleBrowserIT.waitFor(supervisor).until(ExpectedConditions.elementToBeClickable(By.id("sign-out"))).click();
      ConsoleBrowserIT.waitFor(supervisor).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
      supervisor.get(history);
      assertEncrypted(supervisor, secret);
    } catch (AssertionError | RuntimeException e) {
      screenshot(stranger, "temporal-ui-stranger");
      screenshot(supervisor, "temporal-ui-supervisor");
      throw e;
    } finally {
      ConsoleBrowserIT.quit(stranger);
      ConsoleBrowserIT.quit(supervisor);
      stack.api().close(conversationId);
    }
  }

  /**
   * The UI's own codec settings ("Codec Server" in its top bar), as an operator sets them once per
   * browser: this endpoint, "Include cross-origin credentials", and the browser's setting over the
   * server's. The dialog keeps them in the UI origin's localStorage, which is where they go here.
   */
  private void includeCredentialsInCodecCalls(WebDriver browser) {
    browser.get(stack.temporalUi() + "/namespaces/default/workflows");
    ((JavascriptExecutor) browser)
        .executeScript(
            "localStorage.setItem('endpoint', JSON.stringify(arguments[0]));"
                + "localStorage.setItem('includeCredentials', 'true');"
                + "localStorage.setItem('passAccessToken', 'false');"
                + "localStorage.setItem('overrideRemoteCodecConfiguration', 'true');",
            api + "/api/v1/codec");
  }

  private static void assertDecoded(WebDriver browser, String secret) {
    new WebDriverWait(browser, UI_WAIT, Duration.ofMillis(250))
        .withMessage(() -> "the decoded customer text in the Temporal UI; it shows: " + abbreviate(text(browser)))
        .until(d -> text(d).contains(secret));
  }

  private static void assertEncrypted(WebDriver browser, String secret) {
    new WebDriverWait(browser, UI_WAIT, Duration.ofMillis(250))
        .withMessage(() -> "the codec refusing the UI, its input shown encrypted; the UI shows: " + abbreviate(text(browser)))
        .until(d -> text(d).contains(REFUSED) && text(d).contains("Input"));
    assertThat(text(browser)).doesNotContain(secret);
  }

  private static String text(WebDriver browser) {
    Object text = ((JavascriptExecutor) browser).executeScript("return document.body ? document.body.innerText : ''");
    return text == null ? "" : text.toString();
  }

  /** The page's text and its frames' (the UI renders markdown, such as the details, in a frame). */
  private static String textWithFrames(WebDriver browser) {
    StringBuilder text = new StringBuilder(text(browser));
    for (WebElement frame : browser.findElements(By.tagName("iframe"))) {
      try {
        browser.switchTo().frame(frame);
        text.append('\n').append(text(browser));
      } catch (RuntimeException gone) {
        // Replaced while the page rendered; the next poll reads the new one.
      } finally {
        browser.switchTo().defaultContent();
      }
    }
    return text.toString();
  }

  private static String abbreviate(String text) {
    String flat = text.replaceAll("\\s+", " ");
    return flat.length() > 1500 ? flat.substring(0, 1500) + "…" : flat;
  }

  private void screenshot(WebDriver driver, String name) {
    if (driver == null) {
      return;
    }
    try {
      Path file = stack.workDirectory().resolve("e2e-logs/" + name + ".png");
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      System.err.println("screenshot: " + file);
    } catch (IOException | RuntimeException e) {
      System.err.println("no screenshot of " + name + ": " + e);
    }
  }
}
