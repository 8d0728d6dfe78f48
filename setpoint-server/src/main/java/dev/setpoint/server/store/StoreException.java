package dev.setpoint.server.store;

import org.jspecify.annotations.Nullable;

/**
 * The store could not be read or written (the database is unreachable, refuses writes, the disk is
 * full, …). Its message names the operation and the database's short reason — never a statement, its
 * parameters or the database's detail, which may quote the values being written ({@link SqlErrors}) —
 * so that it can be logged as it is; the cause has everything.
 */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed and why, free of values
   * @param cause the driver's exception, which may quote values
   */
  public StoreException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
