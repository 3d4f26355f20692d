package dev.baton.api.conversation;

import static dev.baton.api.problem.ProblemAssertions.expectProblem;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.baton.api.limits.RefusedCharacters;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.IdentityClaims;
import dev.baton.api.security.RejectedRequests;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Nothing a client sends gets past the door unchecked: every string field refuses the characters
 * no store accepts, every field and list has its limit, bodies have a size cap, and clients and
 * conversations have a rate. The slices behind the door (stores, Temporal) are mocks that must
 * never be called. (The limits are small here so a test can reach them.)
 */
@WebMvcTest(
    controllers = {ConversationController.class, AgentConversationController.class},
    properties = {
      "baton.limits.max-body-size=8KB",
      "baton.limits.per-client.burst=100000",
      // Every test here shares the buckets; only the flood test empties one (c-flood's).
      "baton.limits.per-conversation.burst=500",
      "baton.limits.per-conversation.per-second=1",
    })
@Import({ConversationLimitsTest.Properties.class, ConversationReader.class, AgentNames.class, TemporalUiLinks.class, RejectedRequests.class})
class ConversationLimitsTest {
  @TestConfiguration
  @EnableConfigurationProperties(ConversationProperties.class)
  static class Properties {
    /** Who may call what is SecurityTest's subject; here every caller may, so the limits show. */
    @Bean
    SecurityFilterChain everyoneMay(HttpSecurity http) throws Exception {
      return http.authorizeHttpRequests(routes -> routes.anyRequest().permitAll()).csrf(csrf -> csrf.disable()).build();
    }
  }

  @Autowired MockMvc mvc;
  @MockitoBean ConversationService service;
  /** Starts per address and per customer are StartLimitsTest's subject. */
  @MockitoBean dev.baton.api.limits.StartLimits starts;
  @MockitoBean ConversationStore conversations;
  @MockitoBean AgentStore agents;
  @MockitoBean dev.baton.store.accounts.AccountStore accounts;
  @MockitoBean IdentityClaims identities;
  @MockitoBean CustomerTokens tokens;

  /** A request with one string field set to {@code %s}, and the field the problem must name. */
  record Field(HttpMethod method, String path, String body, String field) {
    @Override
    public String toString() {
      return method + " " + path + " " + field;
    }
  }

  static final List<Field> FIELDS =
      List.of(
          new Field(HttpMethod.POST, "/api/v1/conversations", "{\"customer\":{\"id\":\"c\",\"name\":%s},\"channel\":\"web\"}", "customer.name"),
          new Field(HttpMethod.POST, "/api/v1/conversations", "{\"customer\":{\"id\":\"c\",\"email\":%s},\"channel\":\"web\"}", "customer.email"),
          new Field(HttpMethod.POST, "/api/v1/conversations", "{\"customer\":{\"id\":\"c\",\"tier\":%s},\"channel\":\"web\"}", "customer.tier"),
          new Field(HttpMethod.POST, "/api/v1/conversations", "{\"customer\":{\"id\":\"c\",\"language\":%s},\"channel\":\"web\"}", "customer.language"),
          new Field(HttpMethod.POST, "/api/v1/conversations", "{\"customer\":{\"id\":\"c\"},\"channel\":%s}", "channel"),
          new Field(HttpMethod.POST, "/api/v1/conversations", "{\"customer\":{\"id\":\"c\"},\"channel\":\"web\",\"text\":%s}", "text"),
          new Field(HttpMethod.POST, "/api/v1/conversations/c-1/messages", "{\"text\":%s,\"clientMessageId\":\"m\"}", "text"),
          new Field(HttpMethod.POST, "/api/v1/conversations/c-1/handoff", "{\"note\":%s}", "note"),
          new Field(HttpMethod.POST, "/api/v1/conversations/c-1/close", "{\"reason\":%s}", "reason"),
          new Field(HttpMethod.POST, "/api/v1/conversations/c-1/agent-messages", "{\"agentId\":\"a\",\"text\":%s,\"clientMessageId\":\"m\"}", "text"),
          new Field(HttpMethod.POST, "/api/v1/conversations/c-1/transfer", "{\"agentId\":\"a\",\"queue\":\"billing\",\"note\":%s}", "note"),
          new Field(HttpMethod.POST, "/api/v1/conversations/c-1/release", "{\"agentId\":\"a\",\"note\":%s}", "note"),
          new Field(HttpMethod.POST, "/api/v1/conversations/c-1/resolve", "{\"agentId\":\"a\",\"note\":%s}", "note"),
          new Field(HttpMethod.POST, "/api/v1/conversations/c-1/csat", "{\"score\":5,\"comment\":%s}", "comment"));

  static final List<String> REFUSED = RefusedCharacters.JSON_ESCAPES;

  static Stream<Arguments> refusedCharacterInEveryField() {
    List<Arguments> cases = new ArrayList<>();
    for (Field field : FIELDS) {
      for (String character : REFUSED) {
        cases.add(Arguments.of(field, character));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource
  void refusedCharacterInEveryField(Field field, String character) throws Exception {
    String body = String.format(field.body(), RefusedCharacters.jsonString(character));

    expectProblem(
            mvc.perform(request(field.method(), field.path()).contentType(MediaType.APPLICATION_JSON).content(body)),
            400, "invalid-request")
        .andExpect(jsonPath("$.errors[0].field").value(field.field()));
    verifyNoInteractions(service, conversations, agents);
  }

  static Stream<Field> overLongInEveryField() {
    return FIELDS.stream().filter(f -> !f.field().equals("text"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void overLongInEveryField(Field field) throws Exception {
    String body = String.format(field.body(), "\"" + "x".repeat(2001) + "\"");
    var result = mvc.perform(request(field.method(), field.path()).contentType(MediaType.APPLICATION_JSON).content(body));
    expectProblem(result, 400, "invalid-request").andExpect(jsonPath("$.errors[0].field").value(field.field()));
    verifyNoInteractions(service, conversations, agents);
  }

  @Test
  void tabsNewLinesAndEmojiAreText() throws Exception {
    given(service.send(any(), any())).willReturn(TURN);
    mvc.perform(post("/api/v1/conversations/c-1/messages").contentType(MediaType.APPLICATION_JSON)
            .content("{\"text\":\"a\\tb\\r\\nc \\ud83d\\ude00\",\"clientMessageId\":\"m-1\"}"))
        .andExpect(status().isOk());
    then(service).should().send("c-1", new dev.baton.conversation.CustomerMessage("m-1", "a\tb\r\nc \ud83d\ude00"));
  }

  @Test
  void oddIdsInThePathAreRefused() throws Exception {
    for (String id : List.of("x".repeat(129), "a b", "a%00b", "%E2%80%AE")) {
      expectProblem(
          mvc.perform(post("/api/v1/conversations/" + id + "/close").contentType(MediaType.APPLICATION_JSON).content("{}")),
          400, "invalid-request");
    }
    verifyNoInteractions(service);
  }

  @Test
  void aBodyOverTheCapIs413WhetherItsLengthIsDeclaredOrNot() throws Exception {
    String big = "{\"note\":\"" + "x".repeat(10_000) + "\"}";
    expectProblem(
        mvc.perform(post("/api/v1/conversations/c-1/handoff").contentType(MediaType.APPLICATION_JSON).content(big)),
        413, "payload-too-large");
    // Chunked: no Content-Length, cut off while it is read.
    expectProblem(
        mvc.perform(post("/api/v1/conversations/c-1/handoff").contentType(MediaType.APPLICATION_JSON)
            .content(big).with(r -> { r.removeHeader("Content-Length"); r.setContent(big.getBytes()); return chunked(r); })),
        413, "payload-too-large");
    verifyNoInteractions(service);
  }

  @Test
  void deeplyNestedJsonIsMalformedNotAnError() throws Exception {
    String deep = "[".repeat(1500) + "]".repeat(1500);
    expectProblem(
        mvc.perform(post("/api/v1/conversations/c-1/handoff").contentType(MediaType.APPLICATION_JSON).content(deep)),
        400, "malformed-json");
  }

  @Test
  void aFloodOnOneConversationIs429WithRetryAfter() throws Exception {
    given(service.send(any(), any())).willReturn(TURN);
    long started = System.nanoTime();
    int answered = 0;
    org.springframework.test.web.servlet.MvcResult refused = null;
    for (int i = 0; i < 1000 && refused == null; i++) {
      var result = message("c-flood", i).andReturn();
      if (result.getResponse().getStatus() == 429) {
        refused = result;
      } else {
        answered++;
      }
    }
    long seconds = java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds();
    // The burst (500 here), plus what refilled meanwhile (1 a second), then 429.
    org.assertj.core.api.Assertions.assertThat(refused).isNotNull();
    org.assertj.core.api.Assertions.assertThat(answered).isBetween(500, 500 + (int) seconds + 1);
    org.assertj.core.api.Assertions.assertThat(refused.getResponse().getHeader("Retry-After")).isEqualTo("1");
    org.assertj.core.api.Assertions.assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
    // Another conversation is not held up by it.
    message("c-other", 0).andExpect(status().isOk());
  }

  private static final dev.baton.conversation.TurnResult TURN =
      new dev.baton.conversation.TurnResult(dev.baton.conversation.ConversationStatus.BOT_ACTIVE, List.of());

  private org.springframework.test.web.servlet.ResultActions message(String conversationId, int n) throws Exception {
    return mvc.perform(post("/api/v1/conversations/" + conversationId + "/messages").contentType(MediaType.APPLICATION_JSON)
        .content("{\"text\":\"hello\",\"clientMessageId\":\"m-" + n + "\"}"));
  }

  private static org.springframework.mock.web.MockHttpServletRequest chunked(org.springframework.mock.web.MockHttpServletRequest r) {
    return new org.springframework.mock.web.MockHttpServletRequest(r.getServletContext(), r.getMethod(), r.getRequestURI()) {
      {
        setContentType(r.getContentType());
        setContent(r.getContentAsByteArray());
      }

      @Override
      public long getContentLengthLong() {
        return -1;
      }

      @Override
      public int getContentLength() {
        return -1;
      }
    };
  }
}
