package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark is not part of the test command (deploy/bench.sh runs it); this proves its harness
 * still starts against a real stack, times one start of an extra worker, and measures a turn on
 * each side with the bot's own reading time from the worker's metrics, so the benchmark cannot rot
 * unnoticed between runs.
 */
@ExtendWith(BatonStackExtension.class)
class BenchSmokeIT {

  @Test
  void theHarnessTimesAWorkerStartAndMeasuresABareUpdateAndABotTurnSideBySide(BatonStack stack) throws Exception {
    String origin = stack.api().base().resolve("/").toString();
    Path workerJar = stack.execJar("worker");
    ProcessBuilder bench =
        new ProcessBuilder(
                List.of(
                    javaBinary(), "-jar", stack.execJar("bench").toString(),
                    "--mode", "smoke",
                    "--api", origin,
                    "--temporal", stack.temporalAddress(),
                    "--operator", Credentials.OPERATOR,
                    "--worker", stack.workerBase().toString(),
                    "--worker-pid", Long.toString(processRunning(workerJar)),
                    "--server", "the end-to-end suite's dev server"))
            .redirectErrorStream(true);
    bench.environment().put("BATON_BENCH_PASSWORD", stack.operatorPassword());
    Process process = bench.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).as(output).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("Baton benchmark, smoke mode")
        .containsPattern("P1 bot turn / bare update, p50, 1 client +\\d+\\.\\d\\d×")
        .containsPattern("bare update +p50 +\\d+\\.\\d ms.*\\(n 1\\)")
        .containsPattern("Baton bot turn +p50 +\\d+\\.\\d ms.*\\(n 1\\)")
        .containsPattern(
            "bot's own reading per turn \\(baton_bot_read_seconds\\) +mean +\\d+\\.\\d\\d ms"
                + " +p50 [≤≈] +\\d+\\.\\d\\d ms +p99 [≤≈] +\\d+\\.\\d\\d ms +\\(n 1\\)")
        .containsPattern(
            "START worker start 1: ready +\\d+\\.\\d\\d s \\(health UP +\\d+\\.\\d\\d s, polling +\\d+\\.\\d\\d s\\);"
                + " Spring Boot: started in [\\d.]+ s.*; bot (loaded the shipped|trained) model \\S+ \\(\\d+ examples\\) in \\d+ ms")
        .contains("bot turns by the status they left: {BOT_ACTIVE=");
    // The extra worker is stopped: only the stack's own is left running the worker's jar.
    assertThat(ProcessHandle.current().descendants().filter(p -> runs(p, workerJar)).count()).isEqualTo(1);
  }

  /** The process of the stack's worker, whose command line and environment the harness copies. */
  private static long processRunning(Path jar) {
    return ProcessHandle.current()
        .descendants()
        .filter(process -> runs(process, jar))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no process runs " + jar))
        .pid();
  }

  private static boolean runs(ProcessHandle process, Path jar) {
    return process.isAlive() && process.info().arguments().map(List::of).orElse(List.of()).contains(jar.toString());
  }

  private static String javaBinary() throws IOException {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
