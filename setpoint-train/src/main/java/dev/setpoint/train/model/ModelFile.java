package dev.setpoint.train.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.InputFiles;
import dev.setpoint.data.ParserMessages;
import dev.setpoint.train.data.SplitFractions;
import dev.setpoint.train.data.Standardization;
import dev.setpoint.train.model.Model.LogisticRegression;
import dev.setpoint.train.model.Model.MultilayerPerceptron;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model files: versioned JSON written and read field by field (no reflection), so the format is exactly
 * what this class says. This code writes version 2:
 *
 * <pre>{@code
 * { "format": "setpoint-model", "version": 2,
 *   "architecture": { "type": "logistic-regression" },
 *   "features": ["a", "b"],
 *   "standardization": { "means": [..], "scales": [..] },
 *   "parameters": { "weights": [..], "bias": 0.1 },
 *   "provenance": { "dataSource": .., "dataSha256": .., "rows": .., "positives": .., "seed": ..,
 *                   "loss": "bce", "objective": "recall@precision>=0.95", "epochsRun": .., "bestEpoch": ..,
 *                   "validationValue": 0.83, "javaVersion": .., "osArch": .., "trainedAt": "…Z",
 *                   "multipliers": { "lambda": 1.37 }, "stoppedBy": "early stop: …",
 *                   "threads": 2,
 *                   "split": { "train": 0.75, "validation": 0, "calibration": 0.25 },
 *                   "validationData": { "source": "v.csv", "sha256": .., "rows": .., "positives": .. } } }
 * }</pre>
 *
 * ({@code calibrationData} likewise when the calibration rows came from a file of their own.)
 *
 * and for a multilayer perceptron (layer sizes from the input to the one output unit; per weight layer,
 * one array of input weights per unit, then the units' biases):
 *
 * <pre>{@code
 *   "architecture": { "type": "mlp", "activation": "relu", "layers": [2, 32, 16, 1] },
 *   "parameters": { "layers": [ { "weights": [[w, w], … 32 rows], "biases": [b, … 32] },
 *                               { "weights": [[…32…], … 16 rows], "biases": [… 16] },
 *                               { "weights": [[…16…]], "biases": [b] } ] }
 * }</pre>
 *
 * <p>Reading rules for old files: version 1 (written by the single-threaded trainer) has only
 * logistic regression and no {@code threads}; it reads as threads 1. Version 2 requires
 * {@code threads}. Any other version is refused. {@code multipliers} and {@code stoppedBy} came after
 * the first files of version 1 were written (and the first files of version 2 were written without
 * them), so reading accepts their absence in either version (no multipliers; stopped by "not
 * recorded") but not a mistyped value; likewise {@code split} (absent: not recorded) and {@code
 * validationData} / {@code calibrationData} (absent: the set was cut from the data file), which came
 * later in version 2.
 *
 * <p>Numbers are written with Java's shortest round-tripping decimal form, so a model read back has
 * bit-identical parameters and gives bit-identical scores. An undefined validation value (no feasible
 * epoch) is {@code null}. Reading rejects any other format or version, a missing or mistyped field, a
 * shape that does not match the architecture and a non-finite number, naming the JSON pointer of the
 * field.
 *
 * <p>Other packages read and write it through {@link TrainedModel#read} and {@link
 * TrainedModel#toJson}.
 */
final class ModelFile {

  /** The value of the {@code format} field. */
  static final String FORMAT = "setpoint-model";
  /** The version this code writes; it reads this one and version 1. */
  static final int VERSION = 2;
  private static final String LOGISTIC_REGRESSION = "logistic-regression";
  private static final String MLP = "mlp";
  private static final String RELU = "relu";
  /** {@code stoppedBy} of a file written before it was recorded. */
  static final String NOT_RECORDED = "not recorded";

  private ModelFile() {}

  /** The model as JSON text (pretty-printed, ending in a newline). */
  static String toJson(TrainedModel model) {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    ObjectNode architecture = root.putObject("architecture");
    ObjectNode parameters = json.createObjectNode();
    // Java 17 has no pattern switch; Model is sealed, so these two branches are every case.
    if (model.parameters() instanceof LogisticRegression lr) {
      architecture.put("type", LOGISTIC_REGRESSION);
      numbers(parameters.putArray("weights"), lr.weights());
      parameters.put("bias", lr.bias());
    } else {
      writePerceptron((MultilayerPerceptron) model.parameters(), architecture, parameters);
    }
    ArrayNode features = root.putArray("features");
    model.featureNames().forEach(features::add);
    ObjectNode std = root.putObject("standardization");
    numbers(std.putArray("means"), model.standardization().means());
    numbers(std.putArray("scales"), model.standardization().scales());
    root.set("parameters", parameters);
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
    prov.put("threads", p.threads());
    p.split().ifPresent(f -> {
      ObjectNode split = prov.putObject("split");
      split.put("train", f.train());
      split.put("validation", f.validation());
      split.put("calibration", f.calibration());
    });
    p.validationData().ifPresent(d -> writeDataFile(prov.putObject("validationData"), d));
    p.calibrationData().ifPresent(d -> writeDataFile(prov.putObject("calibrationData"), d));
    try {
      return json.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values could not be written as JSON", e);
    }
  }

  private static void writeDataFile(ObjectNode node, TrainingProvenance.DataFile d) {
    node.put("source", d.source());
    node.put("sha256", d.sha256());
    node.put("rows", d.rows());
    node.put("positives", d.positives());
  }

  /** Writes the model to a file (UTF-8), replacing it. */
  static void write(TrainedModel model, Path file) throws IOException {
    Files.writeString(file, toJson(model), StandardCharsets.UTF_8);
  }

  /**
   * Reads a model file.
   *
   * @throws DataFormatException naming the file and the JSON pointer of the first bad field
   * @throws IOException if the file cannot be read
   */
  static TrainedModel read(Path file) throws IOException, DataFormatException {
    InputFiles.requireFile(file, "a model file");
    return fromJson(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Parses model JSON.
   *
   * @param source names the text in error messages
   * @throws DataFormatException naming the source and the JSON pointer of the first bad field
   */
  static TrainedModel fromJson(String source, String text) throws DataFormatException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(text);
    } catch (JsonProcessingException e) {
      DataFormatException error = DataFormatException.ofSource(source,
          "is not valid JSON: " + ParserMessages.withoutSourcePlaceholder(e.getOriginalMessage()));
      error.initCause(e);
      throw error;
    }
    Fields f = new Fields(source);
    String format = f.text(root, "/format");
    if (!format.equals(FORMAT)) {
      throw f.bad("/format", format, "is not a Setpoint model file (expected '" + FORMAT + "')");
    }
    long version = f.integer(root, "/version");
    if (version != 1 && version != VERSION) {
      throw f.bad("/version", Long.toString(version), "is not a supported model file version (this "
          + "Setpoint reads versions 1 and " + VERSION + ")");
    }
    String type = f.text(root, "/architecture/type");
    boolean known = type.equals(LOGISTIC_REGRESSION) || (version >= 2 && type.equals(MLP));
    if (!known) {
      throw f.bad("/architecture/type", type, "is not a known architecture in version " + version
          + " (known: " + (version == 1 ? LOGISTIC_REGRESSION : LOGISTIC_REGRESSION + ", " + MLP)
          + ")");
    }
    List<String> features = new ArrayList<>();
    JsonNode names = f.array(root, "/features");
    for (int j = 0; j < names.size(); j++) {
      features.add(f.text(root, "/features/" + j));
    }
    int d = features.size();
    double[] means = f.numbers(root, "/standardization/means", d, "one per feature");
    double[] scales = f.numbers(root, "/standardization/scales", d, "one per feature");
    // Version 1 was written only by the trainers before threads existed, which ran on one thread.
    int threads = version == 1 ? 1 : (int) f.integer(root, "/provenance/threads");
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
      Optional<SplitFractions> split = root.at("/provenance/split").isMissingNode()
          ? Optional.empty()
          : Optional.of(new SplitFractions(f.number(root, "/provenance/split/train"),
              f.number(root, "/provenance/split/validation"),
              f.number(root, "/provenance/split/calibration")));
      TrainingProvenance provenance = new TrainingProvenance(
          f.text(root, "/provenance/dataSource"), f.text(root, "/provenance/dataSha256"),
          f.integer(root, "/provenance/rows"), f.integer(root, "/provenance/positives"),
          f.integer(root, "/provenance/seed"), f.text(root, "/provenance/loss"),
          f.text(root, "/provenance/objective"), (int) f.integer(root, "/provenance/epochsRun"),
          (int) f.integer(root, "/provenance/bestEpoch"), validationValue,
          f.text(root, "/provenance/javaVersion"), f.text(root, "/provenance/osArch"), trainedAt,
          multipliers, stoppedBy, threads, split, dataFile(f, root, "/provenance/validationData"),
          dataFile(f, root, "/provenance/calibrationData"));
      Model parameters = type.equals(MLP) ? perceptron(f, root, d)
          : new LogisticRegression(f.numbers(root, "/parameters/weights", d, "one per feature"),
              f.number(root, "/parameters/bias"));
      return new TrainedModel(features, new Standardization(means, scales), parameters, provenance);
    } catch (IllegalArgumentException e) {
      DataFormatException error = DataFormatException.ofSource(source, "is not a valid model: "
          + e.getMessage());
      error.initCause(e);
      throw error;
    }
  }

  /** A recorded data file, or empty when the field is absent (the set was cut from the data file). */
  private static Optional<TrainingProvenance.DataFile> dataFile(Fields f, JsonNode root,
      String pointer) throws DataFormatException {
    if (root.at(pointer).isMissingNode()) {
      return Optional.empty();
    }
    f.object(root, pointer);
    return Optional.of(new TrainingProvenance.DataFile(f.text(root, pointer + "/source"),
        f.text(root, pointer + "/sha256"), f.integer(root, pointer + "/rows"),
        f.integer(root, pointer + "/positives")));
  }

  private static void writePerceptron(MultilayerPerceptron mlp, ObjectNode architecture,
      ObjectNode parameters) {
    architecture.put("type", MLP);
    architecture.put("activation", RELU);
    DenseNetwork network = new DenseNetwork(mlp.features(), mlp.hidden());
    ArrayNode sizes = architecture.putArray("layers");
    ArrayNode layers = parameters.putArray("layers");
    double[] theta = mlp.parameters();
    sizes.add(network.features());
    for (int l = 0; l < network.layers(); l++) {
      int inputs = network.inputs(l);
      int units = network.units(l);
      sizes.add(units);
      ObjectNode layer = layers.addObject();
      ArrayNode weights = layer.putArray("weights");
      for (int u = 0; u < units; u++) {
        int from = network.weightOffset(l) + u * inputs;
        numbers(weights.addArray(), Arrays.copyOfRange(theta, from, from + inputs));
      }
      int biases = network.biasOffset(l);
      numbers(layer.putArray("biases"), Arrays.copyOfRange(theta, biases, biases + units));
    }
  }

  /** A perceptron's layers, each checked against the shape its architecture declares. */
  private static MultilayerPerceptron perceptron(Fields f, JsonNode root, int features)
      throws DataFormatException {
    String activation = f.text(root, "/architecture/activation");
    if (!activation.equals(RELU)) {
      throw f.bad("/architecture/activation", activation, "is not a known activation (known: "
          + RELU + ")");
    }
    JsonNode sizes = f.array(root, "/architecture/layers");
    if (sizes.size() < 3) {
      throw f.bad("/architecture/layers", sizes.toString(), "must list the inputs, at least one hidden "
          + "layer and the output");
    }
    int[] size = new int[sizes.size()];
    for (int l = 0; l < size.length; l++) {
      String pointer = "/architecture/layers/" + l;
      long value = f.integer(root, pointer);
      if (value < 1 || value > Integer.MAX_VALUE) {
        throw f.bad(pointer, Long.toString(value), "is not a layer size (at least 1)");
      }
      size[l] = (int) value;
    }
    if (size[0] != features) {
      throw f.bad("/architecture/layers/0", Integer.toString(size[0]), "must equal the number of "
          + "features (" + features + ")");
    }
    if (size[size.length - 1] != 1) {
      throw f.bad("/architecture/layers/" + (size.length - 1), Integer.toString(size[size.length - 1]),
          "must be 1 (one output unit, the logit)");
    }
    List<Integer> hidden = new ArrayList<>();
    for (int l = 1; l < size.length - 1; l++) {
      hidden.add(size[l]);
    }
    DenseNetwork network = new DenseNetwork(features, hidden);
    double[] theta = new double[network.parameterCount()];
    JsonNode layers = f.array(root, "/parameters/layers");
    if (layers.size() != network.layers()) {
      throw f.bad("/parameters/layers", "", "has " + layers.size() + " layers, expected "
          + network.layers() + " (one per architecture layer after the inputs)");
    }
    for (int l = 0; l < network.layers(); l++) {
      String layer = "/parameters/layers/" + l;
      int units = network.units(l);
      int inputs = network.inputs(l);
      JsonNode weights = f.array(root, layer + "/weights");
      if (weights.size() != units) {
        throw f.bad(layer + "/weights", "", "has " + weights.size() + " rows, expected one per unit ("
            + units + ")");
      }
      for (int u = 0; u < units; u++) {
        double[] row = f.numbers(root, layer + "/weights/" + u, inputs, "one per input of the layer");
        System.arraycopy(row, 0, theta, network.weightOffset(l) + u * inputs, inputs);
      }
      double[] biases = f.numbers(root, layer + "/biases", units, "one per unit");
      System.arraycopy(biases, 0, theta, network.biasOffset(l), units);
    }
    return new MultilayerPerceptron(features, hidden, theta);
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

    double[] numbers(JsonNode root, String pointer, int expected, String rule)
        throws DataFormatException {
      JsonNode node = array(root, pointer);
      if (node.size() != expected) {
        throw bad(pointer, "", "has " + node.size() + " numbers, expected " + rule + " ("
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
