package dev.baton.api.problem;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI document says beyond each controller's own annotations, so that a client
 * generated from it handles every answer the api gives:
 *
 * <ul>
 *   <li>every operation lists the error statuses any request can meet (a bad token, a role that
 *       may not, a limit, a body too large or of the wrong type), each as application/problem+json
 *       with the {@code Problem} schema and the problem types that status carries. It is one
 *       customizer over all operations, not an annotation per method, so a new endpoint is
 *       documented the day it is added;
 *   <li>a choice between two views is {@code anyOf}: a body may match both;
 *   <li>every field of a response record that can be null says so (OpenAPI 3.1: {@code type: [x,
 *       "null"]}), and the primitive ones, which always have a value, are required.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class ProblemDocumentation {
  static final String PROBLEM = "Problem";
  static final String PROBLEM_JSON = "application/problem+json";

  /** Each error status, the problem types it carries, and what it means to a caller. */
  record ErrorStatus(int status, String meaning, List<Problems> types, boolean everyOperation) {}

  static final List<ErrorStatus> STATUSES =
      List.of(
          new ErrorStatus(400, "The request is invalid: a parameter, a field or the body", List.of(
              Problems.INVALID_REQUEST, Problems.MALFORMED_JSON), true),
          new ErrorStatus(401, "No valid bearer token (or wrong credentials, or an invalid identity claim)", List.of(
              Problems.UNAUTHENTICATED, Problems.INVALID_CREDENTIALS, Problems.INVALID_IDENTITY), true),
          new ErrorStatus(403, "The caller may not do this", List.of(
              Problems.FORBIDDEN, Problems.FRESH_SIGN_IN_REQUIRED), true),
          new ErrorStatus(404, "No such resource, or one the caller may not know of", List.of(
              Problems.NOT_FOUND, Problems.CONVERSATION_NOT_FOUND, Problems.TICKET_NOT_FOUND, Problems.BOT_TURN_NOT_FOUND,
              Problems.UNKNOWN_INTENT), true),
          new ErrorStatus(406, "The Accept header asks for a media type this API does not produce", List.of(
              Problems.NOT_ACCEPTABLE), true),
          new ErrorStatus(409, "The resource is not in a state that allows this", List.of(
              Problems.CONVERSATION_CLOSED, Problems.CONVERSATION_TAKEN, Problems.AGENT_UNAVAILABLE, Problems.NOT_HOLDER,
              Problems.NOT_RESOLVED, Problems.TICKET_STATUS_CONFLICT, Problems.REVIEW_CONFLICT, Problems.ACCOUNT_EXISTS,
              Problems.PRESENCE_EXPIRED), false),
          new ErrorStatus(413, "The body is larger than the api takes", List.of(Problems.PAYLOAD_TOO_LARGE), false),
          new ErrorStatus(415, "The body is not application/json", List.of(Problems.UNSUPPORTED_MEDIA_TYPE), false),
          new ErrorStatus(429, "Too many requests (see Retry-After)", List.of(
              Problems.TOO_MANY_REQUESTS, Problems.TOO_MANY_STREAMS), true),
          new ErrorStatus(503, "A service the api needs is busy or down; retry", List.of(Problems.SERVICE_UNAVAILABLE), true));

  @Bean
  OpenApiCustomizer problemResponses() {
    return openApi -> {
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      openApi.getComponents().addSchemas("FieldProblem", fieldProblem());
      openApi.getComponents().addSchemas(PROBLEM, problem());
      // A view of a conversation is either view (staff or customer); with every field nullable a
      // customer view also matches the staff schema, so "exactly one" (oneOf) would reject it.
      if (openApi.getComponents().getSchemas() != null) {
        for (Schema<?> schema : openApi.getComponents().getSchemas().values()) {
          if (schema.getOneOf() != null) {
            schema.setAnyOf(schema.getOneOf());
            schema.setOneOf(null);
          }
        }
      }
      if (openApi.getPaths() == null) {
        return;
      }
      for (PathItem path : openApi.getPaths().values()) {
        for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.readOperationsMap().entrySet()) {
          document(entry.getKey(), entry.getValue());
        }
      }
    };
  }

  /** Fields of response records: nullable unless primitive; primitive ones required. */
  @Bean
  ModelConverter nullableRecordFields() {
    return new NullableRecordFields();
  }

  /**
   * Adds the problem answers an operation can give, leaving any its controller documents itself.
   * A request with a body can also be too large, of the wrong type, or in conflict with the state.
   */
  private static void document(PathItem.HttpMethod method, Operation operation) {
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    boolean changes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
    for (ErrorStatus status : STATUSES) {
      String code = String.valueOf(status.status());
      if (responses.containsKey(code) || !(status.everyOperation() || changes)) {
        continue;
      }
      String types = status.types().stream().map(p -> "`" + p.type() + "`").collect(Collectors.joining(", "));
      responses.addApiResponse(
          code,
          new ApiResponse()
              .description(status.meaning() + ". Problem types: " + types + ".")
              .content(new Content().addMediaType(PROBLEM_JSON,
                  new MediaType().schema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM)))));
    }
    operation.setResponses(responses);
  }

  /** RFC 9457 problem details as Baton writes them. */
  private static Schema<?> problem() {
    JsonSchema type = string("A URN naming the problem; clients branch on it");
    type.setEnum(new ArrayList<>(Arrays.stream(Problems.values()).map(p -> p.type().toString()).toList()));
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put("type", type);
    properties.put("title", string("The problem type's title"));
    properties.put("status", new JsonSchema().types(Set.of("integer")).format("int32").description("The HTTP status"));
    properties.put("detail", nullable(string("What is wrong with this request, in a sentence")));
    properties.put("instance", nullable(string("The path of the request")));
    properties.put("errors", new JsonSchema().types(Set.of("array"))
        .items(new JsonSchema().$ref("#/components/schemas/FieldProblem"))
        .description("For an invalid request: each field and what is wrong with it"));
    properties.put("retryAfterSeconds", new JsonSchema().types(Set.of("integer")).format("int64")
        .description("For 429 and 503: how long to wait before retrying"));
    JsonSchema problem = new JsonSchema();
    problem.types(Set.of("object"));
    problem.description("An error (RFC 9457). Further properties may name the state in conflict (e.g. ticketStatus).");
    problem.setProperties(properties);
    problem.setRequired(List.of("type", "title", "status"));
    return problem;
  }

  private static Schema<?> fieldProblem() {
    JsonSchema field = new JsonSchema();
    field.types(Set.of("object"));
    field.setProperties(new LinkedHashMap<>(Map.of(
        "field", string("The field or parameter, as a JSON path or name"),
        "message", string("What is wrong with it"))));
    field.setRequired(List.of("field", "message"));
    return field;
  }

  private static JsonSchema string(String description) {
    JsonSchema schema = new JsonSchema();
    schema.types(Set.of("string"));
    schema.description(description);
    return schema;
  }

  /**
   * The same schema, with null allowed: a reference becomes {@code anyOf [ref, null]}, a type
   * gains "null" (and an enumeration, the null value).
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  static Schema nullable(Schema schema) {
    if (schema.get$ref() != null) {
      JsonSchema either = new JsonSchema();
      either.anyOf(List.of(new JsonSchema().$ref(schema.get$ref()), new JsonSchema().types(Set.of("null"))));
      either.description(schema.getDescription());
      return either;
    }
    Set<String> types = schema.getTypes() == null ? new LinkedHashSet<>() : new LinkedHashSet<>(schema.getTypes());
    if (types.isEmpty() && schema.getType() != null) {
      types.add(schema.getType());
    }
    if (types.isEmpty() || types.contains("null")) {
      return schema; // any type already admits null
    }
    types.add("null");
    schema.setTypes(types);
    if (schema.getEnum() != null && !schema.getEnum().contains(null)) {
      List values = new ArrayList<>(schema.getEnum());
      values.add(null);
      schema.setEnum(values);
    }
    return schema;
  }

  /**
   * Reads each record the api writes: Jackson writes null for a missing value, so a field of a
   * reference type may be null, and one of a primitive type always has a value.
   */
  static final class NullableRecordFields implements ModelConverter {
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
      Schema resolved = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
      if (resolved == null || type.getType() == null) {
        return resolved;
      }
      Class<?> raw = Json.mapper().constructType(type.getType()).getRawClass();
      if (!raw.isRecord()) {
        return resolved;
      }
      Schema model = resolved;
      if (resolved.get$ref() != null) {
        String name = resolved.get$ref().substring(resolved.get$ref().lastIndexOf('/') + 1);
        model = context.getDefinedModels().get(name);
      }
      if (model == null || model.getProperties() == null) {
        return resolved;
      }
      Map<String, Schema> properties = model.getProperties();
      for (RecordComponent component : raw.getRecordComponents()) {
        String name = component.getName();
        Schema property = properties.get(name);
        if (property == null) {
          continue;
        }
        if (component.getType().isPrimitive()) {
          List<String> required = model.getRequired() == null ? new ArrayList<>() : new ArrayList<>(model.getRequired());
          if (!required.contains(name)) {
            required.add(name);
          }
          model.setRequired(required);
        } else {
          properties.put(name, nullable(property));
        }
      }
      return resolved;
    }
  }
}
