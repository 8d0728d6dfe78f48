package dev.setpoint.train.fit;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A fixed number of shards and the threads that run them, for one training run.
 *
 * <p>{@link #run} cuts positions {@code [0, count)} into {@link #shards()} contiguous ranges, shard
 * {@code s} being {@code [⌊s·count/S⌋, ⌊(s+1)·count/S⌋)}, and runs every shard once: shard 0 on the
 * calling thread, the others on a fixed pool of {@code S − 1} threads created here and shut down by
 * {@link #close}. It returns only when every shard has finished, so the caller may then read what the
 * shards wrote. Which thread runs a shard never matters: a shard's work depends only on its index and
 * range.
 *
 * <p>With one shard there is no pool and no hand-off: the task runs inline.
 */
final class ShardPool implements AutoCloseable {

  /** One shard's work. */
  @FunctionalInterface
  interface ShardTask {
    /** Covers positions {@code [from, to)} as shard {@code shard}. */
    void run(int shard, int from, int to);
  }

  private final int shards;
  private final @Nullable ExecutorService pool; // null for one shard: it runs on the caller
  private final Future<?>[] pending;

  /** @param shards the number of shards (and threads), at least 1 */
  ShardPool(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + shards);
    }
    this.shards = shards;
    this.pending = new Future<?>[shards];
    if (shards == 1) {
      pool = null;
    } else {
      AtomicInteger created = new AtomicInteger();
      pool = Executors.newFixedThreadPool(shards - 1, task -> {
        Thread t = new Thread(task, "setpoint-train-" + created.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
    }
  }

  /** The number of shards. */
  int shards() {
    return shards;
  }

  /** The first position of shard {@code s} of {@code count} positions; {@code start(S)} is count. */
  int start(int s, int count) {
    return (int) ((long) s * count / shards);
  }

  /**
   * Runs every shard of {@code count} positions and waits for all of them. The first failure is
   * rethrown (others are added to it as suppressed) after every shard has stopped.
   *
   * @throws IllegalStateException if the calling thread is interrupted while waiting (its interrupt
   *     flag is set again)
   */
  void run(int count, ShardTask task) {
    if (pool == null) {
      task.run(0, 0, count);
      return;
    }
    for (int s = 1; s < shards; s++) {
      int shard = s;
      int from = start(s, count);
      int to = start(s + 1, count);
      pending[s] = pool.submit(() -> task.run(shard, from, to));
    }
    Throwable failure = null;
    try {
      task.run(0, 0, start(1, count));
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    boolean interrupted = false;
    for (int s = 1; s < shards; s++) {
      while (true) {
        try {
          pending[s].get();
          break;
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          failure = firstOf(failure, cause != null ? cause : e);
          break;
        } catch (InterruptedException e) {
          // Keep waiting: the shards write into the caller's arrays, so none may outlive this call.
          interrupted = true;
        }
      }
      pending[s] = null;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      failure = firstOf(failure, new IllegalStateException("training was interrupted"));
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    if (failure != null) {
      throw new IllegalStateException("a training shard failed", failure);
    }
  }

  private static Throwable firstOf(@Nullable Throwable first, Throwable next) {
    if (first == null) {
      return next;
    }
    first.addSuppressed(next);
    return first;
  }

  /** Stops the pool's threads; they are idle, since {@link #run} waits for its shards. */
  @Override
  public void close() {
    if (pool == null) {
      return;
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        throw new IllegalStateException("training threads did not stop within a minute");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }
}
