package dev.setpoint.server.http;

import dev.setpoint.server.api.ApiException;
import dev.setpoint.spelling.Printable;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * How the Javalin routes answer what goes wrong: every exception as {@link Failures} says, Javalin's
 * own 404 and 413 as problems too, unless a handler already answered with a problem of its own.
 */
final class JavalinProblems {

  private JavalinProblems() {}

  /**
   * Maps exceptions and Javalin's 404 and 413 to problems.
   *
   * @param maxBodyBytes the largest request body, for the 413's detail
   */
  static void install(JavalinConfig cfg, Failures failures, long maxBodyBytes) {
    cfg.routes.exception(Exception.class, (e, ctx) ->
        send(ctx, failures.answer(e, ctx.method() + " " + ctx.path())));
    cfg.routes.error(404, "*", ctx -> sendUnlessAnswered(ctx,
        () -> ApiException.notFound("no such endpoint: " + ctx.method() + " "
            + Printable.quoted(ctx.path(), 200))));
    // The explorer's uploads answer their own 413 (a file over its bound): keep that problem.
    cfg.routes.error(413, "*", ctx -> sendUnlessAnswered(ctx,
        () -> ApiException.tooLarge(maxBodyBytes)));
  }

  /** Answers with {@code problem}: its status, headers and RFC 9457 document. */
  static void send(Context ctx, ApiException problem) {
    problem.headers().forEach(ctx::header);
    ctx.status(problem.status()).contentType("application/problem+json").result(problem.body());
  }

  /** Answers with a problem, unless a handler already answered with one (a 404 or 413 of its own). */
  private static void sendUnlessAnswered(Context ctx, Supplier<ApiException> problem) {
    String type = ctx.res().getContentType();
    if (type == null || !type.startsWith("application/problem+json")) {
      send(ctx, problem.get());
    }
  }
}
