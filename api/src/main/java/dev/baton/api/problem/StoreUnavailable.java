package dev.baton.api.problem;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Baton's own database (PostgreSQL, the store) is down, hung or out of connections: 503 with
 * Retry-After, never a 500 and never after a long wait (the pool's short connection and socket
 * timeouts make the failure come fast; docs/operations.md). The call can be repeated as it is.
 */
public final class StoreUnavailable extends ApiException {
  private static final long serialVersionUID = 1L;
  /** A database outage is seldom over in a second or two. */
  static final String RETRY_AFTER_SECONDS = "5";

  StoreUnavailable(Throwable cause) {
    super(
        Problems.SERVICE_UNAVAILABLE,
        HttpStatus.SERVICE_UNAVAILABLE,
        "Baton's database did not answer; repeat the call in a few seconds.",
        Map.of(),
        cause);
  }

  @Override
  public HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    headers.set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    return headers;
  }

  /**
   * The failure in {@code thrown}'s causes that says the database cannot be reached now (no
   * connection within the pool's timeout, a connection broken or timed out, a transaction that
   * could not begin), as opposed to a query the database refused.
   */
  public static Optional<Throwable> in(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessException
          || t instanceof CannotCreateTransactionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLRecoverableException
          || (t instanceof SQLException sql && unreachable(sql.getSQLState()))) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * SQLSTATE class 08, connection exception (a broken or refused connection), and 57P, operator
   * intervention (the server shutting down or starting up).
   */
  private static boolean unreachable(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P"));
  }

  /** The 503 for a store failure found in {@code thrown}'s causes, if there is one. */
  public static Optional<StoreUnavailable> of(Throwable thrown) {
    return in(thrown).map(StoreUnavailable::new);
  }
}
