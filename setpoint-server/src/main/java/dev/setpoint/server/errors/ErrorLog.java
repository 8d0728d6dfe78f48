package dev.setpoint.server.errors;

import dev.setpoint.server.store.StoreException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Logs a server-side failure once, under a new error id, and returns the id for the answer.
 *
 * <p>A store failure is logged by its {@linkplain StoreException#getMessage() message}, which names
 * the operation and the database's own short reason (SQLState and primary message) but never the
 * statement, its parameters or the database's detail: those hold the values of the decisions being
 * written, attributes of other callers included (grouped commits write many requests at once). With
 * {@code withValues} — for debugging, by the operator's choice — the whole cause is logged, stack trace
 * and driver text included. Internal errors (a bug) are always logged with their stack trace.
 */
public final class ErrorLog {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ErrorLog.class);

  private final boolean withValues;

  /**
   * @param withValues whether store failures are logged in full, with the values the driver's text
   *     may quote
   */
  public ErrorLog(boolean withValues) {
    this.withValues = withValues;
  }

  /** A new error id: 12 hex digits, e.g. {@code e-3f9a0c12b7d4}. */
  public static String nextId() {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return "e-" + HexFormat.of().formatHex(bytes);
  }

  /**
   * Logs a store failure as a warning.
   *
   * @param what what was being done, e.g. "POST /v1/labels" or "audit commit of 64 decisions"
   * @return the error id
   */
  public String store(String what, StoreException failure) {
    String id = nextId();
    if (withValues) {
      LOG.warn("store failure {} on {}: {}", id, what, failure.getMessage(), failure);
    } else {
      LOG.warn("store failure {} on {}: {}", id, what, failure.getMessage());
    }
    return id;
  }

  /**
   * Logs an internal error, with its stack trace.
   *
   * @return the error id
   */
  public String internal(String what, Throwable failure) {
    String id = nextId();
    LOG.error("internal error {} on {}", id, what, failure);
    return id;
  }
}
