package dev.baton.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.hours.HoursActivitiesImpl;
import dev.baton.hours.QueueHours;
import dev.baton.store.hours.HoursStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a worker writes to the shared PostgreSQL as it starts (the migrations, then hours.yaml's
 * schedules) when several workers start at once, and when one restarts after a supervisor changed
 * the hours: each worker runs exactly its startup steps, on its own connections, against one real
 * PostgreSQL, in a fresh database per test.
 */
class WorkerStartupRaceTest {
  private static final EmbeddedPostgres POSTGRES = start();
  private static final Resource SHIPPED = new ClassPathResource("hours/hours.yaml");
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private DataSource database;
  private JdbcTemplate jdbc;

  @TempDir Path files;

  @BeforeEach
  void freshDatabase() {
    String name = "race_" + DATABASES.incrementAndGet();
    new JdbcTemplate(POSTGRES.getPostgresDatabase()).execute("create database " + name);
    database = POSTGRES.getDatabase("postgres", name);
    jdbc = new JdbcTemplate(database);
  }

  @AfterAll
  static void stop() throws IOException {
    POSTGRES.close();
  }

  @Test
  void fourWorkersStartingTogetherMigrateOnceAndStoreTheShippedHoursOnce() throws Exception {
    int workers = 4;
    CyclicBarrier together = new CyclicBarrier(workers);
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<?>> starts =
          java.util.stream.IntStream.range(0, workers)
              .<Future<?>>mapToObj(
                  i ->
                      pool.submit(
                          () -> {
                            together.await();
                            migrate();
                            together.await();
                            new HoursActivitiesImpl(new HoursStore(new JdbcTemplate(database)), SHIPPED);
                            return null;
                          }))
              .toList();
      for (Future<?> start : starts) {
        start.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    int shipped = Flyway.configure().locations("classpath:db/migration").dataSource(database).load().info().all().length;
    assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where version is not null and success", Integer.class))
        .as("every migration applied once")
        .isEqualTo(shipped);
    assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where not success", Integer.class)).isZero();
    assertThat(jdbc.queryForList("select queue from queue_hours where source = 'default' order by queue", String.class))
        .containsExactly(HoursStore.DEFAULT, "technical");
    assertThat(jdbc.queryForList("select distinct defaults_version from queue_hours", Integer.class)).containsExactly(1);
  }

  @Test
  void aSupervisorsHoursSurviveAWorkerRestartAndTheShippedRowsAreNotRewritten() {
    startWorker(SHIPPED);
    QueueHours late = QueueHours.of("technical", "UTC", Map.of("saturday", List.of("18:00-24:00")), null);
    new HoursStore(jdbc).putOperator(late);
    Timestamp shippedAt = updatedAt(HoursStore.DEFAULT);
    Timestamp supervisorsAt = updatedAt("technical");

    HoursActivitiesImpl restarted = startWorker(SHIPPED);

    assertThat(restarted.schedule("technical").hours().week()).isEqualTo(late.week());
    assertThat(restarted.schedule("technical").hours().zone().getId()).isEqualTo("UTC");
    assertThat(updatedAt("technical")).isEqualTo(supervisorsAt);
    assertThat(updatedAt(HoursStore.DEFAULT)).as("the shipped default, not rewritten").isEqualTo(shippedAt);
  }

  @Test
  void aNewerHoursFileReplacesTheShippedRowsAndAnOlderWorkerRestartingDoesNotPutItsOwnBack() throws IOException {
    startWorker(SHIPPED);
    String text = new String(SHIPPED.getInputStream().readAllBytes());
    Path newer = files.resolve("hours-v2.yaml");
    Files.writeString(newer, text.replace("version: 1", "version: 2").replace("monday: [\"09:00-17:00\"]", "monday: [\"07:00-19:00\"]"));

    startWorker(new FileSystemResource(newer));
    HoursActivitiesImpl older = startWorker(SHIPPED);

    assertThat(older.schedule("billing").hours().week().get(java.time.DayOfWeek.MONDAY).get(0).toString()).isEqualTo("07:00-19:00");
    assertThat(jdbc.queryForObject("select defaults_version from queue_hours where queue = ?", Integer.class, HoursStore.DEFAULT))
        .isEqualTo(2);
  }

  private void migrate() {
    // As Spring Boot runs it at the worker's start (spring.flyway.*): Flyway's own lock on
    // PostgreSQL makes the second worker wait and then find nothing left to apply.
    Flyway.configure().locations("classpath:db/migration").dataSource(database).load().migrate();
  }

  private HoursActivitiesImpl startWorker(Resource hoursFile) {
    migrate();
    return new HoursActivitiesImpl(new HoursStore(new JdbcTemplate(database)), hoursFile);
  }

  private Timestamp updatedAt(String queue) {
    return jdbc.queryForObject("select updated_at from queue_hours where queue = ?", Timestamp.class, queue);
  }

  private static EmbeddedPostgres start() {
    try {
      return EmbeddedPostgres.start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Cannot start embedded PostgreSQL", e);
    }
  }
}
