package dev.setpoint.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A request the service refuses, answered as an RFC 9457 problem: {@code type}, {@code title}, {@code
 * status}, {@code detail}, and {@code errors[]} with the JSON pointer of each bad field.
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * One bad field.
   *
   * @param pointer its JSON pointer in the request body
   * @param message what is wrong with it
   */
  public record FieldError(String pointer, String message) {}

  private final int status;
  private final String type;
  private final String title;
  private final transient List<FieldError> errors;
  private final String challenge;

  /**
   * A problem with any status.
   *
   * @param status the HTTP status, 4xx or 5xx
   * @param type the problem type's short name
   * @param title a short summary that does not change between occurrences
   * @param detail this occurrence, naming the bad values
   * @param errors the bad fields, each with its pointer
   */
  public ApiException(int status, String type, String title, String detail, List<FieldError> errors) {
    this(status, type, title, detail, errors, null);
  }

  private ApiException(int status, String type, String title, String detail,
      List<FieldError> errors, String challenge) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.challenge = challenge;
  }

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiException.class);

  /**
   * The problem a failed request is answered with, whichever handler served it: the failure itself
   * when it is an ApiException; 503 when the store or the audit log cannot take the request (logged
   * as a warning for the store); otherwise 500, logged with its stack trace, and a body that shows
   * none of it.
   *
   * @param request what was asked, such as "POST /v1/decide", for the log
   */
  static ApiException answering(Throwable failure, String request) {
    if (failure instanceof ApiException e) {
      return e;
    }
    if (failure instanceof dev.setpoint.server.store.StoreException) {
      LOG.warn("store unavailable on {}: {}", request, failure.getMessage());
      return unavailable("the store is unavailable: " + failure.getMessage());
    }
    if (failure instanceof dev.setpoint.server.audit.AuditLog.SaturatedException) {
      return unavailable(failure.getMessage());
    }
    LOG.error("internal error on {}", request, failure);
    return new ApiException(500, "internal", "Internal error",
        "an internal error occurred; it has been logged", List.of());
  }

  /** 401, with the {@code WWW-Authenticate} challenge the answer carries. */
  static ApiException unauthorized(String detail, String challenge) {
    return new ApiException(401, "unauthorized", "Authentication required", detail, List.of(),
        challenge);
  }

  static ApiException tooLarge(long maxBodyBytes) {
    return new ApiException(413, "too-large", "Request body too large",
        "the body exceeds " + maxBodyBytes + " bytes", List.of());
  }

  public static ApiException badRequest(String detail, List<FieldError> errors) {
    return new ApiException(400, "bad-request", "The request is malformed", detail, errors);
  }

  public static ApiException field(String pointer, String message) {
    return badRequest(pointer + ": " + message, List.of(new FieldError(pointer, message)));
  }

  public static ApiException notFound(String detail) {
    return new ApiException(404, "not-found", "Not found", detail, List.of());
  }

  static ApiException conflict(String type, String detail) {
    return new ApiException(409, type, "Conflict", detail, List.of());
  }

  static ApiException preconditionFailed(String detail) {
    return new ApiException(412, "version-conflict", "The policy changed since you read it", detail,
        List.of());
  }

  public static ApiException unprocessable(String type, String title, String detail,
      List<FieldError> errors) {
    return new ApiException(422, type, title, detail, errors);
  }

  static ApiException unavailable(String detail) {
    return new ApiException(503, "unavailable", "Service unavailable", detail, List.of());
  }

  public int status() {
    return status;
  }

  /** The problem type, a short name; the body's {@code type} is {@code /problems/<type>}. */
  public String type() {
    return type;
  }

  public String title() {
    return title;
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** The {@code WWW-Authenticate} value a 401 answer carries. */
  Optional<String> challenge() {
    return Optional.ofNullable(challenge);
  }

  /** The problem document, {@code application/problem+json}. */
  byte[] body() {
    ObjectNode body = Requests.JSON.createObjectNode();
    body.put("type", "/problems/" + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", getMessage());
    ArrayNode list = body.putArray("errors");
    for (FieldError f : errors) {
      list.addObject().put("pointer", f.pointer()).put("message", f.message());
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }
}
