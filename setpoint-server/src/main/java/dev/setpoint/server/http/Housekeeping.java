package dev.setpoint.server.http;

import dev.setpoint.server.errors.ErrorLog;
import dev.setpoint.server.store.Store;
import dev.setpoint.server.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The store's upkeep, now and then: forgets clients' request ids older than their retention ({@link
 * StoredAnswers}) every tenth of the retention, between a minute and an hour apart; and keeps the
 * audit log's time partitions ({@link Store#maintainAuditLog}: the coming days made ahead, the days
 * past the audit retention dropped) at start and every hour. Each job is safe on several instances at
 * once; a failure is logged and tried again at the next run.
 */
final class Housekeeping implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Housekeeping.class);
  private static final long HOUR_MS = Duration.ofHours(1).toMillis();

  private final Store store;
  private final Duration requestIdRetention;
  private final Optional<Duration> auditRetention;
  private final ErrorLog errorLog;
  private final Clock clock;
  private final ScheduledExecutorService runs = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "setpoint-housekeeping");
    t.setDaemon(true);
    return t;
  });

  Housekeeping(Store store, Duration requestIdRetention, Optional<Duration> auditRetention,
      ErrorLog errorLog, Clock clock) {
    this.store = store;
    this.requestIdRetention = requestIdRetention;
    this.auditRetention = auditRetention;
    this.errorLog = errorLog;
    this.clock = clock;
  }

  /** Schedules the runs: request ids' first one interval from now, the audit log's now. */
  void start() {
    long every = Math.max(60_000, Math.min(requestIdRetention.toMillis() / 10, HOUR_MS));
    // close() ends the runs (shutdownNow); each job logs its own failures so that one does not.
    var unused = runs.scheduleWithFixedDelay(() -> guarded("forgetting old request ids",
        this::forget), every, every, TimeUnit.MILLISECONDS);
    var unusedToo = runs.scheduleWithFixedDelay(() -> guarded("keeping the audit log's "
        + "partitions", this::maintainAuditLog), 0, HOUR_MS, TimeUnit.MILLISECONDS);
  }

  private void forget() {
    long forgotten = store.forgetRequestKeys(clock.instant().minus(requestIdRetention));
    if (forgotten > 0) {
      LOG.info("forgot {} request id(s) older than {}", forgotten, requestIdRetention);
    }
  }

  private void maintainAuditLog() {
    List<LocalDate> dropped = store.maintainAuditLog(clock.instant(), auditRetention);
    if (!dropped.isEmpty()) {
      LOG.info("dropped the audit log's decisions and labels of {} day(s), {} to {} (UTC), older "
          + "than the retention of {} days", dropped.size(), dropped.get(0),
          dropped.get(dropped.size() - 1), auditRetention.map(Duration::toDays).orElse(0L));
    }
  }

  /**
   * Runs {@code job}; a failure is logged and tried again at the next run: it must not end the
   * runs.
   */
  private void guarded(String what, Runnable job) {
    try {
      job.run();
    } catch (StoreException e) {
      errorLog.store(what, e);
    } catch (RuntimeException e) {
      errorLog.internal(what, e);
    }
  }

  /** Stops the runs, interrupting one under way. */
  @Override
  public void close() {
    runs.shutdownNow();
  }
}
