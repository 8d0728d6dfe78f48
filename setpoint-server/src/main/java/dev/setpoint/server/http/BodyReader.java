package dev.setpoint.server.http;

import dev.setpoint.server.api.ApiException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body without blocking a thread, as its bytes arrive; or reads and drops one that
 * will be refused.
 *
 * <p>Implementation notes:
 *
 * <ol>
 *   <li>Nothing is sized from {@code Content-Length}: a client may declare 8 MiB and send one byte
 *       (issue 19 measured 300 such connections growing the heap by 3.6 GiB when the buffer was
 *       allocated from the header). The bytes go into a {@link BudgetedBuffer}, which holds what
 *       arrived, each growth reserved in the server's {@link BodyBudget} first; {@link #release}
 *       gives the reservation back once the request is answered, and a growth that does not fit
 *       fails the request with 503.
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

  private final Content.Source source;
  private final long limit;
  private final long drainLimit;
  /** Where the body is kept; null when it is dropped: the request is refused whatever it holds. */
  private final @Nullable BudgetedBuffer buffer;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final Scheduler.Task timeout;
  private boolean keep;
  private boolean overBudget;
  private long seen;

  private BodyReader(Content.Source source, long limit, long drainLimit,
      @Nullable BodyBudget budget, boolean keep, Scheduler scheduler, Duration readTimeout) {
    this.source = source;
    this.limit = limit;
    this.drainLimit = drainLimit;
    this.buffer = keep && budget != null ? new BudgetedBuffer(budget, limit) : null;
    this.keep = keep;
    this.timeout = scheduler.schedule(() -> result.completeExceptionally(
        ApiException.timeout(readTimeout)), readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    // The derived future only repeats the result, whose outcome body() hands to the caller.
    var unused = result.whenComplete((body, error) -> timeout.cancel());
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
  void release() {
    if (buffer != null) {
      buffer.release();
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
      seen += bytes.remaining();
      if (keep && buffer != null && seen <= limit && !buffer.append(bytes, chunk.isLast())) {
        // Over the budget (or released after a timeout): the rest is dropped.
        overBudget = true;
        keep = false;
      }
      chunk.release();
      if (chunk.isLast() || seen > drainLimit) {
        finish();
        return;
      }
    }
  }

  private void finish() {
    if (buffer == null) {
      result.complete(null);
    } else if (seen > limit) {
      result.completeExceptionally(ApiException.tooLarge(limit));
    } else if (overBudget) {
      result.completeExceptionally(buffer.full());
    } else {
      result.complete(buffer.bytes());
    }
  }
}
