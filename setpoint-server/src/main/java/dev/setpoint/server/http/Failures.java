package dev.setpoint.server.http;

import dev.setpoint.server.api.ApiException;
import dev.setpoint.server.audit.AuditLog;
import dev.setpoint.server.errors.ErrorLog;
import dev.setpoint.server.store.StoreException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * The problem a failed request is answered with, whichever handler served it, and the log line its
 * client does not see: the failure itself when it is an {@link ApiException}; 503 when the store or
 * the audit log cannot take the request; otherwise 500. A 5xx answer says what happened in one
 * sentence and carries an error id; the cause is logged under that id ({@link ErrorLog}), never sent.
 */
final class Failures {

  private final ErrorLog log;

  Failures(ErrorLog log) {
    this.log = log;
  }

  /**
   * @param request what was asked, such as "POST /v1/decide", for the log
   */
  ApiException answer(Throwable failure, String request) {
    Throwable f = unwrap(failure);
    if (f instanceof ApiException e) {
      return e;
    }
    if (f instanceof StoreException e) {
      return ApiException.serverSide(503, "store-unavailable", "Service unavailable",
          "the store could not complete this request; retry shortly", log.store(request, e));
    }
    if (f instanceof AuditLog.CommitFailedException e) {
      return ApiException.serverSide(503, "store-unavailable", "Service unavailable",
          "the decision could not be logged durably, so it was not given; retry shortly",
          e.errorId());
    }
    if (f instanceof TimeoutException) {
      return ApiException.unavailable("the decision log did not confirm the commit in time, so the "
          + "decision was not given; it may still have been logged: retry with the same "
          + "Idempotency-Key to get it if so");
    }
    if (f instanceof AuditLog.SaturatedException) {
      return ApiException.unavailable(String.valueOf(f.getMessage()));
    }
    return ApiException.serverSide(500, "internal", "Internal error",
        "an internal error occurred", log.internal(request, f));
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof RouteTable.ThrownError)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
