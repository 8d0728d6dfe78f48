package dev.setpoint.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code /v1/decide/batch} body (and, by {@link #parseSingle}, a {@code /v1/decide} body) read in one
 * streaming pass, without a JSON tree: the policy name and,
 * per request, the score, the attribute values and the attributes' JSON text as sent (for the audit
 * record). Every defect is an {@link ApiException} with the pointer of the bad field.
 *
 * @param policy the policy name
 * @param requests the requests, in order
 * @param compact whether the answer is the compact form ({@code "answer": "compact"})
 */
record BatchRequest(String policy, List<Item> requests, boolean compact) {

  /**
   * One request.
   *
   * @param score the score, finite
   * @param attributes the attribute values: text, Long, Double or Boolean
   * @param attributesJson the attributes object as sent, {@code {}} when absent
   */
  record Item(double score, Map<String, Object> attributes, String attributesJson) {}

  static BatchRequest parse(byte[] body, int maxBatch) {
    try (JsonParser p = Requests.JSON.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw ApiException.badRequest("the body must be a JSON object {policy, requests}", List.of());
      }
      String policy = null;
      List<Item> requests = null;
      boolean compact = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("policy")) {
          if (value != JsonToken.VALUE_STRING || p.getText().isBlank()) {
            throw ApiException.field("/policy", "must be non-empty text");
          }
          policy = p.getText();
        } else if (field.equals("requests")) {
          if (value != JsonToken.START_ARRAY) {
            throw ApiException.field("/requests", "must be a non-empty array of {score, attributes}");
          }
          requests = items(p, body, maxBatch);
        } else if (field.equals("answer")) {
          if (value != JsonToken.VALUE_STRING
              || !(p.getText().equals("full") || p.getText().equals("compact"))) {
            throw ApiException.field("/answer", "must be \"full\" (the default) or \"compact\", "
                + "was " + (value == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : value));
          }
          compact = p.getText().equals("compact");
        } else {
          p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw ApiException.badRequest("the body holds more than one JSON value", List.of());
      }
      if (policy == null) {
        throw ApiException.field("/policy", "required");
      }
      if (requests == null || requests.isEmpty()) {
        throw ApiException.field("/requests", "must be a non-empty array of {score, attributes}");
      }
      return new BatchRequest(policy, requests, compact);
    } catch (JsonProcessingException e) {
      throw Requests.notJson(e);
    } catch (IOException e) {
      throw ApiException.badRequest("the body could not be read: " + e.getMessage(), List.of());
    }
  }

  private static List<Item> items(JsonParser p, byte[] body, int maxBatch) throws IOException {
    List<Item> items = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      int i = items.size();
      String at = "/requests/" + i;
      if (i == maxBatch) {
        throw ApiException.field("/requests", "holds more than " + maxBatch + " requests, the most "
            + "in one batch");
      }
      if (t != JsonToken.START_OBJECT) {
        throw ApiException.field(at, "must be an object {score, attributes}");
      }
      items.add(item(p, body, at, null));
    }
    return items;
  }

  /**
   * Reads one request object's fields, the parser just past its START_OBJECT.
   *
   * @param policy receives the {@code policy} field when not null (a single request carries it)
   */
  private static Item item(JsonParser p, byte[] body, String at, String[] policy)
      throws IOException {
    Double score = null;
    Map<String, Object> attributes = Map.of();
    String json = "{}";
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("score")) {
        if (!value.isNumeric()) {
          throw ApiException.field(at + "/score", "must be a number, was " + text(p, value));
        }
        double d = p.getDoubleValue();
        if (!Double.isFinite(d)) {
          throw ApiException.field(at + "/score", "must be a finite number, was " + p.getText());
        }
        score = d;
      } else if (field.equals("attributes")) {
        if (value == JsonToken.VALUE_NULL) {
          continue;
        }
        if (value != JsonToken.START_OBJECT) {
          throw ApiException.field(at + "/attributes", "must be an object of name: value");
        }
        int start = (int) p.currentTokenLocation().getByteOffset();
        attributes = attributes(p, at);
        int end = (int) p.currentLocation().getByteOffset();
        json = new String(body, start, end - start, StandardCharsets.UTF_8);
      } else if (field.equals("policy") && policy != null) {
        if (value != JsonToken.VALUE_STRING || p.getText().isBlank()) {
          throw ApiException.field("/policy", "must be non-empty text, was " + text(p, value));
        }
        policy[0] = p.getText();
      } else {
        p.skipChildren();
      }
    }
    if (score == null) {
      throw ApiException.field(at + "/score", "required");
    }
    return new Item(score, attributes, json);
  }

  /**
   * A {@code /v1/decide} body, {@code {policy, score, attributes}}, read the same way.
   *
   * @return the policy name and the request
   */
  static Map.Entry<String, Item> parseSingle(byte[] body) {
    try (JsonParser p = Requests.JSON.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw ApiException.badRequest("the body must be a JSON object {policy, score, attributes}",
            List.of());
      }
      String[] policy = new String[1];
      Item item = item(p, body, "", policy);
      if (p.nextToken() != null) {
        throw ApiException.badRequest("the body holds more than one JSON value", List.of());
      }
      if (policy[0] == null) {
        throw ApiException.field("/policy", "required");
      }
      return Map.entry(policy[0], item);
    } catch (JsonProcessingException e) {
      throw Requests.notJson(e);
    } catch (IOException e) {
      throw ApiException.badRequest("the body could not be read: " + e.getMessage(), List.of());
    }
  }

  private static Map<String, Object> attributes(JsonParser p, String at) throws IOException {
    Map<String, Object> values = new HashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      switch (v) {
        case VALUE_STRING -> values.put(name, p.getText());
        case VALUE_NUMBER_INT -> values.put(name, p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? (Object) p.getDoubleValue() : (Object) p.getLongValue());
        case VALUE_NUMBER_FLOAT -> values.put(name, p.getDoubleValue());
        case VALUE_TRUE, VALUE_FALSE -> values.put(name, v == JsonToken.VALUE_TRUE);
        case VALUE_NULL -> values.remove(name);
        default -> throw ApiException.field(at + "/attributes/" + name,
            "must be text, a number or a boolean, was " + (v == JsonToken.START_ARRAY ? "array"
                : "object"));
      }
    }
    return values;
  }

  private static String text(JsonParser p, JsonToken t) throws IOException {
    return t == JsonToken.START_OBJECT ? "an object" : t == JsonToken.START_ARRAY ? "an array"
        : p.getText();
  }
}
