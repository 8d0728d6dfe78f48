package dev.setpoint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.setpoint.data.Sha256;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.spelling.Printable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Clients' request ids ({@code Idempotency-Key} header, {@code requestId} field): what a valid one
 * is, and the fingerprint that tells a retry (the same request again) from another request under the
 * same id.
 *
 * <p>The fingerprint is the SHA-256 of the policy's name, the score as the double it parses to (so
 * {@code 0.9} and {@code 0.90} are the same) and the attributes with their names sorted (so the order
 * they are sent in does not matter); the attributes' values are compared as JSON values.
 */
final class RequestKeys {

  /** The longest request id. */
  static final int MAX_LENGTH = 255;

  private RequestKeys() {}

  /**
   * The request id of a request, from its header and its body's {@code requestId}: either, or both
   * when they agree.
   *
   * @param header the {@code Idempotency-Key} header, null when absent; surrounding double quotes
   *     (the structured-field form) are dropped
   * @param field the body's {@code requestId}, when given
   * @param pointer the field's pointer, for messages
   * @throws ApiException 400 for an invalid id, or two that differ
   */
  static Optional<String> of(String header, Optional<String> field, String pointer) {
    Optional<String> fromHeader = Optional.ofNullable(header).map(String::strip)
        .map(h -> h.length() >= 2 && h.startsWith("\"") && h.endsWith("\"")
            ? h.substring(1, h.length() - 1) : h);
    fromHeader.ifPresent(h -> check(h, "Idempotency-Key"));
    field.ifPresent(f -> check(f, pointer));
    if (fromHeader.isPresent() && field.isPresent() && !fromHeader.get().equals(field.get())) {
      throw ApiException.field(pointer, Printable.quoted(field.get(), 60) + " differs from the "
          + "Idempotency-Key header " + Printable.quoted(fromHeader.get(), 60) + "; give one, or the "
          + "same in both");
    }
    return fromHeader.isPresent() ? fromHeader : field;
  }

  /**
   * Refuses an id that is empty, longer than {@link #MAX_LENGTH} or holds a character {@link
   * Printable} hides (control, line separator, bidirectional-text control).
   *
   * @throws ApiException 400 naming {@code where}
   */
  static String check(String key, String where) {
    if (key.isEmpty() || key.length() > MAX_LENGTH || Printable.hasHidden(key)) {
      throw ApiException.field(where, "must be 1 to " + MAX_LENGTH + " characters without control, "
          + "line-separator or bidirectional-text characters, was " + Printable.quoted(key, 60));
    }
    return key;
  }

  /** The fingerprint of one decision's request. */
  static String fingerprint(String policy, double score, String attributesJson) {
    return Sha256.hex(policy + '\u0000' + score + '\u0000' + canonical(attributesJson));
  }

  /** The fingerprint of a whole batch, from its decisions' fingerprints in order. */
  static String fingerprint(String policy, List<String> decisions) {
    return Sha256.hex(policy + '\u0000' + String.join(",", decisions));
  }

  /** An attributes object with its names sorted, written compactly; {@code {}} for none. */
  private static String canonical(String attributesJson) {
    JsonNode node;
    try {
      node = Requests.JSON.readTree(attributesJson);
    } catch (IOException e) {
      // The request was parsed already: its attributes are a JSON object.
      throw new UncheckedIOException(e);
    }
    if (node == null || !node.isObject() || node.isEmpty()) {
      return "{}";
    }
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    names.sort(null);
    StringBuilder out = new StringBuilder("{");
    for (String name : names) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(TextNode.valueOf(name)).append(':').append(node.get(name));
    }
    return out.append('}').toString();
  }
}
