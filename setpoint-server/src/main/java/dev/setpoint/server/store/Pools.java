package dev.setpoint.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.Locale;
import org.flywaydb.core.Flyway;

/** Opens a store's connection pool and migrates its schema, or says in one sentence why not. */
final class Pools {

  private Pools() {}

  /**
   * The pool of {@code hikari}, its schema migrated by Flyway ({@code db/migration/<dialect>}).
   *
   * @param where the store, for messages: a file, or a server and database (never a password)
   * @throws StoreException when the database cannot be reached or migrated, naming {@code where} and
   *     the database's short reason
   */
  static HikariDataSource open(JdbcStore.Dialect dialect, HikariConfig hikari, String where) {
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hikari);
    } catch (com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
      throw new StoreException("cannot open the store (" + where + "): " + reason(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration/" + dialect.name().toLowerCase(Locale.ROOT))
          .load()
          .migrate();
      return pool;
    } catch (org.flywaydb.core.api.FlywayException e) {
      pool.close();
      throw new StoreException("cannot migrate the store's schema (" + where + "): " + reason(e), e);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The database's short reason behind {@code failure}, or its own first line. */
  private static String reason(Exception failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return SqlErrors.reason(sql);
      }
    }
    String m = String.valueOf(failure.getMessage());
    return m.lines().findFirst().orElse(m);
  }
}
