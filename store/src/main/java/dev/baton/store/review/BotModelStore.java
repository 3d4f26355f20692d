package dev.baton.store.review;

import dev.baton.store.notify.Channels;
import dev.baton.store.notify.Notifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bot models retrained from approved examples ({@code bot_model_files}), the lock that lets one
 * worker at a time train, and the announcement of each stored model ({@link Channels#BOT_MODEL}):
 * one worker trains, every worker loads what it stored.
 */
public class BotModelStore {
  /**
   * The session-level advisory lock a training worker holds: "batonbot" in ASCII, a key no other
   * part of Baton locks. Held on a connection of its own, so a worker that dies mid-training
   * releases it with its connection.
   */
  static final long TRAINING_LOCK = 0x6261746f6e626f74L;
  /**
   * Models kept per catalogue: only the newest is loaded, the two before it stay for a look back.
   * A model is some megabytes and a busy review loop stores one after every approval round.
   */
  static final int KEPT_PER_CATALOGUE = 3;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final Notifier notifier;

  public BotModelStore(JdbcTemplate jdbc, TransactionTemplate tx, Notifier notifier) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.notifier = notifier;
  }

  /**
   * A stored model, without its bytes.
   *
   * @param baseVersion the version a model of its catalogue's own examples has: which catalogue
   *     it extends
   * @param examples how many examples it learned, approved ones counted as often as they weigh
   * @param learned how many approved examples it includes
   * @param lastExampleId the newest approved example it has taken into account
   * @param trainingMillis how long training it took
   */
  public record StoredModel(
      String version, String baseVersion, int examples, int learned, long lastExampleId, long trainingMillis,
      Instant createdAt) {}

  /** The model of the catalogue {@code baseVersion} that has taken in the most approved examples. */
  public Optional<StoredModel> newest(String baseVersion) {
    return jdbc.query(
            "select version, base_version, examples, learned, last_example_id, training_ms, created_at"
                + " from bot_model_files where base_version = ?"
                + " order by last_example_id desc, created_at desc limit 1",
            (rs, i) -> storedModel(rs),
            baseVersion)
        .stream()
        .findFirst();
  }

  /** The bytes of the stored model {@code version}, as the worker that trained it wrote them. */
  public Optional<byte[]> bytes(String version) {
    return jdbc.query("select model from bot_model_files where version = ?", (rs, i) -> rs.getBytes(1), version)
        .stream()
        .findFirst();
  }

  /**
   * Stores a model a worker has just trained and announces it; drops its catalogue's models older
   * than the {@value #KEPT_PER_CATALOGUE} newest. The announcement leaves on commit, so a worker
   * woken by it finds the row.
   */
  public void store(StoredModel model, byte[] bytes) {
    tx.executeWithoutResult(
        status -> {
          jdbc.update(
              """
              insert into bot_model_files
                  (version, base_version, examples, learned, last_example_id, model, training_ms)
              values (?, ?, ?, ?, ?, ?, ?)
              on conflict (version) do update
                  set last_example_id = greatest(bot_model_files.last_example_id, excluded.last_example_id)""",
              model.version(), model.baseVersion(), model.examples(), model.learned(), model.lastExampleId(), bytes,
              model.trainingMillis());
          jdbc.update(
              """
              delete from bot_model_files where base_version = ? and version not in (
                  select version from bot_model_files where base_version = ?
                  order by last_example_id desc, created_at desc limit ?)""",
              model.baseVersion(), model.baseVersion(), KEPT_PER_CATALOGUE);
          notifier.botModelStored(model.version());
        });
  }

  /**
   * Records that the stored model {@code version} has taken in the approved examples up to {@code
   * lastExampleId}: the newer ones were of intents its catalogue does not have, so a model
   * trained with them would be the same model.
   */
  public void takenInUpTo(String version, long lastExampleId) {
    jdbc.update(
        "update bot_model_files set last_example_id = greatest(last_example_id, ?) where version = ?",
        lastExampleId, version);
  }

  /**
   * Runs {@code training} holding the training lock and returns what it returned, unless another
   * worker holds the lock: then it returns nothing at once, without running it. The lock is a
   * PostgreSQL advisory lock on a connection held for the training (a minute or two for the
   * shipped catalogue), outside any transaction.
   */
  public <T> Optional<T> whileTraining(Supplier<T> training) {
    DataSource dataSource = Objects.requireNonNull(jdbc.getDataSource(), "a JdbcTemplate with a DataSource");
    try (Connection connection = dataSource.getConnection()) {
      if (!advisory(connection, "select pg_try_advisory_lock(?)")) {
        return Optional.empty();
      }
      try {
        return Optional.of(training.get());
      } finally {
        // Before the connection goes back to the pool, which must not hand it out still locking.
        advisory(connection, "select pg_advisory_unlock(?)");
      }
    } catch (SQLException e) {
      throw new DataAccessResourceFailureException("The bot training lock failed: " + e.getMessage(), e);
    }
  }

  private static boolean advisory(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, TRAINING_LOCK);
      try (ResultSet rs = statement.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private static StoredModel storedModel(ResultSet rs) throws SQLException {
    return new StoredModel(
        rs.getString("version"), rs.getString("base_version"), rs.getInt("examples"), rs.getInt("learned"),
        rs.getLong("last_example_id"), rs.getLong("training_ms"), rs.getTimestamp("created_at").toInstant());
  }
}
