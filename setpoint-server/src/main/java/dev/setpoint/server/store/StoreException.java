package dev.setpoint.server.store;

/** The store could not be read or written (the database is unreachable, the disk is full, …). */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
