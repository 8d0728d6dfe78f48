package dev.setpoint.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.setpoint.data.ParserMessages;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.spelling.Suggestions;
import java.util.List;

/** Reading request bodies: JSON only, every defect a 400 with the pointer of the bad field. */
final class Requests {

  /**
   * Numbers are read with Jackson's fast double parser (FastDoubleParser, correctly rounded like
   * {@link Double#parseDouble}, several times faster on the scores of a batch). {@code NaN}, {@code
   * Infinity} and {@code -Infinity}, which are not JSON, are read as numbers so that the field that
   * holds one refuses it in its own words ({@code /score: NaN is not a number; send a finite number
   * in the model's score range [0.0, 1.0]}) instead of a parser message that names a parser setting;
   * no field takes them (a label wants a boolean, a version an integer, a policy document refuses
   * non-finite numbers).
   */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  private Requests() {}

  /** The body as a JSON object. */
  static JsonNode object(byte[] body) {
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw notJson(e);
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("the body could not be read: " + e.getMessage(), List.of());
    }
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object", List.of());
    }
    return node;
  }

  /** The 400 for a body that is not JSON, with the parser's line and column. */
  static ApiException notJson(JsonProcessingException e) {
    return ApiException.badRequest("the body is not valid JSON: "
        + ParserMessages.withoutSourcePlaceholder(e.getOriginalMessage())
        + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
            + e.getLocation().getColumnNr() + ")"), List.of());
  }

  /**
   * A value as a message shows it: as the JSON it was, but a number as written ({@code NaN}, not the
   * {@code "NaN"} Jackson writes for a non-finite one).
   */
  static String shown(JsonNode v) {
    return v.isNumber() ? v.asText() : v.toString();
  }

  /**
   * Refuses a field of {@code node} that is not one of {@code fields}, naming the field it is a likely
   * typo of: {@code /versoin: unknown field; did you mean 'version'? (an activation has version,
   * reason)}. Ignored, a misspelt optional field would silently take its default.
   *
   * @param what what has {@code fields}, for the message ("an activation")
   */
  static void onlyFields(JsonNode node, String pointer, List<String> fields, String what) {
    node.fieldNames().forEachRemaining(field -> {
      if (!fields.contains(field)) {
        throw ApiException.field(pointer + "/" + field.replace("~", "~0").replace("/", "~1"),
            "unknown field" + Suggestions.closest(field, fields)
                .map(f -> "; did you mean '" + f + "'?").orElse("") + " (" + what + " has "
                + String.join(", ", fields) + ")");
      }
    });
  }

  /** A required text field. */
  static String text(JsonNode node, String pointer, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw ApiException.field(pointer + "/" + field, "required");
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw ApiException.field(pointer + "/" + field, "must be non-empty text, was " + v);
    }
    return v.asText();
  }

  /** A required positive integer. */
  static long positiveLong(JsonNode node, String pointer, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw ApiException.field(pointer + "/" + field, "required");
    }
    if (!v.canConvertToExactIntegral() || !v.canConvertToLong() || v.asLong() < 1) {
      throw ApiException.field(pointer + "/" + field, "must be an integer >= 1, was " + shown(v));
    }
    return v.asLong();
  }
}
