package dev.setpoint.server.http;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads a request body without blocking a thread, as its bytes arrive; or reads and drops one that
 * will be refused.
 *
 * <p>Implementation notes:
 *
 * <ol>
 *   <li>Nothing is sized from {@code Content-Length}: a client may declare 8 MiB and send one byte
 *       (issue 19 measured 300 such connections growing the heap by 3.6 GiB when the buffer was
 *       allocated from the header). The buffer holds what arrived: a body that arrives in one chunk
 *       gets a buffer of exactly its size, a longer one a buffer that doubles.
 *   <li>Every buffer's capacity is reserved in the server's {@link BodyBudget} before it is
 *       allocated, and given back by {@link #release} once the request is answered; a reservation
 *       that does not fit fails the request with 503.
 *   <li>A body must arrive within the read timeout, else 408: a slow client cannot hold a reader
 *       (or its reservation) for longer than that.
 *   <li>A body over the limit (413), over the budget (503) or of a request refused before its body
 *       was read (401, 403, 415) is still read to its end and dropped — up to {@code drainLimit}
 *       bytes — before the answer is sent: answering while the client is still sending makes the
 *       closing connection reset, and the client then sees a broken connection instead of the
 *       answer. Dropping costs no memory.
 * </ol>
 */
final class BodyReader {

  /** How much of an oversized body is read and dropped so that its 413 answer arrives intact. */
  static final long DRAIN_LIMIT = 64L << 20;

  /** The smallest buffer of a body that arrives in more than one chunk. */
  private static final int MIN_BUFFER = 4096;

  private final Content.Source source;
  private final long limit;
  private final long drainLimit;
  private final BodyBudget budget;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final Scheduler.Task timeout;
  /** Whether the body is dropped, not kept: the request is refused whatever it holds. */
  private final boolean discarding;
  private boolean keep;
  private boolean overBudget;
  private byte[] buffer = new byte[0];
  private int size;
  private long seen;
  /** Bytes reserved in the budget; guarded by {@code this}, as is {@code released}. */
  private long reserved;
  private boolean released;

  private BodyReader(Content.Source source, long limit, long drainLimit, BodyBudget budget,
      boolean keep, Scheduler scheduler, Duration readTimeout) {
    this.source = source;
    this.limit = limit;
    this.drainLimit = drainLimit;
    this.budget = budget;
    this.discarding = !keep;
    this.keep = keep;
    this.timeout = scheduler.schedule(() -> result.completeExceptionally(
        ApiException.timeout(readTimeout)), readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    result.whenComplete((body, error) -> timeout.cancel());
  }

  /**
   * Starts reading the body of {@code source}, of up to {@code limit} bytes; call {@link #release}
   * once the request is answered.
   */
  static BodyReader read(Content.Source source, long limit, BodyBudget budget, Scheduler scheduler,
      Duration readTimeout) {
    BodyReader reader = new BodyReader(source, limit, DRAIN_LIMIT, budget, true, scheduler,
        readTimeout);
    reader.next();
    return reader;
  }

  /**
   * Reads and drops the body of a request that is refused, up to {@code drainLimit} bytes; completes
   * (with {@code null}) when it is read, or exceptionally on a read failure or timeout.
   */
  static CompletableFuture<byte[]> discard(Content.Source source, long drainLimit,
      Scheduler scheduler, Duration readTimeout) {
    BodyReader reader = new BodyReader(source, drainLimit, drainLimit, null, false, scheduler,
        readTimeout);
    reader.next();
    return reader.result;
  }

  /** The body, once read; fails with an {@link ApiException} for 408, 413 and 503. */
  CompletableFuture<byte[]> body() {
    return result;
  }

  /** Gives the buffer's reservation back to the budget; later calls do nothing. */
  synchronized void release() {
    if (!released) {
      released = true;
      budget.release(reserved);
      reserved = 0;
    }
  }

  private void next() {
    while (!result.isDone()) {
      Content.Chunk chunk = source.read();
      if (chunk == null) {
        source.demand(this::next);
        return;
      }
      if (Content.Chunk.isFailure(chunk)) {
        result.completeExceptionally(chunk.getFailure());
        return;
      }
      ByteBuffer bytes = chunk.getByteBuffer();
      int n = bytes.remaining();
      seen += n;
      if (keep && seen <= limit && reserve(size + n, chunk.isLast())) {
        bytes.get(buffer, size, n);
        size += n;
      }
      chunk.release();
      if (chunk.isLast() || seen > drainLimit) {
        finish();
        return;
      }
    }
  }

  private void finish() {
    if (discarding) {
      result.complete(null);
    } else if (seen > limit) {
      result.completeExceptionally(ApiException.tooLarge(limit));
    } else if (overBudget) {
      result.completeExceptionally(ApiException.unavailable("the server holds as many request "
          + "bodies in memory as it may (" + budget.capacity() + " bytes); retry shortly"));
    } else {
      result.complete(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
    }
  }

  /**
   * Makes the buffer hold {@code needed} bytes, reserving the growth first; when the reservation
   * fails (or the reader was released) the rest of the body is dropped instead.
   */
  private synchronized boolean reserve(int needed, boolean last) {
    if (needed <= buffer.length) {
      return true;
    }
    long capacity = last && size == 0 ? needed
        : Math.min(limit, Math.max(needed, Math.max(MIN_BUFFER, 2L * buffer.length)));
    long growth = capacity - buffer.length;
    if (released || !budget.tryReserve(growth)) {
      overBudget = !released;
      keep = false;
      return false;
    }
    reserved += growth;
    buffer = Arrays.copyOf(buffer, (int) capacity);
    return true;
  }
}
