package dev.setpoint.server.http;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory that request bodies may hold at once, over every request being read: each reader
 * reserves the bytes of a buffer before it allocates it and gives them back when its request is
 * answered. A reservation beyond the capacity fails, and the request is answered 503, so that no
 * number of slow or lying clients can take more than this much of the heap for bodies.
 *
 * <p>What is counted is buffer capacity, not bytes received, since capacity is what is allocated.
 * Thread-safe, lock-free.
 */
final class BodyBudget {

  private final long capacity;
  private final AtomicLong held = new AtomicLong();

  /**
   * @param capacity the most bytes held at once, >= 1
   */
  BodyBudget(long capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("the body memory budget must be >= 1 byte, was "
          + capacity);
    }
    this.capacity = capacity;
  }

  /** Reserves {@code bytes}, or nothing when that would exceed the capacity. */
  boolean tryReserve(long bytes) {
    while (true) {
      long now = held.get();
      if (now + bytes > capacity) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  /** Gives back {@code bytes} reserved before. */
  void release(long bytes) {
    held.addAndGet(-bytes);
  }

  /** Bytes reserved now. */
  long held() {
    return held.get();
  }

  /** The most bytes held at once. */
  long capacity() {
    return capacity;
  }
}
