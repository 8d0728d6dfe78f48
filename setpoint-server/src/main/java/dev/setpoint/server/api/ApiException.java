package dev.setpoint.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.policy.Problem;
import dev.setpoint.policy.Validation;
import dev.setpoint.spelling.Printable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
  private final transient Map<String, String> headers;
  private final @Nullable String errorId;

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
    this(status, type, title, detail, errors, Map.of());
  }

  private ApiException(int status, String type, String title, String detail,
      List<FieldError> errors, Map<String, String> headers) {
    this(status, type, title, detail, errors, headers, null);
  }

  private ApiException(int status, String type, String title, String detail,
      List<FieldError> errors, Map<String, String> headers, @Nullable String errorId) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.headers = Map.copyOf(headers);
    this.errorId = errorId;
  }

  /**
   * A failure on the server's side (5xx): a sentence and the id under which the server log has the
   * cause; the answer's {@code errorId} member carries the id too.
   */
  public static ApiException serverSide(int status, String type, String title, String sentence,
      String errorId) {
    return new ApiException(status, type, title, sentence + " (error " + errorId
        + " in the server log)", List.of(), Map.of(), errorId);
  }

  /** 503 of {@code /readyz}: the reason, and the error id of the failure behind it if any. */
  public static ApiException notReady(String reason, Optional<String> errorId) {
    return new ApiException(503, "not-ready", "Not ready", "not ready: " + reason, List.of(),
        Map.of(), errorId.orElse(null));
  }

  /** 408: the body did not arrive in time. */
  public static ApiException timeout(java.time.Duration readTimeout) {
    return new ApiException(408, "timeout", "Request timeout", "the request body did not arrive "
        + "within " + readTimeout.toMillis() + " ms", List.of());
  }

  /**
   * 415: a body of a type the endpoint does not take.
   *
   * @param accepted what it takes, e.g. "application/json"
   */
  public static ApiException unsupportedMediaType(String request, String accepted, String given) {
    int space = accepted.indexOf(' ');
    String mediaType = space < 0 ? accepted : accepted.substring(0, space);
    return new ApiException(415, "unsupported-media-type", "Unsupported media type", request
        + " takes " + accepted + "; send Content-Type: " + mediaType
        + " (with curl: -H 'Content-Type: " + mediaType + "'), was "
        + Printable.quoted(given, 100), List.of(), Map.of("Accept", mediaType));
  }

  /** 429: too many failed authentications from one address. */
  public static ApiException tooManyFailures(long retryAfterSeconds) {
    return new ApiException(429, "too-many-failed-authentications", "Too many failed "
        + "authentications", "too many requests from this address had a missing or invalid token; "
        + "retry in " + retryAfterSeconds + " s", List.of(),
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  /** 403: a request a browser sent from another site. */
  public static ApiException crossSite(String detail) {
    return new ApiException(403, "cross-site", "Cross-site request refused", detail, List.of());
  }

  /** 401, with the {@code WWW-Authenticate} challenge the answer carries. */
  public static ApiException unauthorized(String detail, String challenge) {
    return new ApiException(401, "unauthorized", "Authentication required", detail, List.of(),
        Map.of("WWW-Authenticate", challenge));
  }

  public static ApiException tooLarge(long maxBodyBytes) {
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

  public static ApiException conflict(String type, String detail) {
    return new ApiException(409, type, "Conflict", detail, List.of());
  }

  public static ApiException preconditionFailed(String detail) {
    return new ApiException(412, "version-conflict", "The policy changed since you read it", detail,
        List.of());
  }

  public static ApiException unprocessable(String type, String title, String detail,
      List<FieldError> errors) {
    return new ApiException(422, type, title, detail, errors);
  }

  /**
   * 422 {@code invalid-policy}: each problem of an invalid policy as a field error at its JSON pointer,
   * their count and the first in the detail.
   *
   * @param title what was invalid, e.g. "The policy is invalid"
   */
  public static ApiException invalidPolicy(String title, Validation.Invalid invalid) {
    List<FieldError> errors = new ArrayList<>();
    for (Problem p : invalid.errors()) {
      errors.add(new FieldError(p.pointer(), p.message()));
    }
    Problem first = invalid.errors().get(0);
    return unprocessable("invalid-policy", title, invalid.errors().size() + " error(s); the first: "
        + first.pointer() + ": " + first.message(), errors);
  }

  public static ApiException unavailable(String detail) {
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

  /** The id under which the server log has this failure's cause, for 5xx answers. */
  public Optional<String> errorId() {
    return Optional.ofNullable(errorId);
  }

  /**
   * The headers the answer carries besides its content type: {@code WWW-Authenticate} of a 401,
   * {@code Retry-After} of a 429, {@code Accept} of a 415.
   */
  public Map<String, String> headers() {
    return headers;
  }

  /** The problem document, {@code application/problem+json}. */
  public byte[] body() {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("type", "/problems/" + type);
    body.put("title", title);
    body.put("status", status);
    body.put("detail", getMessage());
    ArrayNode list = body.putArray("errors");
    for (FieldError f : errors) {
      list.addObject().put("pointer", f.pointer()).put("message", f.message());
    }
    if (errorId != null) {
      body.put("errorId", errorId);
    }
    return body.toString().getBytes(StandardCharsets.UTF_8);
  }
}
