package dev.setpoint.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.server.store.DecisionGroup;
import dev.setpoint.spelling.Suggestions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A {@code /v1/decide/batch} body (and, by {@link #parseSingle}, a {@code /v1/decide} body) read in one
 * streaming pass, without a JSON tree, straight into the form the decider and the audit log take: per
 * request the score, the values of the attributes the policy matches on by position
 * ({@link dev.setpoint.policy.Decider#decide(double, Object[])}; other attributes are checked but not
 * kept), and where the score's and the attributes' JSON text lie in the body (the audit log stores
 * that text as sent). Every defect is an {@link ApiException} with the pointer of the bad field; a
 * batch's answer names every bad request ({@link FieldErrors}), not only the first. A field the
 * request does not have is refused, with the field it is a likely typo of ({@code /scor: unknown
 * field; did you mean 'score'?}): ignored, a misspelt {@code attributes} would route every request
 * to the default segment without a word.
 *
 * <p>The attribute positions are the active policy's, so the policy is looked up before the requests
 * are read: when {@code "policy"} comes after {@code "requests"} in the body, a first pass over the top
 * level finds it. A body that names the policy twice is refused rather than decided by either.
 *
 * @param policy the policy name
 * @param active the policy's active version, whose attribute positions {@code values} follow
 * @param compact whether the answer is the compact form ({@code "answer": "compact"})
 * @param scores each request's score, finite
 * @param values each request's attribute values by position: text, Long, Double, Boolean or null
 * @param inputs the JSON text of each request's score and attributes, for the audit log
 * @param requestIds each request's {@code "requestId"}, null where it has none; null when none has
 */
record BatchRequest(String policy, ActivePolicies.Active active, boolean compact, double[] scores,
    Object[][] values, DecisionGroup.BatchInputs inputs, String @Nullable [] requestIds) {

  /** How many requests. */
  int size() {
    return scores.length;
  }

  /**
   * A {@code /v1/decide} body, {@code {policy, score, attributes, requestId}}.
   *
   * @param attributesJson the attributes object as sent, {@code {}} when absent
   * @param requestId the client's id for the request, when given
   */
  record Single(String policy, ActivePolicies.Active active, double score, Object[] values,
      String attributesJson, Optional<String> requestId) {}

  /** The fields of a {@code /v1/decide} body. */
  private static final List<String> SINGLE_FIELDS = List.of("policy", "score", "attributes",
      "requestId");
  /** The fields of a {@code /v1/decide/batch} body. */
  private static final List<String> BATCH_FIELDS = List.of("policy", "requests", "answer");
  /** The fields of each of its requests. */
  private static final List<String> ITEM_FIELDS = List.of("score", "attributes", "requestId");

  static BatchRequest parse(byte[] body, int maxBatch, ActivePolicies policies) {
    FieldErrors errors = new FieldErrors();
    try (JsonParser p = Requests.JSON.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw ApiException.badRequest("the body must be a JSON object {policy, requests}", List.of());
      }
      String policy = null;
      ActivePolicies.Active active = null;
      Columns requests = null;
      boolean compact = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("policy")) {
          policy = policyField(p, value, policy);
        } else if (field.equals("requests")) {
          if (value != JsonToken.START_ARRAY) {
            throw ApiException.field("/requests", "must be a non-empty array of {score, attributes}");
          }
          active = policies.of(policy != null ? policy : policyAhead(body));
          requests = items(p, maxBatch, active, errors);
        } else if (field.equals("answer")) {
          if (value != JsonToken.VALUE_STRING
              || !(p.getText().equals("full") || p.getText().equals("compact"))) {
            throw ApiException.field("/answer", "must be \"full\" (the default) or \"compact\", "
                + "was " + (value == JsonToken.VALUE_STRING ? "\"" + p.getText() + "\"" : value));
          }
          compact = p.getText().equals("compact");
        } else {
          errors.add(unknownField(field, -1, BATCH_FIELDS, "a batch"));
          p.skipChildren();
        }
      }
      String name = finish(p, policy);
      errors.throwIfAny();
      // active is looked up where requests are read: both or neither are null
      if (requests == null || active == null || requests.size == 0) {
        throw ApiException.field("/requests", "must be a non-empty array of {score, attributes}");
      }
      return new BatchRequest(name, active, compact, Arrays.copyOf(requests.scores, requests.size),
          Arrays.copyOf(requests.values, requests.size), requests.inputs(body),
          requests.requestIds == null ? null : Arrays.copyOf(requests.requestIds, requests.size));
    } catch (JsonProcessingException e) {
      throw Requests.notJson(e);
    } catch (IOException e) {
      throw ApiException.badRequest("the body could not be read: " + e.getMessage(), List.of());
    }
  }

  /**
   * A {@code /v1/decide} body, read the same way.
   */
  static Single parseSingle(byte[] body, ActivePolicies policies) {
    try (JsonParser p = Requests.JSON.getFactory().createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw ApiException.badRequest("the body must be a JSON object {policy, score, attributes}",
            List.of());
      }
      String policy = null;
      ActivePolicies.Active active = null;
      double score = Double.NaN;
      boolean scored = false;
      Object[] values = null;
      String json = "{}";
      String requestId = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("score")) {
          score = score(p, value, -1);
          scored = true;
        } else if (field.equals("requestId")) {
          requestId = requestId(p, value, -1);
        } else if (field.equals("attributes")) {
          if (value == JsonToken.VALUE_NULL) {
            values = null;
            json = "{}";
            continue;
          }
          if (value != JsonToken.START_OBJECT) {
            throw ApiException.field("/attributes", "must be an object of name: value");
          }
          if (active == null) {
            active = policies.of(policy != null ? policy : policyAhead(body));
          }
          int start = (int) p.currentTokenLocation().getByteOffset();
          values = attributes(p, -1, active.slots(), null);
          int end = (int) p.currentLocation().getByteOffset();
          json = new String(body, start, end - start, StandardCharsets.UTF_8);
        } else if (field.equals("policy")) {
          policy = policyField(p, value, policy);
        } else {
          throw unknownField(field, -1, SINGLE_FIELDS, "a decide request");
        }
      }
      String name = finish(p, policy);
      if (!scored) {
        throw ApiException.field("/score", "required");
      }
      if (active == null) {
        active = policies.of(name);
      }
      return new Single(name, active, score,
          values != null ? values : new Object[active.slots().size()], json,
          Optional.ofNullable(requestId));
    } catch (JsonProcessingException e) {
      throw Requests.notJson(e);
    } catch (IOException e) {
      throw ApiException.badRequest("the body could not be read: " + e.getMessage(), List.of());
    }
  }

  /**
   * After the body's object: nothing may follow it, and it must have named the policy, which is
   * returned.
   */
  private static String finish(JsonParser p, @Nullable String policy) throws IOException {
    if (p.nextToken() != null) {
      throw ApiException.badRequest("the body holds more than one JSON value", List.of());
    }
    if (policy == null) {
      throw ApiException.field("/policy", "required");
    }
    return policy;
  }

  /** The {@code policy} field's value; {@code seen} is the value of an earlier one, if any. */
  private static String policyField(JsonParser p, JsonToken value, @Nullable String seen)
      throws IOException {
    if (value != JsonToken.VALUE_STRING || p.getText().isBlank()) {
      throw ApiException.field("/policy", "must be non-empty text, was " + text(p, value));
    }
    if (seen != null) {
      throw ApiException.field("/policy", "is given more than once (\"" + seen + "\", then \""
          + p.getText() + "\")");
    }
    return p.getText();
  }

  /**
   * The top-level {@code policy} field of {@code body}, read ahead of the requests (which need its
   * attribute positions) when it comes after them.
   *
   * @throws ApiException if there is none, or it is not non-empty text
   */
  private static String policyAhead(byte[] body) throws IOException {
    try (JsonParser p = Requests.JSON.getFactory().createParser(body)) {
      p.nextToken();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("policy")) {
          return policyField(p, value, null);
        }
        p.skipChildren();
      }
    }
    throw ApiException.field("/policy", "required");
  }

  /**
   * The requests, parsed into columns; the parser is just past the array's start. A bad field is
   * added to {@code errors} and the request's other fields are still read, so that one answer names
   * every bad field of every request.
   */
  private static Columns items(JsonParser p, int maxBatch,
      ActivePolicies.Active active, FieldErrors errors) throws IOException {
    AttributeSlots slots = active.slots();
    Columns out = new Columns(Math.min(maxBatch, 1024), slots);
    int depth = p.getParsingContext().getNestingDepth();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      int i = out.size;
      if (i == maxBatch) {
        throw ApiException.field("/requests", "holds more than " + maxBatch + " requests, the most "
            + "in one batch");
      }
      if (t != JsonToken.START_OBJECT) {
        out.grow();
        out.values[i] = new Object[slots.size()];
        out.size++;
        errors.add(ApiException.field(pointer(i, ""), "must be an object {score, attributes}"));
        skipTo(p, depth);
        continue;
      }
      item(p, i, active, out, errors);
    }
    return out;
  }

  /**
   * Reads past the rest of the value the parser is in, up to the container at nesting {@code depth}:
   * after a bad field, to go on with the next one.
   */
  private static void skipTo(JsonParser p, int depth) throws IOException {
    while (p.getParsingContext().getNestingDepth() > depth) {
      if (p.nextToken() == null) {
        return; // the end of the input: the caller's next read says so
      }
    }
  }

  /** Reads request {@code i}'s fields into {@code out}, the parser just past its START_OBJECT. */
  private static void item(JsonParser p, int i, ActivePolicies.Active active, Columns out,
      FieldErrors errors) throws IOException {
    AttributeSlots slots = active.slots();
    int depth = p.getParsingContext().getNestingDepth();
    out.grow();
    int[] spans = out.spans;
    spans[4 * i] = -1;
    spans[4 * i + 2] = -1;
    spans[4 * i + 3] = -1;
    out.byObject(i);
    out.values[i] = null;
    boolean badScore = false;
    String field;
    for (int k = 0; (field = nextName(p, k == 0 ? SCORE : k == 1 ? ATTRIBUTES : null)) != null;
        k++) {
      JsonToken value = p.nextToken();
      try {
        itemField(p, field, value, i, slots, out);
      } catch (ApiException e) {
        errors.add(e);
        badScore |= field.equals("score");
        skipTo(p, depth);
      }
    }
    if (!badScore) {
      if (spans[4 * i] < 0) {
        errors.add(ApiException.field(pointer(i, "/score"), "required"));
      } else {
        active.decider().refusal(out.scores[i]).ifPresent(
            why -> errors.add(ApiException.field(pointer(i, "/score"), why)));
      }
    }
    if (out.values[i] == null) {
      out.values[i] = new Object[slots.size()];
    }
    out.size++;
  }

  /** Reads field {@code field} of request {@code i}, whose value starts at {@code value}. */
  private static void itemField(JsonParser p, String field, JsonToken value, int i,
      AttributeSlots slots, Columns out) throws IOException {
    int[] spans = out.spans;
    if (field.equals("score")) {
      spans[4 * i] = (int) p.currentTokenLocation().getByteOffset();
      out.scores[i] = score(p, value, i);
      spans[4 * i + 1] = (int) p.currentLocation().getByteOffset();
    } else if (field.equals("attributes")) {
      if (value == JsonToken.VALUE_NULL) {
        out.values[i] = null;
        spans[4 * i + 2] = -1;
        spans[4 * i + 3] = -1;
        out.byObject(i);
        return;
      }
      if (value != JsonToken.START_OBJECT) {
        throw ApiException.field(pointer(i, "/attributes"), "must be an object of name: value");
      }
      spans[4 * i + 2] = (int) p.currentTokenLocation().getByteOffset();
      out.byObject(i); // a repeated "attributes" replaces the earlier one's values too
      out.values[i] = attributes(p, i, slots, out);
      spans[4 * i + 3] = (int) p.currentLocation().getByteOffset();
    } else if (field.equals("requestId")) {
      out.requestId(i, requestId(p, value, i));
    } else {
      throw unknownField(field, i, ITEM_FIELDS, "each request of a batch");
    }
  }

  /**
   * The refusal of a field a body does not have, naming the field it is a likely typo of.
   *
   * @param i the request's index in a batch, -1 for the body itself
   * @param what what has {@code fields}, for the message ("a decide request")
   */
  private static ApiException unknownField(String field, int i, List<String> fields, String what) {
    return ApiException.field(pointer(i, "/" + token(field)), "unknown field"
        + Suggestions.closest(field, fields).map(f -> "; did you mean '" + f + "'?").orElse("")
        + " (" + what + " has " + String.join(", ", fields) + ")");
  }

  /** {@code name} as one reference token of a JSON pointer (RFC 6901: {@code ~} and {@code /} escaped). */
  private static String token(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  private static final SerializedString SCORE = new SerializedString("score");
  private static final SerializedString ATTRIBUTES = new SerializedString("attributes");

  /**
   * The next field's name, or null at the end of the object. The name the caller expects, when it
   * gives one, is matched by Jackson's fast path first (its bytes against the input's, without a
   * symbol-table lookup); a request that sends another name costs no more than without.
   */
  private static @Nullable String nextName(JsonParser p, @Nullable SerializedString expected)
      throws IOException {
    if (expected == null) {
      return p.nextToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
    }
    if (p.nextFieldName(expected)) {
      return expected.getValue();
    }
    return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
  }

  /**
   * A {@code requestId}: text that {@link RequestKeys#check} accepts ({@code i} is the request's
   * index, -1 for a single request).
   */
  private static String requestId(JsonParser p, JsonToken value, int i) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      throw ApiException.field(pointer(i, "/requestId"), "must be text, was " + text(p, value));
    }
    return RequestKeys.check(p.getText(), pointer(i, "/requestId"));
  }

  /**
   * A score: a JSON number ({@code i} is the request's index, -1 for a single request). NaN and
   * infinities are read too, to be refused with the policy's rule for scores ({@link
   * dev.setpoint.policy.Decider#refusal}), the same rule {@code setpoint policy explain} applies.
   */
  private static double score(JsonParser p, JsonToken value, int i) throws IOException {
    if (!value.isNumeric()) {
      throw ApiException.field(pointer(i, "/score"), "must be a number, was " + text(p, value));
    }
    return p.getDoubleValue();
  }

  /**
   * An attributes object's values by the policy's positions: text as String, integers as Long (beyond
   * long, Double), other numbers as Double, booleans as Boolean, null as missing. Attributes the policy
   * does not match on are checked (a scalar or null) but not converted.
   *
   * @param out for a batch request, where the object's names and value spans go for the audit log's
   *     values form ({@link DecisionGroup.BatchInputs}); null for a single request
   */
  private static Object[] attributes(JsonParser p, int i, AttributeSlots slots,
      @Nullable Columns out) throws IOException {
    Object[] values = new Object[slots.size()];
    boolean named = out != null;
    // The names of the first object with attributes, with the fast path's names and their slots
    // (set together, Columns.byValues); null for a single request, and until that first object.
    String[] names = out != null ? out.names : null;
    SerializedString[] expected = out != null ? out.expected : null;
    int[] nameSlots = out != null ? out.slots : null;
    int m = 0;
    String name;
    while ((name = nextName(p, names != null && expected != null && m < names.length
        ? expected[m] : null)) != null) {
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_ARRAY || v == JsonToken.START_OBJECT) {
        throw ApiException.field(pointer(i, "/attributes/" + token(name)),
            "must be text, a number or a boolean, was "
                + (v == JsonToken.START_ARRAY ? "array" : "object"));
      }
      if (v == JsonToken.VALUE_NUMBER_FLOAT && p.isNaN()) {
        // NaN and infinities parse (Requests.JSON) only to be refused here in the field's words.
        throw ApiException.field(pointer(i, "/attributes/" + token(name)), p.getText()
            + " is not a number; send text, a finite number or a boolean");
      }
      int start = named ? (int) p.currentTokenLocation().getByteOffset() : 0;
      int slot = names != null && nameSlots != null && m < names.length && name == names[m]
          ? nameSlots[m] : slots.of(name);
      if (slot >= 0) {
        values[slot] = switch (v) {
          case VALUE_STRING -> p.getText();
          case VALUE_NUMBER_INT -> p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
              ? (Object) p.getDoubleValue() : (Object) p.getLongValue();
          case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
          case VALUE_TRUE -> true;
          case VALUE_FALSE -> false;
          default -> null;
        };
      }
      if (named && out != null) {
        if (names != null && (m >= names.length || (names[m] != name && !names[m].equals(name)))) {
          named = false;
        } else {
          if (v == JsonToken.VALUE_STRING && slot < 0) {
            p.finishToken(); // so that the location is past the closing quote
          }
          out.value(m, name, start, (int) p.currentLocation().getByteOffset());
        }
      }
      m++;
    }
    if (named && out != null) {
      out.byValues(i, m);
    }
    return values;
  }

  /** The JSON pointer of a field of request {@code i}, or of the single request when -1. */
  private static String pointer(int i, String field) {
    return i < 0 ? field : "/requests/" + i + field;
  }

  private static String text(JsonParser p, JsonToken t) throws IOException {
    return t == JsonToken.START_OBJECT ? "an object" : t == JsonToken.START_ARRAY ? "an array"
        : p.getText();
  }

  /** The requests read so far, as growing columns. */
  private static final class Columns {
    double[] scores;
    Object[][] values;
    int[] spans;
    int size;
    /**
     * The attribute names of the audit log's values form: those of the first request with attributes,
     * in its order; null until then.
     */
    String @Nullable [] names;
    /**
     * The names, for the parser's fast path; and the policy's position of each (-1: not used). Null
     * while {@code names} is, like {@code valueSpans}.
     */
    SerializedString @Nullable [] expected;
    int @Nullable [] slots;
    /** Per request {@code 2 · names.length} value offsets, the first -1 when stored by its object. */
    int @Nullable [] valueSpans;
    /** Each request's requestId; null until one has one. */
    String @Nullable [] requestIds;
    /** Where each requestId was first seen, to refuse one given twice. */
    private final java.util.Map<String, Integer> requestIndex = new java.util.HashMap<>();
    /** The names and value offsets of the object being read. */
    private String[] readNames = new String[8];
    private int[] readSpans = new int[16];

    private final AttributeSlots attributeSlots;

    Columns(int capacity, AttributeSlots attributeSlots) {
      this.attributeSlots = attributeSlots;
      scores = new double[capacity];
      values = new Object[capacity][];
      spans = new int[4 * capacity];
    }

    /**
     * Request {@code i}'s requestId.
     *
     * @throws ApiException 400 when an earlier request of the batch has the same one
     */
    void requestId(int i, String id) {
      String[] ids = requestIds;
      if (ids == null) {
        ids = new String[scores.length];
        requestIds = ids;
      }
      Integer earlier = requestIndex.putIfAbsent(id, i);
      if (earlier != null && earlier != i) {
        throw ApiException.field(pointer(i, "/requestId"), dev.setpoint.spelling.Printable.quoted(id, 60)
            + " is also /requests/" + earlier + "'s; each request of a "
            + "batch needs its own");
      }
      ids[i] = id;
    }

    /** Makes room for one more request. */
    void grow() {
      if (size == scores.length) {
        int capacity = Math.max(16, 2 * size);
        scores = Arrays.copyOf(scores, capacity);
        values = Arrays.copyOf(values, capacity);
        spans = Arrays.copyOf(spans, 4 * capacity);
        if (requestIds != null) {
          requestIds = Arrays.copyOf(requestIds, capacity);
        }
        if (valueSpans != null && names != null) {
          valueSpans = Arrays.copyOf(valueSpans, 2 * names.length * capacity);
        }
      }
    }

    /** The object being read has value {@code m}, {@code name}, at {@code [start, end)}. */
    void value(int m, String name, int start, int end) {
      if (m == readNames.length) {
        readNames = Arrays.copyOf(readNames, 2 * m);
        readSpans = Arrays.copyOf(readSpans, 4 * m);
      }
      readNames[m] = name;
      readSpans[2 * m] = start;
      readSpans[2 * m + 1] = end;
    }

    /**
     * Request {@code i}'s object, of {@code m} values, had the names (the first such object sets them):
     * it is stored by its values.
     */
    void byValues(int i, int m) {
      String[] names = this.names;
      int[] valueSpans = this.valueSpans;
      if (names == null || valueSpans == null) {
        if (m == 0) {
          return;
        }
        names = Arrays.copyOf(readNames, m);
        SerializedString[] expected = new SerializedString[m];
        int[] slots = new int[m];
        for (int k = 0; k < m; k++) {
          expected[k] = new SerializedString(names[k]);
          slots[k] = attributeSlots.of(names[k]);
        }
        valueSpans = new int[2 * m * scores.length];
        Arrays.fill(valueSpans, -1);
        this.names = names;
        this.expected = expected;
        this.slots = slots;
        this.valueSpans = valueSpans;
      }
      if (m == names.length) {
        System.arraycopy(readSpans, 0, valueSpans, 2 * m * i, 2 * m);
      }
    }

    /** Request {@code i} is stored by its object (until its attributes say otherwise). */
    void byObject(int i) {
      if (valueSpans != null && names != null) {
        valueSpans[2 * names.length * i] = -1;
      }
    }

    /** The requests' inputs for the audit log. */
    DecisionGroup.BatchInputs inputs(byte[] body) {
      return new DecisionGroup.BatchInputs(body, Arrays.copyOf(spans, 4 * size),
          names == null ? List.of() : List.of(names),
          names == null || valueSpans == null ? new int[0]
              : Arrays.copyOf(valueSpans, 2 * names.length * size));
    }
  }
}
