package dev.baton.api.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.api.security.AccountTokens;
import dev.baton.api.security.ConversationGate;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.SecurityConfiguration;
import dev.baton.api.security.SecurityProperties;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.conversation.ConversationStore;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The widget on another site's page (embed.js) is a script module, and so is every module it
 * imports: a browser fetches each with CORS from Baton's origin, and runs none that lacks the
 * site's origin in Access-Control-Allow-Origin. Through the api's real security chain and static
 * resources: every module the widget reaches is allowed for an origin in BATON_CORS_ORIGINS, and
 * refused to any other.
 */
@WebMvcTest(controllers = WidgetScriptsCorsTest.NoController.class)
@Import({
  SecurityConfiguration.class, ConversationGate.class, AccountTokens.class, CustomerTokens.class,
  WidgetScriptsCorsTest.Properties.class
})
@TestPropertySource(
    properties = {
      "baton.security.customer-token-key=the api's customer token key, 32 bytes or more",
      "baton.security.identity-key=the site's identity key, 32 bytes or more, for tests",
      "baton.security.cors-origins=" + WidgetScriptsCorsTest.SHOP,
    })
class WidgetScriptsCorsTest {
  @EnableConfigurationProperties(SecurityProperties.class)
  static class Properties {}

  /** The static resources only: none of the api's controllers. */
  static final class NoController {}

  static final String SHOP = "https://shop.example.test";

  @Autowired MockMvc mvc;
  @MockitoBean AccountStore accounts;
  @MockitoBean ConversationStore store;

  @Test
  void anEmbeddingSiteMayLoadEveryModuleOfTheWidget() throws Exception {
    Set<String> modules = widgetModules();
    assertThat(modules).as("the widget and what it imports").contains("widget.js", "widget/chat.js", "baton/api.js");
    for (String module : modules) {
      mvc.perform(get("/" + module).header("Origin", SHOP))
          .andExpect(status().isOk())
          .andExpect(header().string("Access-Control-Allow-Origin", SHOP))
          // A module with any other type is refused by the browser.
          .andExpect(header().string("Content-Type", matchesPattern("(text|application)/javascript.*")));
    }
  }

  @Test
  void anotherSiteMayNot() throws Exception {
    mvc.perform(get("/widget.js").header("Origin", "https://elsewhere.example.test")).andExpect(status().isForbidden());
  }

  /** widget.js and every module it reaches through its imports, as paths under static/. */
  private static Set<String> widgetModules() {
    Set<String> reached = new LinkedHashSet<>();
    Deque<Path> next = new ArrayDeque<>();
    next.add(PageScriptsTest.STATIC.resolve("widget.js"));
    while (!next.isEmpty()) {
      Path module = next.remove();
      if (reached.add(PageScriptsTest.STATIC.relativize(module).toString().replace('\\', '/'))) {
        PageScriptsTest.imports(module).forEach(target -> next.add(module.resolveSibling(target).normalize()));
      }
    }
    return reached;
  }
}
