package dev.setpoint.server.http;

import dev.setpoint.server.api.ApiException;
import java.util.Locale;

/**
 * The media types request bodies may have. A JSON endpoint takes {@code application/json} (or a
 * {@code +json} type), with or without parameters, or no {@code Content-Type} at all (programs often
 * send none). It refuses the types a browser may send to another site without asking first ({@code
 * text/plain}, forms): a page elsewhere must not be able to post to the API through its visitor's
 * browser (issue 19; the {@code Origin} check in {@link FrontDoor} is the other half).
 */
enum MediaTypes {
  /** JSON only. */
  JSON("application/json"),
  /** JSON or YAML (policy documents). */
  JSON_OR_YAML("application/json or application/yaml"),
  /**
   * JSON, or many labels as CSV ({@code text/csv}) or JSON Lines ({@code application/x-ndjson}):
   * none of them a type a browser sends to another site without asking first.
   */
  LABELS("application/json, text/csv or application/x-ndjson (JSON Lines)"),
  /** Any: a file upload, or a body that is not read. */
  ANY("any");

  private final String accepted;

  MediaTypes(String accepted) {
    this.accepted = accepted;
  }

  /** What the endpoint takes, for the 415 answer. */
  String accepted() {
    return accepted;
  }

  /**
   * Refuses a body of another type.
   *
   * @param contentType the request's {@code Content-Type}, null when absent
   * @param request e.g. "POST /v1/decide", for the message
   * @throws ApiException 415
   */
  void require(String contentType, String request) {
    if (this == ANY || contentType == null || contentType.isBlank()) {
      return;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    boolean json = type.equals("application/json") || (type.startsWith("application/")
        && type.endsWith("+json"));
    boolean yaml = type.equals("application/yaml") || type.equals("application/x-yaml")
        || type.equals("text/yaml") || type.equals("text/x-yaml");
    if (!(json || (this == JSON_OR_YAML && yaml)
        || (this == LABELS && BulkLabels.of(contentType).isPresent()))) {
      throw ApiException.unsupportedMediaType(request, accepted, contentType);
    }
  }

  /** Whether {@code contentType} names YAML. */
  static boolean isYaml(String contentType) {
    return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("yaml");
  }
}
