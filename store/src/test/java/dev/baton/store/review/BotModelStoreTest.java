package dev.baton.store.review;

import static dev.baton.store.StoreDatabase.DATA_SOURCE;
import static dev.baton.store.StoreDatabase.JDBC;
import static dev.baton.store.StoreDatabase.TX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.store.StoreDatabase;
import dev.baton.store.notify.Channels;
import dev.baton.store.notify.Notifier;
import dev.baton.store.review.BotModelStore.StoredModel;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The stored bot models: the newest of each catalogue, the announcement, the one training lock. */
class BotModelStoreTest {
  private final BotModelStore store = new BotModelStore(JDBC, TX, new Notifier(JDBC));

  @BeforeEach
  void empty() {
    StoreDatabase.clear();
  }

  @Test
  void eachCatalogueHasItsNewestModelAndItsBytesComeBackAsStored() {
    store.store(model("m-1", "base-a", 3), bytes("one"));
    store.store(model("m-2", "base-a", 5), bytes("two"));
    store.store(model("m-9", "base-b", 9), bytes("nine"));

    assertThat(store.newest("base-a")).hasValueSatisfying(m -> {
      assertThat(m.version()).isEqualTo("m-2");
      assertThat(m.lastExampleId()).isEqualTo(5);
      assertThat(m.learned()).isEqualTo(1);
      assertThat(m.createdAt()).isNotNull();
    });
    assertThat(store.newest("base-b").map(StoredModel::version)).hasValue("m-9");
    assertThat(store.newest("base-c")).as("a catalogue nothing was trained for").isEmpty();
    assertThat(store.bytes("m-2")).hasValueSatisfying(b -> assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("two"));
    assertThat(store.bytes("m-0")).isEmpty();
  }

  @Test
  void onlyTheNewestModelsOfACatalogueAreKept() {
    for (int i = 1; i <= 5; i++) {
      store.store(model("m-" + i, "base-a", i), bytes("model " + i));
    }
    store.store(model("other", "base-b", 1), bytes("other"));

    assertThat(JDBC.queryForList("select version from bot_model_files order by version", String.class))
        .containsExactly("m-3", "m-4", "m-5", "other");
  }

  @Test
  void aModelThatTookInNewerExamplesIsTheNewestAndNeverGoesBack() {
    store.store(model("m-1", "base-a", 3), bytes("one"));

    store.takenInUpTo("m-1", 8);
    store.takenInUpTo("m-1", 4);

    assertThat(store.newest("base-a").map(StoredModel::lastExampleId)).hasValue(8L);
  }

  @Test
  void aStoredModelIsAnnouncedWithItsVersionWhenItsRowIsThere() throws Exception {
    try (Connection listener = DATA_SOURCE.getConnection()) {
      try (Statement statement = listener.createStatement()) {
        statement.execute("LISTEN " + Channels.BOT_MODEL);
      }

      store.store(model("m-1", "base-a", 3), bytes("one"));

      List<String> heard = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (heard.isEmpty() && System.nanoTime() < deadline) {
        PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(200);
        for (PGNotification n : notifications == null ? new PGNotification[0] : notifications) {
          heard.add(n.getParameter());
          assertThat(store.bytes(n.getParameter())).as("the row is there when the news arrives").isPresent();
        }
      }
      assertThat(heard).containsExactly("m-1");
    }
  }

  @Test
  void oneWorkerTrainsAtATimeAndAFinishedTrainingLeavesNoLockInThePool() throws Exception {
    try (HikariDataSource poolA = pool(); HikariDataSource poolB = pool()) {
      BotModelStore workerA = store(poolA);
      BotModelStore workerB = store(poolB);
      CountDownLatch training = new CountDownLatch(1);
      CountDownLatch finish = new CountDownLatch(1);
      CompletableFuture<Optional<String>> first =
          CompletableFuture.supplyAsync(
              () ->
                  workerA.whileTraining(
                      () -> {
                        training.countDown();
                        await(finish);
                        return "first";
                      }));
      assertThat(training.await(10, TimeUnit.SECONDS)).isTrue();

      List<String> ran = new ArrayList<>();
      assertThat(workerB.whileTraining(() -> ran.add("second"))).as("the lock is held").isEmpty();
      assertThat(ran).isEmpty();

      finish.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).hasValue("first");
      assertThat(workerB.whileTraining(() -> "third"))
          .as("released, though worker A's connection is back in its pool")
          .hasValue("third");
    }
  }

  @Test
  void aTrainingThatFailsReleasesTheLock() {
    try (HikariDataSource poolA = pool(); HikariDataSource poolB = pool()) {
      try {
        store(poolA).whileTraining(
            () -> {
              throw new IllegalStateException("out of memory");
            });
      } catch (IllegalStateException expected) {
        // As a failed training ends.
      }

      assertThat(store(poolB).whileTraining(() -> "next")).hasValue("next");
    }
  }

  /** A worker's connection pool: one connection, kept open, as Hikari keeps them between uses. */
  private static HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setDataSource(DATA_SOURCE);
    config.setMaximumPoolSize(1);
    return new HikariDataSource(config);
  }

  private static BotModelStore store(DataSource pool) {
    JdbcTemplate jdbc = new JdbcTemplate(pool);
    return new BotModelStore(jdbc, new TransactionTemplate(new DataSourceTransactionManager(pool)), new Notifier(jdbc));
  }

  private static StoredModel model(String version, String base, long lastExampleId) {
    return new StoredModel(version, base, 300, 1, lastExampleId, 1200, null);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
