package dev.baton.store;

import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The database password a bare start falls back to ({@code postgres}, PostgreSQL's customary
 * one and the local run's) is the first any scanner tries: the {@code prod} profile refuses to
 * start with it, naming the setting; elsewhere it is logged.
 */
public final class DatabasePassword {
  /** What {@code BATON_DB_PASSWORD} falls back to in the worker's and the api's configuration. */
  public static final String DEFAULT = "postgres";

  DatabasePassword(Environment environment) {
    if (!DEFAULT.equals(environment.getProperty("spring.datasource.password"))) {
      return;
    }
    if (environment.acceptsProfiles(Profiles.of("prod"))) {
      throw new IllegalStateException(
          "The prod profile refuses to start: BATON_DB_PASSWORD is the default ('" + DEFAULT + "'). Give the"
              + " database user a password of its own (docs/security.md).");
    }
    LoggerFactory.getLogger(DatabasePassword.class)
        .warn("UNSAFE for production: BATON_DB_PASSWORD is the default. Fine on a laptop; the prod profile refuses it.");
  }
}
