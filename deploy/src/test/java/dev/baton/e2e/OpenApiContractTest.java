package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The contract check the end-to-end suite runs on every answer: it catches what breaks a
 * generated client (a null where the document promises a value, a status or content type the
 * document does not list) and passes what the document allows.
 */
class OpenApiContractTest {
  private static final String DOCUMENT = """
      {"openapi": "3.1.0",
       "paths": {
         "/api/v1/things/{id}": {"get": {"responses": {
           "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}},
           "404": {"content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}}}},
         "/api/v1/things/stream": {"get": {"responses": {"200": {"content": {"text/event-stream": {}}}}}}},
       "components": {"schemas": {
         "Thing": {"type": "object", "required": ["id", "next"], "properties": {
           "id": {"type": "string"},
           "next": {"type": ["string", "null"]},
           "priority": {"type": "string", "enum": ["P1", "P2"]}}},
         "Problem": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string"}}}}}}
      """;

  private final OpenApiContract contract = new OpenApiContract(DOCUMENT);

  @Test
  void anAnswerAsDocumentedKeepsTheContract() {
    assertThat(contract.violations("GET", "/api/v1/things/a1?x=1", 200, "application/json", "{\"id\":\"a1\",\"next\":null,\"priority\":\"P1\"}"))
        .isEmpty();
    assertThat(contract.violations("GET", "/api/v1/things/a1", 404, "application/problem+json", "{\"type\":\"urn:x\"}")).isEmpty();
  }

  @Test
  void aNullWhereTheDocumentPromisesAValueIsNamed() {
    assertThat(contract.violations("GET", "/api/v1/things/a1", 200, "application/json", "{\"id\":\"a1\",\"next\":null,\"priority\":null}"))
        .isNotEmpty()
        .allSatisfy(violation -> assertThat(violation).contains("GET /api/v1/things/{id}", "200", "/priority"));
  }

  @Test
  void anUndocumentedStatusOrContentTypeIsNamed() {
    assertThat(contract.violations("GET", "/api/v1/things/a1", 401, "application/problem+json", "{\"type\":\"urn:x\"}"))
        .singleElement()
        .asString()
        .contains("GET /api/v1/things/{id}", "401", "does not list");
    assertThat(contract.violations("GET", "/api/v1/things/a1", 404, "text/html", "<h1>no</h1>"))
        .singleElement()
        .asString()
        .contains("text/html");
  }

  @Test
  void aLiteralSegmentIsNotTakenForAVariable() {
    assertThat(contract.violations("GET", "/api/v1/things/stream", 200, "text/event-stream", "data: x")).isEmpty();
  }
}
