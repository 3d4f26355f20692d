package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The benchmark is not part of the test command (deploy/bench.sh runs it); this proves its harness
 * still starts against a real stack and measures a turn on each side, so the benchmark cannot rot
 * unnoticed between runs.
 */
@ExtendWith(BatonStackExtension.class)
class BenchSmokeIT {

  @Test
  void theHarnessMeasuresABareUpdateAndABotTurnSideBySide(BatonStack stack) throws Exception {
    String origin = stack.api().base().resolve("/").toString();
    ProcessBuilder bench =
        new ProcessBuilder(
                List.of(
                    javaBinary(), "-jar", stack.execJar("bench").toString(),
                    "--mode", "smoke",
                    "--api", origin,
                    "--temporal", stack.temporalAddress(),
                    "--operator", Credentials.OPERATOR,
                    "--server", "the end-to-end suite's dev server"))
            .redirectErrorStream(true);
    bench.environment().put("BATON_BENCH_PASSWORD", stack.operatorPassword());
    Process process = bench.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as(output).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output)
        .contains("Baton benchmark, smoke mode")
        .containsPattern("P1 bot turn / bare update, p50, 1 client +\\d+\\.\\d\\d×")
        .containsPattern("bare update +p50 +\\d+\\.\\d ms.*\\(n 1\\)")
        .containsPattern("Baton bot turn +p50 +\\d+\\.\\d ms.*\\(n 1\\)")
        .contains("bot turns by the status they left: {BOT_ACTIVE=");
  }

  private static String javaBinary() throws IOException {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
