package dev.setpoint.server.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Opens the store a command line names: the embedded file under a data directory, or PostgreSQL. */
public final class StoreLocation {

  private StoreLocation() {}

  /**
   * Opens {@code store} when given ({@code postgresql://user[:password]@host[:port]/database}),
   * else the embedded store in {@code dataDir} (created if missing).
   *
   * @throws IllegalArgumentException naming what is wrong with {@code store}
   */
  public static JdbcStore open(@Nullable String store, Path dataDir) throws java.io.IOException {
    return open(store, dataDir, JdbcStore.Durability.POWER_LOSS);
  }

  /** As {@link #open(String, Path)}, with the embedded store's durability of commits. */
  public static JdbcStore open(@Nullable String store, Path dataDir, JdbcStore.Durability durability)
      throws java.io.IOException {
    return open(store, dataDir, durability, JdbcStore.DEFAULT_COMMIT_TIMEOUT);
  }

  /** As {@link #open(String, Path, JdbcStore.Durability)}, with the longest a write may take. */
  public static JdbcStore open(@Nullable String store, Path dataDir, JdbcStore.Durability durability,
      java.time.Duration commitTimeout) throws java.io.IOException {
    return open(store, dataDir, durability, commitTimeout, java.time.Clock.systemUTC());
  }

  /**
   * As {@link #open(String, Path, JdbcStore.Durability, java.time.Duration)}, recording times from
   * {@code clock}.
   */
  public static JdbcStore open(@Nullable String store, Path dataDir, JdbcStore.Durability durability,
      java.time.Duration commitTimeout, java.time.Clock clock) throws java.io.IOException {
    if (store == null || store.isBlank()) {
      Files.createDirectories(dataDir);
      return JdbcStore.sqlite(dataDir, durability, commitTimeout, clock);
    }
    return JdbcStore.postgresql(jdbcUrl(store), commitTimeout, clock);
  }

  /**
   * Opens {@code store} for reading, as an export does: PostgreSQL as {@link #open(String, Path)}
   * does; the embedded store in {@code dataDir} read-only, without its directory's lock, so that it
   * can be read while {@code serve} runs on it.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code store}
   */
  public static JdbcStore openForReading(@Nullable String store, Path dataDir) {
    if (store == null || store.isBlank()) {
      return JdbcStore.sqliteReader(dataDir);
    }
    return JdbcStore.postgresql(jdbcUrl(store));
  }

  /** The JDBC URL of a {@code postgresql://} location. */
  public static String jdbcUrl(String location) {
    URI uri;
    try {
      uri = new URI(location.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("--store '" + location + "' is not a URL: " + e.getReason());
    }
    if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
      throw new IllegalArgumentException("--store must be postgresql://user@host:port/database, was '"
          + location + "' (leave it out for the embedded store under --data-dir)");
    }
    if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException("--store '" + location + "' needs a host and a database: "
          + "postgresql://user@host:port/database");
    }
    StringBuilder url = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
    if (uri.getPort() > 0) {
      url.append(':').append(uri.getPort());
    }
    url.append(uri.getPath());
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      query = (query.isEmpty() ? "" : query + "&") + "user=" + enc(dec(parts[0]))
          + (parts.length > 1 ? "&password=" + enc(dec(parts[1])) : "");
    }
    return query.isEmpty() ? url.toString() : url + "?" + query;
  }

  private static String dec(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
