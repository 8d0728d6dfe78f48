package dev.setpoint.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import dev.setpoint.spelling.Suggestions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Checks a document's tree against the published JSON Schema ({@code policy-v1.schema.json}) and turns
 * the validator's findings into plain sentences with JSON pointers: an unknown field is named, with the
 * field it was probably meant to be.
 */
final class SchemaCheck {

  /** The schema's resource name, next to this class. */
  static final String RESOURCE = "policy-v1.schema.json";

  private final JsonNode schemaTree;
  private final Schema schema;

  private SchemaCheck(JsonNode schemaTree, Schema schema) {
    this.schemaTree = schemaTree;
    this.schema = schema;
  }

  /** Loads the schema; it ships in this jar, so failing to load it is a build defect. */
  static SchemaCheck load() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the policy schema " + RESOURCE + " is missing from the jar");
      }
      JsonNode tree = new ObjectMapper().readTree(in);
      SchemaRegistryConfig config = SchemaRegistryConfig.builder()
          .pathType(PathType.JSON_POINTER)
          .formatAssertionsEnabled(true)
          .locale(Locale.ROOT)
          .build();
      SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
          b -> b.schemaRegistryConfig(config));
      return new SchemaCheck(tree, registry.getSchema(tree));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the policy schema " + RESOURCE, e);
    }
  }

  /** The schema document. */
  JsonNode schemaTree() {
    return schemaTree;
  }

  /** The problems of {@code document}, one per place, in document order. */
  List<Problem> check(JsonNode document) {
    Map<String, Problem> byPointer = new LinkedHashMap<>();
    List<Error> errors = schema.validate(document);
    List<String> conditions = new ArrayList<>();
    for (Error e : errors) {
      String at = pointer(e.getInstanceLocation());
      if ("oneOf".equals(e.getKeyword())) {
        conditions.add(at);
      }
    }
    for (Error e : errors) {
      String at = pointer(e.getInstanceLocation());
      String condition = enclosing(conditions, at);
      Problem p;
      if (condition != null) {
        p = Problem.at(condition, "a condition is a value (tier: premium), a list of values "
            + "(jurisdiction: [DE, FR]) or a numeric range with gte, gt, lte, lt (amount: {gte: 100, "
            + "lt: 500}); was " + brief(document.at(condition)));
      } else {
        p = translate(e, at, document);
      }
      byPointer.putIfAbsent(p.pointer() + "\u0000" + p.message(), p);
    }
    return new ArrayList<>(byPointer.values());
  }

  private static @Nullable String enclosing(List<String> conditions, String at) {
    for (String c : conditions) {
      if (at.equals(c) || at.startsWith(c + "/")) {
        return c;
      }
    }
    return null;
  }

  private Problem translate(Error e, String at, JsonNode document) {
    JsonNode value = document.at(at);
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    switch (keyword) {
      case "additionalProperties": {
        String field = e.getProperty();
        String fieldPointer = at + "/" + escape(field);
        List<String> allowed = allowedFields(e);
        String hint = Suggestions.closest(field, allowed)
            .map(s -> " (did you mean '" + s + "'?)").orElse("");
        return Problem.at(fieldPointer, "unknown field '" + field + "'" + hint + "; allowed here: "
            + String.join(", ", allowed));
      }
      case "required":
        return Problem.at(at, "missing required field '" + e.getProperty() + "'");
      case "const": {
        JsonNode expected = e.getSchemaNode();
        return Problem.at(at, "must be " + brief(expected) + ", was " + brief(value));
      }
      case "type":
        return Problem.at(at, "must be " + typeText(e.getSchemaNode()) + ", was " + brief(value));
      case "pattern":
      case "propertyNames":
        if (at.endsWith("/sha256")) {
          return Problem.at(at, "must be 64 lower-case hex digits (a SHA-256), was " + brief(value));
        }
        return Problem.at(keyword.equals("propertyNames") ? at + "/" + escape(e.getProperty()) : at,
            "'" + (keyword.equals("propertyNames") ? e.getProperty() : value.asText())
                + "' is not a valid name: use letters, digits and _ . : / -, starting with a letter "
                + "or digit, at most 128 characters");
      case "minItems":
        return Problem.at(at, at.equals("/segments") ? "a policy needs at least one segment"
            : at.endsWith("/bands") ? "a segment needs at least one band" : "must not be empty");
      case "minLength":
        return Problem.at(at, "must not be empty");
      case "minProperties":
        return Problem.at(at, "a range needs at least one of gte, gt, lte, lt");
      case "minimum":
      case "exclusiveMinimum":
      case "maximum":
      case "exclusiveMaximum":
        return Problem.at(at, "must be " + bound(keyword) + " " + e.getSchemaNode().asText()
            + ", was " + brief(value));
      case "format":
        return Problem.at(at, "must be a date-time such as 2026-11-23T09:30:00Z, was " + brief(value));
      default:
        return Problem.at(at, e.getMessage());
    }
  }

  private static String bound(String keyword) {
    switch (keyword) {
      case "minimum":
        return ">=";
      case "exclusiveMinimum":
        return ">";
      case "maximum":
        return "<=";
      default:
        return "<";
    }
  }

  /** The fields the object schema that rejected a field does declare. */
  private List<String> allowedFields(Error e) {
    NodePath fragment = e.getSchemaLocation().getFragment();
    JsonNode objectSchema = schemaTree;
    for (int i = 0; i < fragment.getNameCount() - 1; i++) {
      Object element = fragment.getElement(i);
      objectSchema = element instanceof Integer index ? objectSchema.path(index)
          : objectSchema.path(element.toString());
    }
    List<String> names = new ArrayList<>();
    objectSchema.path("properties").fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String typeText(JsonNode type) {
    List<String> names = new ArrayList<>();
    if (type.isArray()) {
      type.forEach(t -> names.add(t.asText()));
    } else {
      names.add(type.asText());
    }
    List<String> words = new ArrayList<>();
    for (String n : names) {
      words.add(switch (n) {
        case "object" -> "an object (key: value pairs)";
        case "array" -> "a list";
        case "integer" -> "an integer";
        case "null" -> "null";
        default -> "a " + n;
      });
    }
    return String.join(" or ", words);
  }

  /** A short description of a value for messages: its text, or its kind for containers. */
  static String brief(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "absent";
    }
    if (value.isTextual()) {
      String s = value.asText();
      return "'" + (s.length() > 60 ? s.substring(0, 57) + "..." : s) + "' (text)";
    }
    if (value.isObject()) {
      List<String> keys = new ArrayList<>();
      Iterator<String> it = value.fieldNames();
      while (it.hasNext() && keys.size() < 5) {
        keys.add(it.next());
      }
      return keys.isEmpty() ? "an empty object" : "an object with " + String.join(", ", keys);
    }
    if (value.isArray()) {
      return value.isEmpty() ? "an empty list" : "a list of " + value.size();
    }
    if (value.isNull()) {
      return "null";
    }
    return value.asText();
  }

  /** The JSON pointer of a validator path, built from its elements (RFC 6901 escaping). */
  static String pointer(NodePath path) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.getNameCount(); i++) {
      sb.append('/').append(escape(String.valueOf(path.getElement(i))));
    }
    return sb.toString();
  }

  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
