package dev.setpoint.server.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on a PostgreSQL connection of its own for the notification each policy change sends when it
 * commits ({@code pg_notify} in the change's transaction), and calls back on its thread. When the
 * connection fails (the server restarts, the backend is terminated, the network drops) it reconnects
 * with backoff, 100 ms doubling to 5 s, and calls back once it listens again, since a change may have
 * been committed meanwhile. A silent connection is pinged every few seconds, so that a dead one is
 * noticed even when no change comes.
 */
final class PolicyListener implements Store.Watch {

  /** The channel every instance listens on; the payload is the policy's name. */
  static final String CHANNEL = "setpoint_policies";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(
      PolicyListener.class);
  private static final int POLL_MILLIS = 250;
  private static final long PING_NANOS = 5_000_000_000L;
  private static final long FIRST_BACKOFF_MILLIS = 100;
  private static final long MAX_BACKOFF_MILLIS = 5_000;

  private final String jdbcUrl;
  private final Runnable changed;
  private final Thread thread;
  private volatile boolean closed;
  private volatile boolean listening;

  PolicyListener(String jdbcUrl, Runnable changed) {
    this.jdbcUrl = jdbcUrl;
    this.changed = changed;
    this.thread = new Thread(this::run, "setpoint-policy-listener");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  @Override
  public boolean listening() {
    return listening;
  }

  private void run() {
    long backoff = FIRST_BACKOFF_MILLIS;
    boolean failedBefore = false;
    while (!closed) {
      try (Connection c = connect()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        listening = true;
        if (failedBefore) {
          LOG.info("listening for policy changes again");
        }
        failedBefore = false;
        backoff = FIRST_BACKOFF_MILLIS;
        notifyChanged();
        listen(c);
      } catch (SQLException e) {
        if (closed) {
          return;
        }
        if (!failedBefore) {
          LOG.warn("not listening for policy changes: {}; reconnecting (meanwhile the periodic "
              + "check finds them)", SqlErrors.reason(e));
        }
        failedBefore = true;
      } finally {
        listening = false;
      }
      if (!closed) {
        sleep(backoff);
        backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
      }
    }
  }

  /** Waits for notifications on {@code c} until it fails or the listener is closed. */
  private void listen(Connection c) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    long lastHeard = System.nanoTime();
    while (!closed) {
      PGNotification[] notes = pg.getNotifications(POLL_MILLIS);
      if (notes != null && notes.length > 0) {
        lastHeard = System.nanoTime();
        notifyChanged();
      } else if (System.nanoTime() - lastHeard > PING_NANOS) {
        try (Statement s = c.createStatement()) {
          s.execute("SELECT 1");
        }
        lastHeard = System.nanoTime();
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties props = new Properties();
    // As the pool's: no values quoted in the driver's messages; a dead server noticed within 10 s.
    props.setProperty("logServerErrorDetail", "false");
    props.setProperty("connectTimeout", "5");
    props.setProperty("socketTimeout", "10");
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("ApplicationName", "setpoint policy listener");
    return DriverManager.getConnection(jdbcUrl, props);
  }

  private void notifyChanged() {
    try {
      changed.run();
    } catch (RuntimeException e) {
      // The listener outlives a failed refresh: the next notification or check retries it.
      LOG.warn("a policy change was heard but could not be applied: {}", e.getMessage());
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    }
  }

  /** Stops listening and closes its connection. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
