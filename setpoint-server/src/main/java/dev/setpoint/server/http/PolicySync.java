package dev.setpoint.server.http;

import dev.setpoint.server.errors.ErrorLog;
import dev.setpoint.server.store.Store;
import dev.setpoint.server.store.StoreException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the versions this instance decides with ({@link ActivePolicies}) the store's active ones,
 * when other instances on the same database store, activate and roll back: the store's active
 * versions are read when it hears of a change ({@link Store#watchPolicies}: PostgreSQL's
 * notification, within milliseconds of the commit) and every {@link
 * DecisionServer.PolicyChecks#interval()} besides, which finds a change whose notification was
 * missed. A successful read confirms the versions; when none has succeeded for longer than {@link
 * DecisionServer.PolicyChecks#readyWithin()}, the instance is not ready ({@link #notReady()}) until
 * one does.
 */
final class PolicySync implements AutoCloseable {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PolicySync.class);

  /**
   * Why the versions are not confirmed.
   *
   * @param reason for the problem's detail
   * @param errorId the logged failure behind it, if any
   */
  record NotConfirmed(String reason, Optional<String> errorId) {}

  private final Store store;
  private final ActivePolicies active;
  private final DecisionServer.PolicyChecks checks;
  private final ErrorLog errorLog;
  private final Clock clock;
  private final ScheduledExecutorService runs = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "setpoint-policy-check");
    t.setDaemon(true);
    return t;
  });
  private volatile Store.Watch watch = () -> false;
  /** When the versions were last confirmed: {@link System#nanoTime()} and the clock's time. */
  private volatile long confirmedNanos;
  private volatile Instant confirmedAt;
  /** The last failure to read them, since they were last confirmed; null when the last read worked. */
  private volatile @Nullable String failure;
  private volatile @Nullable String failureId;
  /** When the read under way began ({@link System#nanoTime()}); 0 when none is. */
  private volatile long readingSince;

  /** Its versions are those {@code active} read from the store when it was built: confirmed now. */
  PolicySync(Store store, ActivePolicies active, DecisionServer.PolicyChecks checks,
      ErrorLog errorLog, Clock clock) {
    this.store = store;
    this.active = active;
    this.checks = checks;
    this.errorLog = errorLog;
    this.clock = clock;
    this.confirmedNanos = System.nanoTime();
    this.confirmedAt = Instant.ofEpochMilli(clock.millis());
  }

  /** Listens for changes and schedules the checks. */
  void start() {
    watch = store.watchPolicies(this::refresh);
    long every = checks.interval().toMillis();
    // close() ends the runs (shutdownNow); refresh() logs its own failures so that one does not.
    var unused = runs.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Reads the store's active versions and installs those newer than the ones served. A failure is
   * logged (once an outage) and tried again at the next notification or check; it must not end them.
   * Runs on the listener's thread and the checks' one, one at a time.
   */
  synchronized void refresh() {
    readingSince = System.nanoTime();
    try {
      active.refresh(store.activeVersions());
      confirmedNanos = System.nanoTime();
      confirmedAt = Instant.ofEpochMilli(clock.millis());
      if (failure != null) {
        LOG.info("the active policy versions are confirmed again");
        failure = null;
        failureId = null;
      }
    } catch (StoreException e) {
      if (failure == null) {
        failureId = errorLog.store("reading the active policy versions", e);
      }
      failure = e.getMessage();
    } catch (RuntimeException e) {
      failureId = errorLog.internal("reading the active policy versions", e);
      failure = "an internal error";
    } finally {
      readingSince = 0;
    }
  }

  /** Whether changes are being heard of as they commit (else only the checks find them). */
  boolean listening() {
    return watch.listening();
  }

  /** When the versions were last confirmed. */
  Instant confirmedAt() {
    return confirmedAt;
  }

  /** Why this instance cannot say it decides with the current versions; empty while it can. */
  Optional<NotConfirmed> notReady() {
    long ageMillis = (System.nanoTime() - confirmedNanos) / 1_000_000;
    if (ageMillis <= checks.readyWithin().toMillis()) {
      return Optional.empty();
    }
    String why = failure;
    long reading = readingSince;
    return Optional.of(new NotConfirmed("the active policy versions have not been confirmed for "
        + ageMillis + " ms (more than " + checks.readyWithin().toMillis() + " ms; last confirmed at "
        + confirmedAt + ")" + (why == null ? "" : ": " + why)
        + (reading == 0 ? "" : "; a read of them has been waiting for the store for "
            + (System.nanoTime() - reading) / 1_000_000 + " ms")
        + (listening() ? "" : "; not listening for policy changes"),
        Optional.ofNullable(failureId)));
  }

  /** Stops listening and checking. */
  @Override
  public void close() {
    runs.shutdownNow();
    watch.close();
  }
}
