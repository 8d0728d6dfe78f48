package dev.setpoint.server.api;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Failed authentications (a missing or invalid bearer token) counted per client address in fixed
 * windows: once an address has failed {@code maxPerWindow} times in a window, every request from it
 * that needs a token is answered 429 until the window ends, valid token or not — answering valid
 * tokens would let a guesser tell a hit from a miss at full speed.
 *
 * <p>Memory is bounded: at most {@code maxAddresses} addresses are tracked, the least recently failed
 * dropped first. Behind a proxy every client has the proxy's address; raise the limit or switch it off
 * there ({@code docs/operations.md#security}). Thread-safe (one lock; a few map steps per failure).
 */
final class AuthFailures {

  private record Window(long start, int failures) {}

  private final int maxPerWindow;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Window> byAddress;
  private long refused;

  /**
   * @param maxPerWindow failures allowed per address and window; 0 switches the limit off
   * @param windowMillis the window's length
   * @param maxAddresses the most addresses tracked at once
   */
  AuthFailures(int maxPerWindow, long windowMillis, int maxAddresses, Clock clock) {
    if (maxPerWindow < 0 || windowMillis < 1 || maxAddresses < 1) {
      throw new IllegalArgumentException("failed-authentication limit: maxPerWindow >= 0, "
          + "windowMillis >= 1 and maxAddresses >= 1, were " + maxPerWindow + ", " + windowMillis
          + ", " + maxAddresses);
    }
    this.maxPerWindow = maxPerWindow;
    this.windowMillis = windowMillis;
    this.clock = clock;
    this.byAddress = new LinkedHashMap<>(64, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
        return size() > maxAddresses;
      }
    };
  }

  /** No limit. */
  static AuthFailures unlimited() {
    return new AuthFailures(0, 1, 1, Clock.systemUTC());
  }

  /**
   * Refuses a request from {@code address} that has failed too often in its current window.
   *
   * @throws ApiException 429 with the seconds until the window ends
   */
  synchronized void check(String address) {
    if (maxPerWindow == 0 || address == null) {
      return;
    }
    Window w = byAddress.get(address);
    long now = clock.millis();
    if (w != null && now - w.start() < windowMillis && w.failures() >= maxPerWindow) {
      refused++;
      throw ApiException.tooManyFailures(Math.max(1, (w.start() + windowMillis - now + 999) / 1000));
    }
  }

  /** Counts a failed authentication from {@code address}. */
  synchronized void failed(String address) {
    if (maxPerWindow == 0 || address == null) {
      return;
    }
    long now = clock.millis();
    Window w = byAddress.get(address);
    byAddress.put(address, w == null || now - w.start() >= windowMillis ? new Window(now, 1)
        : new Window(w.start(), w.failures() + 1));
  }

  /** Addresses tracked now. */
  synchronized int tracked() {
    return byAddress.size();
  }

  /** Requests refused with 429 so far. */
  synchronized long refused() {
    return refused;
  }
}
