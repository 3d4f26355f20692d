package dev.baton.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start and stop of deploy/lib.sh that run.sh (the README's local start) and cluster-test.sh
 * share: each process logs to its own file, and on the way out every one is stopped, the last
 * started first, a process that ignores SIGTERM killed after its grace.
 */
class ProcessFunctionsTest {
  @TempDir Path dir;

  @Test
  void everyProcessStartedIsStoppedLastFirstAndOneThatIgnoresTheSignalIsKilled() throws Exception {
    String script =
        """
        set -euo pipefail
        source lib.sh
        baton_start "$LOGS" server bash -c 'echo serving; exec sleep 60'
        baton_start "$LOGS" stubborn bash -c 'trap "" TERM; echo here; while true; do sleep 0.1; done'
        baton_start "$LOGS" client bash -c 'exec sleep 60'
        echo "${BATON_STARTED_PIDS[*]}" >"$LOGS/pids"
        sleep 0.5
        baton_stop_all 1
        echo "left: ${#BATON_STARTED_PIDS[@]}"
        """;

    Result result = bash(script);

    assertThat(result.exit()).isZero();
    assertThat(result.out()).contains("left: 0");
    assertThat(result.err())
        .containsSubsequence("stopping client", "stopping stubborn", "stubborn did not stop within 1s; killing it", "stopping server");
    assertThat(Files.readString(dir.resolve("server.log"))).isEqualTo("serving\n");
    assertThat(Files.readString(dir.resolve("stubborn.log"))).isEqualTo("here\n");
    for (String pid : Files.readString(dir.resolve("pids")).trim().split(" ")) {
      assertThat(Path.of("/proc", pid)).as("process %s is gone", pid).doesNotExist();
    }
  }

  @Test
  void anExitTrapStopsWhatWasStartedWhenTheScriptFails() throws Exception {
    String script =
        """
        set -euo pipefail
        source lib.sh
        trap baton_stop_all EXIT
        baton_start "$LOGS" server bash -c 'exec sleep 60'
        echo "${BATON_STARTED_PIDS[*]}" >"$LOGS/pids"
        false
        """;

    Result result = bash(script);

    assertThat(result.exit()).isNotZero();
    assertThat(result.err()).contains("stopping server");
    String pid = Files.readString(dir.resolve("pids")).trim();
    assertThat(Path.of("/proc", pid)).doesNotExist();
  }

  @Test
  void aMissingJarNamesTheModuleAndTheWayOut() throws Exception {
    Result result = bash("source lib.sh; BATON_ROOT=\"$LOGS\" baton_exec_jar worker");

    assertThat(result.exit()).isNotZero();
    assertThat(result.err()).contains("no worker jar in worker/target; run without --no-build to build it");
  }

  private record Result(int exit, String out, String err) {}

  private Result bash(String script) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", script)).directory(Path.of("").toAbsolutePath().toFile());
    builder.environment().put("LOGS", dir.toString());
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the script ends").isTrue();
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }
}
