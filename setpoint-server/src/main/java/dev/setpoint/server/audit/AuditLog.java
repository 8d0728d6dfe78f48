package dev.setpoint.server.audit;

import dev.setpoint.server.errors.ErrorLog;
import dev.setpoint.server.store.DecisionGroup;
import dev.setpoint.server.store.Store;
import dev.setpoint.server.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The durable audit log with group commit: callers {@link #append} decisions and get a future that
 * completes only once their records are committed; one writer thread takes everything that queued up
 * while the previous commit ran and writes it in one transaction. Under load many requests share one
 * commit (one fsync), so durability costs little throughput; when idle a record is committed at once.
 *
 * <p>The queue is bounded: when it is full, {@link #append} fails at once with {@link
 * SaturatedException} (the service answers 503), rather than let latency grow without limit. {@link
 * #close} stops accepting, commits everything accepted, and stops the writer; nothing acknowledged is
 * lost.
 *
 * <p>Time is bounded too. An append that is not committed within the commit timeout fails with a
 * {@link java.util.concurrent.TimeoutException} (503): a store that hangs (a table locked elsewhere)
 * does not hang its callers. The writer then leaves it out of the next commit if it has not begun;
 * only an append already inside a slow commit can be both refused and, later, stored — which a retry
 * with the same idempotency key resolves. The store bounds its own writes by the same timeout.
 *
 * <p>{@link #health} says whether decisions can be logged now, from the last write's outcome and age:
 * commits, and when none came for {@code probeInterval}, a probe write that is rolled back ({@link
 * Store#probeWrite}). A commit failure is logged once, under one error id that all of its callers'
 * answers carry ({@link CommitFailedException}).
 */
public final class AuditLog implements AutoCloseable {

  /** Thrown by {@link #append} when the queue is full or the log is closed. */
  public static final class SaturatedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SaturatedException(String message) {
      super(message);
    }
  }

  /** An append's commit failed; the server log has the cause under {@link #errorId()}. */
  public static final class CommitFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String errorId;

    CommitFailedException(String errorId) {
      super("the commit failed (error " + errorId + ")");
      this.errorId = errorId;
    }

    /** The id under which the cause is logged. */
    public String errorId() {
      return errorId;
    }
  }

  /**
   * An append left out because one of its request keys was stored first by another request (a retry
   * racing its original); the caller answers with the decision stored under that key.
   */
  public static final class KeyTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KeyTakenException() {
      super("a request key of these decisions was stored first by another request");
    }
  }

  /** Whether decisions can be logged now. */
  public sealed interface Health {

    /**
     * They can.
     *
     * @param lastWrite when the store last confirmed a write (a commit or a probe)
     */
    record Ready(Instant lastWrite) implements Health {}

    /**
     * They cannot, or it is not known.
     *
     * @param reason a sentence for operators
     * @param errorId the id under which the cause is logged, when a write failed
     */
    record NotReady(String reason, Optional<String> errorId) implements Health {}
  }

  /**
   * How much the log holds and commits at once.
   *
   * @param queueCapacity the most appends waiting for a commit; beyond it an append is refused at
   *     once ({@link SaturatedException}, the service answers 503)
   * @param maxBatch the most records in one commit
   */
  public record Sizes(int queueCapacity, int maxBatch) {

    /** Checks that both are positive, naming them. */
    public Sizes {
      if (queueCapacity < 1 || maxBatch < 1) {
        throw new IllegalArgumentException("the audit log's queueCapacity and maxBatch must be >= 1, "
            + "were " + queueCapacity + ", " + maxBatch);
      }
    }

    /** 100,000 appends waiting, 5,000 records per commit. */
    public static Sizes defaults() {
      return new Sizes(100_000, 5_000);
    }
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditLog.class);

  private record Pending(DecisionGroup group, CompletableFuture<Void> done) {}

  // The writer's stop sentinel carries no group: it is compared by identity, its group never read.
  @SuppressWarnings("NullAway")
  private static final Pending STOP = new Pending(null, new CompletableFuture<>());

  private final Store store;
  private final int maxBatch;
  private final Duration commitTimeout;
  private final long probeIntervalMillis;
  private final ErrorLog errors;
  private final Clock clock;
  private final BlockingQueue<Pending> queue;
  private final Thread writer;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private volatile boolean closed;
  // The last writes' outcomes, in the clock's epoch milliseconds; 0 for never.
  private volatile long lastSuccess;
  private volatile long lastFailure;
  private volatile @Nullable String lastFailureId;
  private volatile boolean lastFailed;
  /** Since when writes fail; the message of the failure last logged. Writer thread only. */
  private long failingSince;
  private @Nullable String lastFailureMessage;
  private volatile long writingSince;

  /**
   * Starts the writer, with a commit timeout and a probe interval of 5 seconds.
   *
   * @param store where records are committed
   * @param queueCapacity the most appends waiting for a commit
   * @param maxBatch the most records in one commit
   */
  public AuditLog(Store store, int queueCapacity, int maxBatch) {
    this(store, queueCapacity, maxBatch, Duration.ofSeconds(5), Duration.ofSeconds(5),
        new ErrorLog(false), Clock.systemUTC());
  }

  /**
   * Probes the store once, then starts the writer.
   *
   * @param store where records are committed
   * @param queueCapacity the most appends waiting for a commit
   * @param maxBatch the most records in one commit
   * @param commitTimeout how long an append may wait for its commit
   * @param probeInterval how long without a write before the store is probed
   * @param errors where failures are logged
   * @param clock the time of writes, for {@link #health}
   */
  public AuditLog(Store store, int queueCapacity, int maxBatch, Duration commitTimeout,
      Duration probeInterval, ErrorLog errors, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    if (queueCapacity < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("queueCapacity and maxBatch must be >= 1, were "
          + queueCapacity + ", " + maxBatch);
    }
    if (commitTimeout.isNegative() || commitTimeout.isZero() || probeInterval.isNegative()
        || probeInterval.isZero()) {
      throw new IllegalArgumentException("the commit timeout and probe interval must be positive, "
          + "were " + commitTimeout + ", " + probeInterval);
    }
    this.maxBatch = maxBatch;
    this.commitTimeout = commitTimeout;
    this.probeIntervalMillis = probeInterval.toMillis();
    this.errors = Objects.requireNonNull(errors, "errors");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    probe();
    this.writer = new Thread(this::run, "setpoint-audit-writer");
    writer.setDaemon(false);
    writer.start();
  }

  /**
   * Queues a request's decisions for the next commit.
   *
   * @return completes when the decisions are committed; exceptionally with {@link
   *     CommitFailedException} if the commit failed, {@link KeyTakenException} if a request key of the
   *     group was stored first by another request, or a {@link java.util.concurrent.TimeoutException}
   *     if none confirmed them within the commit timeout
   * @throws SaturatedException if the queue is full or the log is closed
   */
  public CompletableFuture<Void> append(DecisionGroup group) {
    if (closed) {
      throw new SaturatedException("the audit log is closed (the server is shutting down)");
    }
    Pending p = new Pending(group, new CompletableFuture<>());
    if (!queue.offer(p)) {
      throw new SaturatedException("the audit log is saturated: " + queue.size()
          + " appends are waiting for a commit");
    }
    return p.done().orTimeout(commitTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The longest an append waits for its commit. */
  public Duration commitTimeout() {
    return commitTimeout;
  }

  /** Commits made so far. */
  public long commits() {
    return commits.get();
  }

  /** Records committed so far. */
  public long records() {
    return records.get();
  }

  /** Appends waiting for a commit. */
  public int waiting() {
    return queue.size();
  }

  /**
   * Whether decisions can be logged now: not while a write has run longer than the commit timeout,
   * not after a failed write until one succeeds, and not when no write was confirmed for longer than
   * a probe interval and a commit timeout (the writer is stuck).
   */
  public Health health() {
    long now = clock.millis();
    long since = writingSince;
    long success = lastSuccess;
    long failure = lastFailure;
    if (since != 0 && now - since > commitTimeout.toMillis()) {
      return new Health.NotReady("a write to the store has been running for " + (now - since)
          + " ms, longer than the commit timeout of " + commitTimeout.toMillis() + " ms",
          Optional.empty());
    }
    if (lastFailed) {
      return new Health.NotReady("the store refused the last write, at "
          + Instant.ofEpochMilli(failure) + " (error " + lastFailureId + " in the server log)",
          Optional.ofNullable(lastFailureId));
    }
    if (success == 0) {
      return new Health.NotReady("the store has not confirmed a write yet", Optional.empty());
    }
    if (now - success > probeIntervalMillis + commitTimeout.toMillis() + 1_000) {
      return new Health.NotReady("the store has confirmed no write since "
          + Instant.ofEpochMilli(success), Optional.empty());
    }
    return new Health.Ready(Instant.ofEpochMilli(success));
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    List<DecisionGroup> batch = new ArrayList<>();
    int decisions;
    boolean stopping = false;
    while (!stopping || !queue.isEmpty()) {
      group.clear();
      batch.clear();
      Pending first;
      try {
        first = stopping ? queue.poll() : queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        stopping = true;
        continue;
      }
      if (first == null) {
        if (!stopping && clock.millis() - Math.max(lastSuccess, lastFailure) >= probeIntervalMillis) {
          probe();
        }
        continue;
      }
      if (first == STOP) {
        stopping = true;
        continue;
      }
      decisions = 0;
      for (Pending next = first; next != null; next = decisions < maxBatch ? queue.poll() : null) {
        if (next == STOP) {
          stopping = true;
          break;
        }
        // An append that timed out was answered 503: it is not committed after all.
        if (!next.done().isDone()) {
          group.add(next);
          batch.add(next.group());
          decisions += next.group().size();
        }
      }
      if (!group.isEmpty()) {
        commit(group, batch, decisions);
      }
    }
  }

  private void commit(List<Pending> group, List<DecisionGroup> batch, int decisions) {
    writingSince = clock.millis();
    try {
      Set<String> refused = store.appendGroups(batch);
      succeeded();
      commits.incrementAndGet();
      for (Pending p : group) {
        if (refused.contains(p.group().id())) {
          p.done().completeExceptionally(new KeyTakenException());
        } else {
          records.addAndGet(p.group().size());
          p.done().complete(null);
        }
      }
    } catch (StoreException e) {
      CommitFailedException failed = new CommitFailedException(failed(errors.store(
          "audit commit of " + decisions + " decision(s)", e)));
      group.forEach(p -> p.done().completeExceptionally(failed));
    } catch (RuntimeException e) {
      String id = errors.internal("audit commit of " + decisions + " decision(s)", e);
      failed(id);
      CommitFailedException failed = new CommitFailedException(id);
      group.forEach(p -> p.done().completeExceptionally(failed));
    } finally {
      writingSince = 0;
    }
  }

  /**
   * Writes nothing, but learns whether a write would succeed now. A probe that fails as the last one
   * did is not logged again (an idle server whose store is down would log every probe interval); it
   * keeps the last error id.
   */
  private void probe() {
    writingSince = clock.millis();
    try {
      store.probeWrite();
      succeeded();
    } catch (StoreException e) {
      String lastId = lastFailureId;
      if (lastFailed && lastId != null && Objects.equals(e.getMessage(), lastFailureMessage)) {
        failed(lastId);
      } else {
        lastFailureMessage = e.getMessage();
        failed(errors.store("readiness probe", e));
      }
    } finally {
      writingSince = 0;
    }
  }

  private void succeeded() {
    long now = clock.millis();
    if (lastFailed) {
      LOG.info("the store takes writes again (refused since {}, last error {})",
          Instant.ofEpochMilli(failingSince), lastFailureId);
    }
    lastSuccess = now;
    lastFailed = false;
  }

  private String failed(String errorId) {
    lastFailureId = errorId;
    lastFailure = clock.millis();
    if (!lastFailed) {
      failingSince = lastFailure;
    }
    lastFailed = true;
    return errorId;
  }

  /** Stops accepting, commits everything accepted, and waits for the writer. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      queue.put(STOP);
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while flushing the audit log", e);
    }
  }
}
