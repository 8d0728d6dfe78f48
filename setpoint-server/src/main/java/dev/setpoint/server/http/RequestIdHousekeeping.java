package dev.setpoint.server.http;

import dev.setpoint.server.errors.ErrorLog;
import dev.setpoint.server.store.Store;
import dev.setpoint.server.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Forgets clients' request ids older than their retention ({@link StoredAnswers}), now and then: a
 * tenth of the retention, between a minute and an hour apart.
 */
final class RequestIdHousekeeping implements AutoCloseable {

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(RequestIdHousekeeping.class);

  private final Store store;
  private final Duration retention;
  private final ErrorLog errorLog;
  private final Clock clock;
  private final ScheduledExecutorService runs = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "setpoint-request-ids");
    t.setDaemon(true);
    return t;
  });

  RequestIdHousekeeping(Store store, Duration retention, ErrorLog errorLog, Clock clock) {
    this.store = store;
    this.retention = retention;
    this.errorLog = errorLog;
    this.clock = clock;
  }

  /** Schedules the runs, the first one interval from now. */
  void start() {
    long every = Math.max(60_000, Math.min(retention.toMillis() / 10, 3_600_000));
    // close() ends the runs (shutdownNow); forget() logs its own failures so that one does not.
    var unused = runs.scheduleWithFixedDelay(this::forget, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Forgets the request ids older than their retention. A failure is logged and tried again at the
   * next run; it must not end the runs.
   */
  private void forget() {
    try {
      long forgotten = store.forgetRequestKeys(clock.instant().minus(retention));
      if (forgotten > 0) {
        LOG.info("forgot {} request id(s) older than {}", forgotten, retention);
      }
    } catch (StoreException e) {
      errorLog.store("forgetting old request ids", e);
    } catch (RuntimeException e) {
      errorLog.internal("forgetting old request ids", e);
    }
  }

  /** Stops the runs, interrupting one under way. */
  @Override
  public void close() {
    runs.shutdownNow();
  }
}
