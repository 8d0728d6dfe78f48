package dev.setpoint.server.http;

import dev.setpoint.server.api.ApiException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Reads the body of a Javalin route as its bytes arrive, into a {@link BudgetedBuffer} (the decide
 * endpoints read without blocking, {@link BodyReader}, into the same kind of buffer); the reservation
 * is given back when the request ends ({@link #release}).
 */
final class RouteBodies {

  private static final String BUFFER = "setpoint.body.buffer";

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
    BudgetedBuffer buffer = new BudgetedBuffer(budget, limit);
    ctx.attribute(BUFFER, buffer);
    long size = 0;
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] chunk = new byte[4096];
      int n;
      while ((n = in.read(chunk)) > 0) {
        size += n;
        if (size > limit) {
          throw ApiException.tooLarge(limit);
        }
        if (!buffer.append(chunk, n)) {
          throw buffer.full();
        }
      }
    } catch (IOException e) {
      throw ApiException.badRequest("the request body could not be read (the connection failed or "
          + "did not send it in time)", List.of());
    }
    return buffer.bytes();
  }

  /** Gives back what the request's body reserved; at the end of every request. */
  void release(Context ctx) {
    BudgetedBuffer buffer = ctx.attribute(BUFFER);
    if (buffer != null) {
      buffer.release();
    }
  }
}
