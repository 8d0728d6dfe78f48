package dev.setpoint.server.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decision ids, given by {@link Decisions} to each decision and each batch: UUID version 7 (RFC 9562),
 * a 48-bit millisecond timestamp then random bits, so ids sort by time and index well in the audit
 * log.
 */
final class DecisionIds {

  private DecisionIds() {}

  /** A new id for a decision made at {@code epochMillis}. */
  static String next(long epochMillis) {
    ThreadLocalRandom rnd = ThreadLocalRandom.current();
    long high = (epochMillis << 16) | 0x7000L | (rnd.nextLong() & 0x0FFFL);
    long low = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(high, low).toString();
  }
}
