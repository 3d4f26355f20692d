package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a generated client meets: Schemathesis, driven by the api's own OpenAPI document, sends a
 * fixed number of generated requests to every operation of the real stack, once with a
 * customer's token, once with an agent's and once with a supervisor's, and checks each answer:
 * no 5xx, and the status, content type and body as the document says. Zero failures pass.
 *
 * <p>It runs last ({@link Order} with the class order set in the failsafe configuration), with
 * accounts of its own, so that what it changes on the shared stack (accounts it creates, hours of
 * queues it makes up) touches no other test. Loopback only: the stack listens on 127.0.0.1.
 */
@ExtendWith(BatonStackExtension.class)
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ApiFuzzIT {
  /** Generated cases per operation and phase: fixed, so a run's size does not depend on the machine. */
  static final int EXAMPLES_PER_OPERATION = Integer.getInteger("baton.fuzz.examples", 12);
  /** The seed of every run: a failure found once is found again. */
  static final long SEED = 22;
  /** The three runs together stay inside 5 minutes; a run still going at its share is stopped and fails. */
  static final Duration BUDGET_PER_RUN = Duration.ofSeconds(95);
  static final List<String> CHECKS =
      List.of("not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance");
  /** "Test cases: 1234 generated, ..." in Schemathesis's summary. */
  private static final Pattern CASES = Pattern.compile("Test cases:\\s*(\\d+) generated");

  private final BatonStack stack;
  private final ApiClient api;
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  ApiFuzzIT(BatonStack stack) {
    this.stack = stack;
    this.api = stack.api();
  }

  @Test
  @Order(1)
  void aCustomersGeneratedRequestsGetDocumentedAnswers() {
    String token = api.startConversation("fuzz-customer-" + suffix, "hello").path("customerToken").asText();
    fuzz("customer", token);
  }

  @Test
  @Order(2)
  void anAgentsGeneratedRequestsGetDocumentedAnswers() {
    fuzz("agent", api.credentials().agent("fuzz-agent-" + suffix, List.of("general"), null));
  }

  @Test
  @Order(3)
  void aSupervisorsGeneratedRequestsGetDocumentedAnswers() {
    String name = "fuzz-supervisor-" + suffix;
    ApiClient operator = api.as(api.operator());
    operator.post("/accounts", Map.of("username", name, "role", "SUPERVISOR")).expect(201);
    fuzz("supervisor", operator.post("/accounts/" + name + "/tokens", Map.of()).expect(201).path("token").asText());
  }

  private void fuzz(String who, String token) {
    Path dir = stack.workDirectory().resolve("schemathesis").resolve(who);
    Path output = dir.resolve("output.txt");
    List<String> command = new ArrayList<>(List.of(
        schemathesis(), "run", api.base() + "/v3/api-docs",
        "--url", api.base().toString(),
        "--checks", String.join(",", CHECKS),
        "--max-examples", String.valueOf(EXAMPLES_PER_OPERATION),
        "--seed", String.valueOf(SEED),
        "--workers", "1",
        "--request-timeout", "30",
        "--generation-database", "none",
        "--no-color",
        "--output-truncate", "false",
        "--report", "junit",
        "--report-dir", dir.toString(),
        "--header", "Authorization: Bearer " + token));
    command.addAll(exclusions());
    long started = System.nanoTime();
    int exit;
    try {
      Files.createDirectories(dir);
      // The document fuzzed, kept beside the reports for whoever reads a failure.
      Files.writeString(dir.resolveSibling("api-docs.json"), OpenApiContract.of(api.base()).document().toString());
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(BUDGET_PER_RUN.toSeconds(), TimeUnit.SECONDS)) {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
        process.destroyForcibly();
        throw new AssertionError("the " + who + "'s fuzz ran past its budget of " + BUDGET_PER_RUN.toSeconds()
            + " s; its output so far:\n" + read(output));
      }
      exit = process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException("Schemathesis could not be run", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    String report = read(output);
    Matcher cases = CASES.matcher(report);
    System.out.printf("[fuzz] %s: %d s, %s generated test cases, exit %d%n",
        who, Duration.ofNanos(System.nanoTime() - started).toSeconds(), cases.find() ? cases.group(1) : "?", exit);
    assertThat(exit).as("Schemathesis's verdict with the %s's token (0: no failure); its report:%n%s", who, report).isZero();
  }

  /**
   * The operations not fuzzed, each with why: an event stream never ends, so no answer can be
   * checked (LiveStreamIT and the access matrix test them); signing out would end the token the
   * run uses, and every later case would test only the 401 (AccessMatrixIT signs out).
   */
  private List<String> exclusions() {
    return List.of("--exclude-path-regex", ".*/stream$", "--exclude-operation-id", signOutOperationId());
  }

  private String signOutOperationId() {
    String id = OpenApiContract.of(api.base()).document().path("paths").path("/api/v1/auth/token").path("delete").path("operationId").asString("");
    assertThat(id).as("the sign-out operation is in the document").isNotEmpty();
    return id;
  }

  /** The CLI deploy/test.sh installs (baton.schemathesis.bin), else `st` on PATH. */
  private static String schemathesis() {
    String configured = System.getProperty("baton.schemathesis.bin", "");
    return configured.isBlank() ? "st" : configured;
  }

  private static String read(Path output) {
    try {
      return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }
}
