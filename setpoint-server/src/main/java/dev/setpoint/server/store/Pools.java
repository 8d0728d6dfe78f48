package dev.setpoint.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens a store's connection pool (SQLite's file and durability, PostgreSQL's connection wait) and
 * migrates its schema, or says in one sentence why not.
 */
final class Pools {

  private Pools() {}

  /** The embedded store {@code setpoint.db} in {@code dataDir}, created if needed. */
  static HikariDataSource sqlite(Path dataDir, JdbcStore.Durability durability,
      Duration commitTimeout) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(durability == JdbcStore.Durability.POWER_LOSS
        ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, commitTimeout.toMillis()));
    config.enforceForeignKeys(true);
    String url = "jdbc:sqlite:" + dataDir.resolve("setpoint.db").toAbsolutePath();
    incrementalVacuum(url);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl(url);
    HikariConfig hikari = new HikariConfig();
    hikari.setDataSource(sqlite);
    hikari.setMaximumPoolSize(4);
    hikari.setPoolName("setpoint-sqlite");
    return open(JdbcStore.Dialect.SQLITE, hikari,
        dataDir.resolve("setpoint.db").toAbsolutePath().toString());
  }

  /**
   * Makes a new store file give the pages of dropped days back to the file system ({@link
   * JdbcStore#maintainAuditLog}): {@code auto_vacuum} is set before the file's header is first
   * written, which switching to WAL does, so here, before the pool's connections switch. An existing
   * file keeps its mode (changing it takes a VACUUM) and reuses those pages instead.
   */
  private static void incrementalVacuum(String url) {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA auto_vacuum = INCREMENTAL");
      s.execute("PRAGMA journal_mode = WAL");
    } catch (SQLException e) {
      throw new StoreException("cannot open the store (" + url.substring("jdbc:sqlite:".length())
          + "): " + reason(e), e);
    }
  }

  /**
   * The embedded store {@code setpoint.db} in {@code dataDir}, read-only: no lock on the directory and
   * no migration, so that an export reads it beside a running {@code serve} (SQLite's WAL lets readers
   * see committed data while one process writes).
   *
   * @throws StoreException when the file cannot be opened, or its schema is not this version's (a
   *     {@code serve} of this version migrates it)
   */
  static HikariDataSource sqliteReadOnly(Path dataDir) {
    Path file = dataDir.resolve("setpoint.db").toAbsolutePath();
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(5_000);
    SQLiteDataSource sqlite = new SQLiteDataSource(config);
    sqlite.setUrl("jdbc:sqlite:" + file);
    HikariConfig hikari = new HikariConfig();
    hikari.setDataSource(sqlite);
    hikari.setMaximumPoolSize(2);
    hikari.setReadOnly(true);
    hikari.setPoolName("setpoint-sqlite-reader");
    return open(hikari, file.toString(), "read the store's schema", pool -> {
      int pending = Flyway.configure().dataSource(pool)
          .locations("classpath:db/migration/sqlite").load().info().pending().length;
      if (pending > 0) {
        throw new StoreException("the store's schema (" + file + ") is older than this setpoint's ("
            + pending + " migration(s) not applied); start setpoint serve of this version on it once",
            null);
      }
    });
  }

  /** A PostgreSQL server's pool, a connection waited for at most {@code commitTimeout}. */
  static HikariDataSource postgresql(String jdbcUrl, Duration commitTimeout) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(jdbcUrl);
    hikari.setMaximumPoolSize(8);
    hikari.setPoolName("setpoint-postgresql");
    hikari.setConnectionTimeout(Math.max(250, commitTimeout.toMillis()));
    // The driver's own text quotes server DETAIL lines (key values) and failed batch statements with
    // their parameters unless told not to; the URL may still ask for them.
    hikari.addDataSourceProperty("logServerErrorDetail", "false");
    return open(JdbcStore.Dialect.POSTGRESQL, hikari, "PostgreSQL at " + server(jdbcUrl));
  }

  /** host:port/database of a JDBC URL: what a message may show of it (no user, no password). */
  private static String server(String jdbcUrl) {
    int start = jdbcUrl.indexOf("//");
    int end = jdbcUrl.indexOf('?');
    return jdbcUrl.substring(start < 0 ? 0 : start + 2, end < 0 ? jdbcUrl.length() : end);
  }

  /**
   * The pool of {@code hikari}, its schema migrated by Flyway ({@code db/migration/<dialect>}).
   *
   * @param where the store, for messages: a file, or a server and database (never a password)
   * @throws StoreException when the database cannot be reached or migrated, naming {@code where} and
   *     the database's short reason
   */
  static HikariDataSource open(JdbcStore.Dialect dialect, HikariConfig hikari, String where) {
    return open(hikari, where, "migrate the store's schema", pool -> Flyway.configure()
        .dataSource(pool)
        .locations("classpath:db/migration/" + dialect.name().toLowerCase(Locale.ROOT))
        .load()
        .migrate());
  }

  /** What is done to a new pool's schema before the pool is handed out. */
  @FunctionalInterface
  private interface SchemaStep {
    void apply(HikariDataSource pool);
  }

  /**
   * The pool of {@code hikari} after {@code step}; closed again when the step fails.
   *
   * @param doing the step, for its failure's message ("cannot {@code doing} (where): reason")
   */
  private static HikariDataSource open(HikariConfig hikari, String where, String doing,
      SchemaStep step) {
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(hikari);
    } catch (com.zaxxer.hikari.pool.HikariPool.PoolInitializationException e) {
      throw new StoreException("cannot open the store (" + where + "): " + reason(e), e);
    }
    try {
      step.apply(pool);
      return pool;
    } catch (org.flywaydb.core.api.FlywayException e) {
      pool.close();
      throw new StoreException("cannot " + doing + " (" + where + "): " + reason(e), e);
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
