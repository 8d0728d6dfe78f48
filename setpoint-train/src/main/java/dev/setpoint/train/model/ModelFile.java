package dev.setpoint.train.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.train.data.Standardization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model files: versioned JSON written and read field by field (no reflection), so the format is exactly
 * what this class says.
 *
 * <pre>{@code
 * { "format": "setpoint-model", "version": 1,
 *   "architecture": { "type": "logistic-regression" },
 *   "features": ["a", "b"],
 *   "standardization": { "means": [..], "scales": [..] },
 *   "parameters": { "weights": [..], "bias": 0.1 },
 *   "provenance": { "dataSource": .., "dataSha256": .., "rows": .., "positives": .., "seed": ..,
 *                   "loss": "bce", "objective": "recall@precision>=0.95", "epochsRun": .., "bestEpoch": ..,
 *                   "validationValue": 0.83, "javaVersion": .., "osArch": .., "trainedAt": "…Z",
 *                   "multipliers": { "lambda": 1.37 }, "stoppedBy": "early stop: …" } }
 * }</pre>
 *
 * <p>Numbers are written with Java's shortest round-tripping decimal form, so a model read back has
 * bit-identical parameters and gives bit-identical scores. An undefined validation value (no feasible
 * epoch) is {@code null}. Reading rejects any other format or version, a missing or mistyped field and a
 * non-finite number, naming the JSON pointer of the field. {@code multipliers} and {@code stoppedBy}
 * came after the first files of version 1 were written, so reading accepts their absence (no
 * multipliers; stopped by "not recorded") but not a mistyped value.
 */
public final class ModelFile {

  /** The value of the {@code format} field. */
  public static final String FORMAT = "setpoint-model";
  /** The only version this code writes and reads. */
  public static final int VERSION = 1;
  private static final String LOGISTIC_REGRESSION = "logistic-regression";
  /** {@code stoppedBy} of a file written before it was recorded. */
  static final String NOT_RECORDED = "not recorded";

  private ModelFile() {}

  /** The model as JSON text (pretty-printed, ending in a newline). */
  public static String toJson(TrainedModel model) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.putObject("architecture").put("type", LOGISTIC_REGRESSION);
    ArrayNode features = root.putArray("features");
    model.featureNames().forEach(features::add);
    ObjectNode std = root.putObject("standardization");
    numbers(std.putArray("means"), model.standardization().means());
    numbers(std.putArray("scales"), model.standardization().scales());
    ObjectNode parameters = root.putObject("parameters");
    numbers(parameters.putArray("weights"), model.parameters().weights());
    parameters.put("bias", model.parameters().bias());
    TrainingProvenance p = model.provenance();
    ObjectNode prov = root.putObject("provenance");
    prov.put("dataSource", p.dataSource());
    prov.put("dataSha256", p.dataSha256());
    prov.put("rows", p.rows());
    prov.put("positives", p.positives());
    prov.put("seed", p.seed());
    prov.put("loss", p.loss());
    prov.put("objective", p.objective());
    prov.put("epochsRun", p.epochsRun());
    prov.put("bestEpoch", p.bestEpoch());
    if (Double.isNaN(p.validationValue())) {
      prov.putNull("validationValue");
    } else {
      prov.put("validationValue", p.validationValue());
    }
    prov.put("javaVersion", p.javaVersion());
    prov.put("osArch", p.osArch());
    prov.put("trainedAt", p.trainedAt().toString());
    ObjectNode multipliers = prov.putObject("multipliers");
    p.multipliers().forEach(multipliers::put);
    prov.put("stoppedBy", p.stoppedBy());
    try {
      return json.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values could not be written as JSON", e);
    }
  }

  /** Writes the model to a file (UTF-8), replacing it. */
  public static void write(TrainedModel model, Path file) throws IOException {
    Files.writeString(file, toJson(model), StandardCharsets.UTF_8);
  }

  /**
   * Reads a model file.
   *
   * @throws DataFormatException naming the file and the JSON pointer of the first bad field
   * @throws IOException if the file cannot be read
   */
  public static TrainedModel read(Path file) throws IOException, DataFormatException {
    return fromJson(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Parses model JSON.
   *
   * @param source names the text in error messages
   * @throws DataFormatException naming the source and the JSON pointer of the first bad field
   */
  public static TrainedModel fromJson(String source, String text) throws DataFormatException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      DataFormatException error = DataFormatException.ofSource(source,
          "is not valid JSON: " + e.getOriginalMessage());
      error.initCause(e);
      throw error;
    }
    Fields f = new Fields(source);
    String format = f.text(root, "/format");
    if (!format.equals(FORMAT)) {
      throw f.bad("/format", format, "is not a Setpoint model file (expected '" + FORMAT + "')");
    }
    long version = f.integer(root, "/version");
    if (version != VERSION) {
      throw f.bad("/version", Long.toString(version), "is not a supported model file version (this "
          + "Setpoint reads version " + VERSION + ")");
    }
    String type = f.text(root, "/architecture/type");
    if (!type.equals(LOGISTIC_REGRESSION)) {
      throw f.bad("/architecture/type", type, "is not a known architecture (known: "
          + LOGISTIC_REGRESSION + ")");
    }
    List<String> features = new ArrayList<>();
    JsonNode names = f.array(root, "/features");
    for (int j = 0; j < names.size(); j++) {
      features.add(f.text(root, "/features/" + j));
    }
    double[] means = f.numbers(root, "/standardization/means", features.size());
    double[] scales = f.numbers(root, "/standardization/scales", features.size());
    double[] weights = f.numbers(root, "/parameters/weights", features.size());
    double bias = f.number(root, "/parameters/bias");
    Instant trainedAt;
    String at = f.text(root, "/provenance/trainedAt");
    try {
      trainedAt = Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw f.bad("/provenance/trainedAt", at, "is not an ISO-8601 instant");
    }
    JsonNode validation = root.at("/provenance/validationValue");
    double validationValue = validation.isNull() ? Double.NaN : f.number(root,
        "/provenance/validationValue");
    Map<String, Double> multipliers = new LinkedHashMap<>();
    if (!root.at("/provenance/multipliers").isMissingNode()) {
      JsonNode node = f.object(root, "/provenance/multipliers");
      for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
        String name = keys.next();
        String escaped = name.replace("~", "~0").replace("/", "~1"); // RFC 6901
        multipliers.put(name, f.number(root, "/provenance/multipliers/" + escaped));
      }
    }
    String stoppedBy = root.at("/provenance/stoppedBy").isMissingNode() ? NOT_RECORDED
        : f.text(root, "/provenance/stoppedBy");
    try {
      TrainingProvenance provenance = new TrainingProvenance(
          f.text(root, "/provenance/dataSource"), f.text(root, "/provenance/dataSha256"),
          f.integer(root, "/provenance/rows"), f.integer(root, "/provenance/positives"),
          f.integer(root, "/provenance/seed"), f.text(root, "/provenance/loss"),
          f.text(root, "/provenance/objective"), (int) f.integer(root, "/provenance/epochsRun"),
          (int) f.integer(root, "/provenance/bestEpoch"), validationValue,
          f.text(root, "/provenance/javaVersion"), f.text(root, "/provenance/osArch"), trainedAt,
          multipliers, stoppedBy);
      return new TrainedModel(features, new Standardization(means, scales),
          new LogisticRegression(weights, bias), provenance);
    } catch (IllegalArgumentException e) {
      DataFormatException error = DataFormatException.ofSource(source, "is not a valid model: "
          + e.getMessage());
      error.initCause(e);
      throw error;
    }
  }

  private static void numbers(ArrayNode array, double[] values) {
    for (double v : values) {
      array.add(v);
    }
  }

  /** Typed access to fields by JSON pointer, each failure naming the pointer. */
  private record Fields(String source) {

    DataFormatException bad(String pointer, String value, String problem) {
      return new DataFormatException(source, "", pointer, value, problem);
    }

    JsonNode present(JsonNode root, String pointer) throws DataFormatException {
      JsonNode node = root.at(pointer);
      if (node.isMissingNode() || node.isNull()) {
        throw bad(pointer, "", "is missing");
      }
      return node;
    }

    String text(JsonNode root, String pointer) throws DataFormatException {
      JsonNode node = present(root, pointer);
      if (!node.isTextual()) {
        throw bad(pointer, node.toString(), "is not a string");
      }
      return node.textValue();
    }

    long integer(JsonNode root, String pointer) throws DataFormatException {
      JsonNode node = present(root, pointer);
      if (!node.isIntegralNumber() || !node.canConvertToLong()) {
        throw bad(pointer, node.toString(), "is not an integer");
      }
      return node.longValue();
    }

    double number(JsonNode root, String pointer) throws DataFormatException {
      JsonNode node = present(root, pointer);
      if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
        throw bad(pointer, node.toString(), "is not a finite number");
      }
      return node.doubleValue();
    }

    JsonNode object(JsonNode root, String pointer) throws DataFormatException {
      JsonNode node = present(root, pointer);
      if (!node.isObject()) {
        throw bad(pointer, node.toString(), "is not an object");
      }
      return node;
    }

    JsonNode array(JsonNode root, String pointer) throws DataFormatException {
      JsonNode node = present(root, pointer);
      if (!node.isArray()) {
        throw bad(pointer, node.toString(), "is not an array");
      }
      return node;
    }

    double[] numbers(JsonNode root, String pointer, int expected) throws DataFormatException {
      JsonNode node = array(root, pointer);
      if (node.size() != expected) {
        throw bad(pointer, "", "has " + node.size() + " numbers, expected one per feature ("
            + expected + ")");
      }
      double[] values = new double[expected];
      for (int j = 0; j < expected; j++) {
        values[j] = number(root, pointer + "/" + j);
      }
      return values;
    }
  }
}
