package dev.baton.deploy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs PostgreSQL for a local Baton (deploy/run.sh): the embedded binaries, a data directory that
 * outlives the process, a fixed port on 127.0.0.1, and a clean stop on Ctrl-C or SIGTERM.
 *
 * <pre>java -jar baton-deploy-exec.jar [--data-dir .baton/data/postgres] [--port 54329]</pre>
 */
public final class LocalPostgres {
  /** Printed once PostgreSQL accepts connections; run.sh waits for it. */
  static final String READY = "PostgreSQL ready";

  private static final String USAGE =
      "usage: LocalPostgres [--data-dir DIR] [--port PORT]"
          + "   (defaults: .baton/data/postgres, 54329)";

  private LocalPostgres() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(".baton/data/postgres");
    int port = 54329;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data-dir" -> dataDir = Path.of(value(args, ++i));
        case "--port" -> port = Integer.parseInt(value(args, ++i));
        case "-h", "--help" -> {
          System.out.println(USAGE);
          return;
        }
        default -> fail("unknown argument '" + args[i] + "'\n" + USAGE);
      }
    }
    dataDir = dataDir.toAbsolutePath().normalize();
    refuseIfAlreadyRunning(dataDir);

    EmbeddedPostgres postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir)
            // The data is the point: conversations must survive a restart.
            .setCleanDataDirectory(false)
            .setPort(port)
            .setServerConfig("listen_addresses", "127.0.0.1")
            // Unpacking the binaries and initdb on a first run can take a while on a small machine.
            .setPGStartupWait(Duration.ofSeconds(60))
            .setRegisterShutdownHook(false)
            .start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(postgres), "postgres-stop"));

    System.out.printf(
        "%s: jdbc:postgresql://127.0.0.1:%d/postgres (user postgres), data in %s%n",
        READY, port, dataDir);
    // Nothing more to do: the shutdown hook stops PostgreSQL when the process is told to end.
    new CountDownLatch(1).await();
  }

  private static void stop(EmbeddedPostgres postgres) {
    try {
      postgres.close();
      System.out.println("PostgreSQL stopped");
    } catch (IOException | RuntimeException e) {
      System.err.println("PostgreSQL did not stop cleanly: " + e);
    }
  }

  /**
   * A postmaster left running by a killed launcher still owns the data directory; starting a
   * second one would fail with a far less helpful message from pg_ctl.
   */
  private static void refuseIfAlreadyRunning(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    List<String> lines = Files.readAllLines(pidFile);
    if (lines.isEmpty() || !lines.get(0).strip().matches("\\d+")) {
      return;
    }
    long pid = Long.parseLong(lines.get(0).strip());
    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      fail("PostgreSQL (pid " + pid + ") is still running on " + dataDir
          + "; stop it first (kill " + pid + ")");
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      fail(args[i - 1] + " needs a value\n" + USAGE);
    }
    return args[i];
  }

  private static void fail(String message) {
    System.err.println("LocalPostgres: " + message);
    System.exit(2);
  }
}
