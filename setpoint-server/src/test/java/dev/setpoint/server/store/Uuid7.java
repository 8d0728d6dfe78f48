package dev.setpoint.server.store;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids as the service makes them (UUID version 7: the first 48 bits the time in milliseconds), for the
 * store's tests of lookups that read the day an id names ({@link DecisionKey#time}). The service's
 * own maker is the http package's {@code DecisionIds}, tested there.
 */
final class Uuid7 {

  private Uuid7() {}

  /** A new UUIDv7 naming {@code epochMillis}. */
  static String next(long epochMillis) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    long high = (epochMillis << 16) | 0x7000L | (rnd.nextLong() & 0x0FFFL);
    long low = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
