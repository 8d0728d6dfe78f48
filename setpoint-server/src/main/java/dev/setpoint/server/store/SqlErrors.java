package dev.setpoint.server.store;

import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The short reason of a database error that may be logged and counted: its SQLState and the
 * database's primary message, without the statement or the parameters a driver quotes in its own text
 * (PostgreSQL's {@code Batch entry 0 INSERT INTO … VALUES (…) was aborted}) and without the server's
 * {@code DETAIL} (which quotes key values).
 */
final class SqlErrors {

  private SqlErrors() {}

  /** E.g. {@code SQLState 25006: cannot execute INSERT in a read-only transaction}. */
  static String reason(SQLException failure) {
    for (Throwable t = failure; t != null; t = next(t)) {
      if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
        ServerErrorMessage m = p.getServerErrorMessage();
        return "SQLState " + m.getSQLState() + ": " + firstLine(m.getMessage());
      }
    }
    String state = failure.getSQLState() == null ? "" : "SQLState " + failure.getSQLState() + ": ";
    if (failure instanceof java.sql.BatchUpdateException) {
      // The driver's text of a failed batch quotes the statement with its parameters.
      return state + "a statement of the batch failed";
    }
    return state + firstLine(failure.getMessage());
  }

  private static @Nullable Throwable next(Throwable t) {
    if (t instanceof SQLException s && s.getNextException() != null && s.getNextException() != s) {
      return s.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "(no message)";
    }
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
