package dev.baton.api.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import dev.baton.api.problem.ProblemDocumentation;
import dev.baton.api.security.CustomerTokens;
import dev.baton.api.security.IdentityClaims;
import dev.baton.store.accounts.AccountStore;
import dev.baton.store.agents.AgentStore;
import dev.baton.store.conversation.ConversationStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springdoc.core.configuration.SpringDocConfiguration;
import org.springdoc.core.properties.SpringDocConfigProperties;
import org.springdoc.webmvc.core.configuration.SpringDocWebMvcConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document says what each caller reads: the customer view is a schema of its own,
 * with only the customer's fields, and the routes both may call answer one of the two views.
 */
@AutoConfigureMockMvc(addFilters = false)
@WebMvcTest(controllers = {ConversationController.class, AgentConversationController.class})
@ImportAutoConfiguration({SpringDocConfiguration.class, SpringDocConfigProperties.class, SpringDocWebMvcConfiguration.class})
@Import({OpenApiViewsTest.Properties.class, ProblemDocumentation.class, ConversationReader.class, AgentNames.class, TemporalUiLinks.class})
class OpenApiViewsTest {
  @TestConfiguration
  @EnableConfigurationProperties(ConversationProperties.class)
  static class Properties {}

  @Autowired MockMvc mvc;
  @MockitoBean ConversationService conversations;
  /** Starts per address and per customer are StartLimitsTest's subject. */
  @MockitoBean dev.baton.api.limits.StartLimits starts;
  @MockitoBean ConversationStore store;
  @MockitoBean AgentStore agents;
  @MockitoBean AccountStore accounts;
  @MockitoBean IdentityClaims identities;
  @MockitoBean CustomerTokens tokens;

  @Test
  void theCustomerViewIsItsOwnSchemaAndSharedRoutesAnswerEitherView() throws Exception {
    JsonNode docs =
        JsonMapper.builder().build().readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
    JsonNode schemas = docs.path("components").path("schemas");

    assertThat(properties(schemas.path("CustomerConversation")))
        .containsExactlyInAnyOrder("conversationId", "status", "waiting", "agentName", "callback", "lastSeq", "messages", "earlierCursor");
    assertThat(properties(schemas.path("ChatMessage"))).containsExactlyInAnyOrder("seq", "author", "agentName", "text", "at");
    assertThat(properties(schemas.path("CustomerCallback"))).containsExactlyInAnyOrder("ticketReference", "promisedBy");
    assertThat(properties(schemas.path("Conversation"))).contains("summary", "intent", "confidence", "assignedAgent");

    assertThat(answer(docs, "/api/v1/conversations/{conversationId}", "get")).contains("Conversation", "CustomerConversation");
    assertThat(answer(docs, "/api/v1/conversations/{conversationId}/close", "post")).contains("Conversation", "CustomerConversation");
    assertThat(answer(docs, "/api/v1/conversations/{conversationId}/messages", "get")).contains("Messages", "ChatMessages");
    assertThat(answer(docs, "/api/v1/conversations/{conversationId}/handoff", "post")).containsExactly("CustomerConversation");
    assertThat(answer(docs, "/api/v1/conversations/{conversationId}/transfer", "post")).containsExactly("Conversation");
  }

  @Test
  void theCursorsOfTranscriptPagesAreDocumentedAsNullable() throws Exception {
    JsonNode schemas =
        JsonMapper.builder().build().readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString())
            .path("components").path("schemas");

    for (String[] field : new String[][] {
        {"Messages", "nextCursor"}, {"ChatMessages", "nextCursor"}, {"Conversation", "earlierCursor"}, {"CustomerConversation", "earlierCursor"}}) {
      JsonNode property = schemas.path(field[0]).path("properties").path(field[1]);
      assertThat(property.toString()).as(field[0] + "." + field[1]).contains("\"null\"").contains("integer");
    }
  }

  /**
   * A generated client meets no answer the document does not list: every operation documents the
   * errors any request can get as problem+json, and a field that can be null says so.
   */
  @Test
  void everyOperationDocumentsItsProblemsAndNullableFieldsSaySo() throws Exception {
    JsonNode docs =
        JsonMapper.builder().build().readTree(mvc.perform(get("/v3/api-docs")).andReturn().getResponse().getContentAsString());
    int operations = 0;
    for (JsonNode path : docs.path("paths")) {
      for (String method : path.propertyNames()) {
        JsonNode responses = path.path(method).path("responses");
        for (String status : List.of("400", "401", "403", "404", "429", "503")) {
          assertThat(responses.path(status).path("content").path("application/problem+json").path("schema").path("$ref").asString())
              .as("%s %s documents %s", method, path, status)
              .endsWith("/Problem");
        }
        if (!method.equals("get")) {
          assertThat(responses.has("413") && responses.has("415") && responses.has("409")).as("%s documents 409, 413, 415", method).isTrue();
        }
        operations++;
      }
    }
    assertThat(operations).isGreaterThan(5);
    JsonNode schemas = docs.path("components").path("schemas");
    assertThat(schemas.path("Problem").path("properties").path("type").path("enum").toString())
        .contains("urn:baton:problem:unauthenticated", "urn:baton:problem:too-many-requests");
    JsonNode customer = schemas.path("CustomerConversation");
    assertThat(customer.path("properties").path("agentName").path("type").toString()).contains("null");
    assertThat(customer.path("properties").path("waiting").path("anyOf").toString()).contains("null");
    assertThat(customer.path("required").toString()).contains("lastSeq");
  }

  private static List<String> properties(JsonNode schema) {
    return new ArrayList<>(schema.path("properties").propertyNames());
  }

  /** The schema names the 200 answer of an operation refers to, directly or through anyOf. */
  private static List<String> answer(JsonNode docs, String path, String method) {
    JsonNode schema = docs.path("paths").path(path).path(method).path("responses").path("200").path("content");
    List<String> refs = new ArrayList<>();
    schema.findValues("$ref").forEach(ref -> refs.add(ref.asString().substring(ref.asString().lastIndexOf('/') + 1)));
    for (JsonNode s : docs.path("components").path("schemas").path(refs.isEmpty() ? "" : refs.get(0)).path("anyOf")) {
      refs.add(s.path("$ref").asString().substring(s.path("$ref").asString().lastIndexOf('/') + 1));
    }
    return refs;
  }
}
