package dev.baton.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The api's connection pool as application.yaml configures it, against a database that does not
 * answer: a call that needs PostgreSQL fails within the staff budget of 2 s (503 to the caller),
 * whether the server hangs (accepts connections and says nothing, as a stopped process does) or
 * refuses connections (closed). Hikari's own default waits 30 s.
 */
class DatabaseTimeoutsTest {
  private static final Duration BUDGET = Duration.ofSeconds(2);

  @Test
  void aHungDatabaseFailsTheCallWithinTheBudget() throws Exception {
    // Accepted by the kernel and never answered: what a SIGSTOPped PostgreSQL looks like.
    try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertFailsWithinBudget(hung.getLocalPort());
    }
  }

  @Test
  void aClosedDatabaseFailsTheCallWithinTheBudget() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    assertFailsWithinBudget(port);
  }

  private static void assertFailsWithinBudget(int port) throws Exception {
    try (HikariDataSource pool = configuredPool(port)) {
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      // A running api's pool: started, its connections gone (the first call below starts it).
      for (int call = 0; call < 2; call++) {
        long start = System.nanoTime();
        Throwable thrown =
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowable(() -> jdbc.queryForObject("select 1", Integer.class)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(thrown).isInstanceOf(DataAccessException.class);
        assertThat(took).isLessThan(BUDGET);
      }
    }
  }

  /** A pool bound from the api's application.yaml, as Spring Boot binds it, pointed at {@code port}. */
  private static HikariDataSource configuredPool(int port) throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    new YamlPropertySourceLoader()
        .load("api", new ClassPathResource("application.yaml"))
        .stream()
        .findFirst()
        .ifPresent(environment.getPropertySources()::addLast);
    HikariDataSource pool = new HikariDataSource();
    Binder.get(environment).bind("spring.datasource.hikari", Bindable.ofInstance(pool));
    pool.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + port + "/postgres");
    pool.setUsername("postgres");
    pool.setPassword("postgres");
    // Started without a connection, as a pool whose database went away after it started.
    pool.setInitializationFailTimeout(-1);
    return pool;
  }
}
