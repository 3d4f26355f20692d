package dev.baton.reads;

import dev.baton.store.StoreWatch;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

/**
 * Gives the worker's {@link StoreWatch} its probe: while the store is down, a background thread
 * asks PostgreSQL for a valid connection (1 s at most) every second, so no customer's turn waits
 * to find out whether it is back.
 */
@Component
class StoreProbe {
  StoreProbe(DataSource database) {
    StoreWatch.SHARED.probeWith(() -> answer(database));
  }

  private static void answer(DataSource database) {
    try (Connection connection = database.getConnection()) {
      if (!connection.isValid(1)) {
        throw new DataAccessResourceFailureException("PostgreSQL did not answer within 1 s");
      }
    } catch (SQLException e) {
      throw new DataAccessResourceFailureException("PostgreSQL did not answer: " + e.getMessage(), e);
    }
  }
}
