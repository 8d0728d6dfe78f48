package dev.setpoint.server.audit;

import dev.setpoint.server.store.DecisionGroup;
import dev.setpoint.server.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 */
public final class AuditLog implements AutoCloseable {

  /** Thrown by {@link #append} when the queue is full or the log is closed. */
  public static final class SaturatedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SaturatedException(String message) {
      super(message);
    }
  }

  private record Pending(DecisionGroup group, CompletableFuture<Void> done) {}

  private static final Pending STOP = new Pending(null, new CompletableFuture<>());

  private final Store store;
  private final int maxBatch;
  private final BlockingQueue<Pending> queue;
  private final Thread writer;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong records = new AtomicLong();
  private volatile boolean closed;

  /**
   * Starts the writer.
   *
   * @param store where records are committed
   * @param queueCapacity the most appends waiting for a commit
   * @param maxBatch the most records in one commit
   */
  public AuditLog(Store store, int queueCapacity, int maxBatch) {
    this.store = Objects.requireNonNull(store, "store");
    if (queueCapacity < 1 || maxBatch < 1) {
      throw new IllegalArgumentException("queueCapacity and maxBatch must be >= 1, were "
          + queueCapacity + ", " + maxBatch);
    }
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.writer = new Thread(this::run, "setpoint-audit-writer");
    writer.setDaemon(false);
    writer.start();
  }

  /**
   * Queues a request's decisions for the next commit.
   *
   * @return completes when the decisions are committed, or exceptionally if the commit failed
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
    return p.done();
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
        continue;
      }
      if (first == STOP) {
        stopping = true;
        continue;
      }
      group.add(first);
      batch.add(first.group());
      decisions = first.group().size();
      Pending next;
      while (decisions < maxBatch && (next = queue.peek()) != null) {
        queue.poll();
        if (next == STOP) {
          stopping = true;
          break;
        }
        group.add(next);
        batch.add(next.group());
        decisions += next.group().size();
      }
      commit(group, batch, decisions);
    }
  }

  private void commit(List<Pending> group, List<DecisionGroup> batch, int decisions) {
    try {
      store.appendGroups(batch);
      commits.incrementAndGet();
      records.addAndGet(decisions);
      group.forEach(p -> p.done().complete(null));
    } catch (RuntimeException e) {
      group.forEach(p -> p.done().completeExceptionally(e));
    }
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
