package dev.setpoint.server.store;

import org.jspecify.annotations.Nullable;

/**
 * The store could not be read or written (the database is unreachable, refuses writes, the disk is
 * full, …). Its message names the operation and the database's short reason — never a statement, its
 * parameters or the database's detail, which may quote the values being written ({@link SqlErrors}) —
 * so that it can be logged as it is; the cause has everything.
 */
public sealed class StoreException extends RuntimeException permits StoreException.InUse {

  private static final long serialVersionUID = 1L;

  /**
   * The embedded store's data directory is in use by another process (or another open store of this
   * one): SQLite is single-node. The message says so in one line, naming the directory.
   */
  public static final class InUse extends StoreException {

    private static final long serialVersionUID = 1L;

    InUse(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * @param message what failed and why, free of values
   * @param cause the driver's exception, which may quote values
   */
  public StoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
