package dev.setpoint.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the body of a Javalin route as its bytes arrive, within the server's {@link BodyBudget} (the
 * decide endpoints have their own reader, {@link BodyReader}): the buffer grows from 4 KiB as bytes
 * come, whatever {@code Content-Length} says, each growth reserved first; the reservation is given
 * back when the request ends ({@link #release}).
 */
final class RouteBodies {

  private static final String RESERVED = "setpoint.body.reserved";

  private final BodyBudget budget;
  private final long limit;

  RouteBodies(BodyBudget budget, long limit) {
    this.budget = budget;
    this.limit = limit;
  }

  /**
   * The body.
   *
   * @throws ApiException 413 over the limit, 503 over the budget, 400 when it cannot be read
   */
  byte[] read(Context ctx) {
    if (ctx.req().getContentLengthLong() > limit) {
      throw ApiException.tooLarge(limit);
    }
    byte[] buffer = new byte[0];
    int size = 0;
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] chunk = new byte[4096];
      int n;
      while ((n = in.read(chunk)) > 0) {
        if (size + (long) n > limit) {
          throw ApiException.tooLarge(limit);
        }
        if (size + n > buffer.length) {
          int capacity = (int) Math.min(limit, Math.max(size + n, Math.max(4096,
              2L * buffer.length)));
          reserve(ctx, capacity - buffer.length);
          buffer = Arrays.copyOf(buffer, capacity);
        }
        System.arraycopy(chunk, 0, buffer, size, n);
        size += n;
      }
    } catch (IOException e) {
      throw ApiException.badRequest("the request body could not be read (the connection failed or "
          + "did not send it in time)", List.of());
    }
    return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
  }

  private void reserve(Context ctx, long bytes) {
    if (!budget.tryReserve(bytes)) {
      throw ApiException.unavailable("the server holds as many request bodies in memory as it may ("
          + budget.capacity() + " bytes); retry shortly");
    }
    Long held = ctx.attribute(RESERVED);
    ctx.attribute(RESERVED, (held == null ? 0 : held) + bytes);
  }

  /** Gives back what the request's body reserved; at the end of every request. */
  void release(Context ctx) {
    Long held = ctx.attribute(RESERVED);
    if (held != null) {
      budget.release(held);
      ctx.attribute(RESERVED, 0L);
    }
  }
}
