package dev.setpoint.server.http;

import dev.setpoint.server.api.ApiException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A request body's bytes, in a buffer that grows with what arrives — never from what {@code
 * Content-Length} declares — each growth reserved in the server's {@link BodyBudget} before it is
 * allocated, and given back by {@link #release}. A body that arrives in one piece gets a buffer of
 * exactly its size; a longer one a buffer that doubles from 4 KiB, up to the body limit. Used by both
 * body readers ({@link BodyReader}, {@link RouteBodies}); thread-safe, since a reader may be released
 * by another thread (a timeout) while its bytes still arrive.
 */
final class BudgetedBuffer {

  /** The smallest buffer of a body that arrives in more than one piece. */
  private static final int MIN_BUFFER = 4096;

  private final BodyBudget budget;
  private final long limit;
  private byte[] buffer = new byte[0];
  private int size;
  private long reserved;
  private boolean released;

  /**
   * @param limit the largest body; the caller refuses a longer one before appending past it
   */
  BudgetedBuffer(BodyBudget budget, long limit) {
    this.budget = budget;
    this.limit = limit;
  }

  /**
   * Appends the bytes {@code src} has left.
   *
   * @param last whether they end the body
   * @return false, appending nothing, when the budget cannot take the growth or the buffer was
   *     released
   */
  synchronized boolean append(ByteBuffer src, boolean last) {
    int n = src.remaining();
    if (!room(size + n, last)) {
      return false;
    }
    src.get(buffer, size, n);
    size += n;
    return true;
  }

  /** Appends {@code n} bytes of {@code src}; false as {@link #append(ByteBuffer, boolean)}. */
  boolean append(byte[] src, int n) {
    return append(ByteBuffer.wrap(src, 0, n), false);
  }

  /** The bytes appended, without spare capacity. */
  synchronized byte[] bytes() {
    return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
  }

  /** Gives the reservation back to the budget; appending fails from then on. */
  synchronized void release() {
    if (!released) {
      released = true;
      budget.release(reserved);
      reserved = 0;
    }
  }

  private boolean room(int needed, boolean last) {
    if (needed <= buffer.length) {
      return !released;
    }
    long capacity = last && size == 0 ? needed
        : Math.min(limit, Math.max(needed, Math.max(MIN_BUFFER, 2L * buffer.length)));
    long growth = capacity - buffer.length;
    if (released || !budget.tryReserve(growth)) {
      return false;
    }
    reserved += growth;
    buffer = Arrays.copyOf(buffer, (int) capacity);
    return true;
  }

  /** The 503 of a body the budget cannot take. */
  ApiException full() {
    return ApiException.unavailable("the server holds as many request bodies in memory as it may ("
        + budget.capacity() + " bytes); retry shortly");
  }
}
