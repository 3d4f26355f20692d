package dev.baton.e2e;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The api's published OpenAPI document, as a front end's generated client reads it, held against
 * every answer the suite receives: the status must be one the operation documents, the content
 * type one that status documents, and the body must match its schema, nullability included (JSON
 * Schema 2020-12 with the OpenAPI 3.1 dialect, by networknt's json-schema-validator).
 *
 * <p>Requests to routes or methods the document does not have (the hostile-input suite's) are no
 * operation of the contract and are not checked; neither are event streams, whose bodies never end.
 */
final class OpenApiContract {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Map<URI, OpenApiContract> PUBLISHED = new ConcurrentHashMap<>();
  private static final String DOCUMENT = "https://baton.invalid/v3/api-docs";

  private final JsonNode document;
  private final SchemaRegistry schemas;
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  /** One documented path: its template, and a pattern matching the raw paths it stands for. */
  private record Route(String template, Pattern pattern, int variables) {}

  OpenApiContract(String published) {
    this.document = JSON.readTree(published);
    this.schemas = SchemaRegistry.withDialect(Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(DOCUMENT, published)));
    document.path("paths").propertyNames().forEach(template -> {
      String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
      routes.add(new Route(template, Pattern.compile(regex), template.split("\\{", -1).length - 1));
    });
    // A literal segment wins over a variable one (/queues/stream before /queues/{queue}).
    routes.sort(Comparator.comparingInt(Route::variables));
  }

  /** The document the api at {@code base} publishes, fetched once per api. */
  static OpenApiContract of(URI base) {
    return PUBLISHED.computeIfAbsent(base, OpenApiContract::fetch);
  }

  private static OpenApiContract fetch(URI base) {
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/v3/api-docs")).timeout(Duration.ofSeconds(30)).build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET /v3/api-docs answered " + response.statusCode() + ": " + response.body());
      }
      return new OpenApiContract(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("the OpenAPI document could not be read from " + base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Fails with every violation of the contract by the answer to {@code request} ("METHOD
   * /raw/path") from the api at {@code base}.
   */
  static void expectKept(URI base, String request, int status, String contentType, String body) {
    String method = request.substring(0, request.indexOf(' '));
    List<String> violations = of(base).violations(method, request.substring(request.indexOf(' ') + 1), status, contentType, body);
    if (!violations.isEmpty()) {
      throw new AssertionError("The answer breaks the api's OpenAPI document:\n  " + String.join("\n  ", violations));
    }
  }

  JsonNode document() {
    return document;
  }

  /**
   * What in this answer the document does not say, one sentence each naming the operation, the
   * status and the field; empty when the answer keeps the contract.
   */
  List<String> violations(String method, String rawPath, int status, String contentType, String body) {
    String path = rawPath.contains("?") ? rawPath.substring(0, rawPath.indexOf('?')) : rawPath;
    Route route = routes.stream().filter(r -> r.pattern().matcher(path).matches()).findFirst().orElse(null);
    String verb = method.toLowerCase(java.util.Locale.ROOT);
    if (route == null || !document.path("paths").path(route.template()).has(verb)) {
      return List.of();
    }
    String operation = method + " " + route.template();
    JsonNode responses = document.path("paths").path(route.template()).path(verb).path("responses");
    String code = String.valueOf(status);
    if (!responses.has(code)) {
      code = code.charAt(0) + "XX";
    }
    if (!responses.has(code)) {
      code = "default";
    }
    if (!responses.has(code)) {
      return List.of(operation + " answered " + status + ", a status the document does not list for it (it lists "
          + String.join(", ", responses.propertyNames()) + "): " + abbreviate(body));
    }
    JsonNode content = responses.path(code).path("content");
    if (body == null || body.isEmpty()) {
      return List.of();
    }
    String mediaType = contentType.contains(";") ? contentType.substring(0, contentType.indexOf(';')).trim() : contentType.trim();
    if (mediaType.equals("text/event-stream")) {
      return List.of();
    }
    String documented = content.has(mediaType) ? mediaType : content.has("*/*") ? "*/*" : null;
    if (documented == null) {
      return List.of(operation + " answered " + status + " with " + (mediaType.isEmpty() ? "no Content-Type" : mediaType)
          + ", which the document does not list for that status (it lists " + String.join(", ", content.propertyNames()) + ")");
    }
    if (!content.path(documented).has("schema") || !(mediaType.equals("application/json") || mediaType.endsWith("+json"))) {
      return List.of();
    }
    String pointer = "/paths/" + escape(route.template()) + "/" + verb + "/responses/" + code + "/content/" + escape(documented) + "/schema";
    Schema schema = compiled.computeIfAbsent(pointer, p -> schemas.getSchema(SchemaLocation.of(DOCUMENT + "#" + p)));
    List<Error> errors = schema.validate(body, InputFormat.JSON);
    return errors.stream()
        .map(e -> operation + " answered " + status + " with a body the document does not allow at "
            + e.getInstanceLocation() + ": " + e.getMessage() + " (body: " + abbreviate(body) + ")")
        .toList();
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.length() > 600 ? body.substring(0, 600) + "…" : body;
  }
}
