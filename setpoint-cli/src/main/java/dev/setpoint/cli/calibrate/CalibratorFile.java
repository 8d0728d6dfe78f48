package dev.setpoint.cli.calibrate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.calibrate.Calibration;
import dev.setpoint.calibrate.IsotonicCalibration;
import dev.setpoint.calibrate.PlattScaling;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.InputFiles;
import dev.setpoint.data.ParserMessages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Calibrator files: a fitted calibration map written by {@code setpoint calibrate -o} and applied by
 * {@code setpoint score --calibrator}. Versioned JSON written and read field by field, so the format is
 * exactly what this class says (docs/definitions.md#calibrator-files). Version 1:
 *
 * <pre>{@code
 * { "format": "setpoint-calibrator", "version": 1,
 *   "method": "isotonic",
 *   "knots": { "scores": [0.01, 0.2, ..], "probabilities": [0.0, 0.05, ..] },
 *   "data": { "source": "calibration.csv", "sha256": "..", "rows": 569, "positives": 212,
 *             "weighted": false },
 *   "fittedAt": "2026-12-07T21:30:00Z" }
 * }</pre>
 *
 * and for Platt scaling {@code "method": "platt", "parameters": { "a": -5.1, "b": 2.3 }} in place of
 * {@code knots}, meaning {@code p = 1 / (1 + exp(a·score + b))}.
 *
 * <p>Numbers are written in Java's shortest round-tripping decimal form, so a calibration read back is
 * bit-identical and gives bit-identical probabilities. Reading rejects another format or version, an
 * unknown method, a missing or mistyped field and knots that break the isotonic rules, naming the file
 * and the JSON pointer of the field.
 *
 * @param calibration the fitted map
 * @param data what it was fitted on
 * @param fittedAt when
 */
public record CalibratorFile(Calibration calibration, FitData data, Instant fittedAt) {

  /** The value of the {@code format} field. */
  public static final String FORMAT = "setpoint-calibrator";
  /** The version this code writes and reads. */
  public static final int VERSION = 1;

  /**
   * The data a calibration was fitted on.
   *
   * @param source the file as given on the command line
   * @param sha256 the file's SHA-256 (hex)
   * @param rows rows used
   * @param positives positive rows used
   * @param weighted whether a weight column was used
   */
  public record FitData(String source, String sha256, long rows, long positives, boolean weighted) {
    public FitData {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(sha256, "sha256");
    }
  }

  public CalibratorFile {
    Objects.requireNonNull(calibration, "calibration");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(fittedAt, "fittedAt");
  }

  /** The method's name as the file and the command line spell it: {@code isotonic} or {@code platt}. */
  public String method() {
    return calibration instanceof PlattScaling ? "platt" : "isotonic";
  }

  /** Writes the file, replacing one that exists. */
  public void write(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", VERSION);
    root.put("method", method());
    if (calibration instanceof PlattScaling p) {
      root.putObject("parameters").put("a", p.a()).put("b", p.b());
    } else {
      IsotonicCalibration iso = (IsotonicCalibration) calibration;
      ObjectNode knots = root.putObject("knots");
      ArrayNode scores = knots.putArray("scores");
      for (double x : iso.knotScores()) {
        scores.add(x);
      }
      ArrayNode probabilities = knots.putArray("probabilities");
      for (double y : iso.knotProbabilities()) {
        probabilities.add(y);
      }
    }
    root.putObject("data").put("source", data.source()).put("sha256", data.sha256())
        .put("rows", data.rows()).put("positives", data.positives())
        .put("weighted", data.weighted());
    root.put("fittedAt", fittedAt.toString());
    Files.writeString(file, mapper.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * Reads a calibrator file.
   *
   * @throws DataFormatException naming the file and the JSON pointer of the first bad field
   * @throws IOException if the file cannot be read
   */
  public static CalibratorFile read(Path file) throws IOException, DataFormatException {
    InputFiles.requireFile(file, "a calibrator file");
    String source = file.toString();
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      DataFormatException error = DataFormatException.ofSource(source, "is not valid JSON: "
          + ParserMessages.withoutSourcePlaceholder(e.getOriginalMessage()));
      error.initCause(e);
      throw error;
    } catch (java.nio.charset.MalformedInputException e) {
      DataFormatException error = DataFormatException.ofSource(source,
          "is not a calibrator file: not UTF-8 text");
      error.initCause(e);
      throw error;
    }
    if (root == null || !root.isObject()) {
      throw DataFormatException.ofSource(source, "is not a calibrator file: expected a JSON object"
          + " with \"format\": \"" + FORMAT + "\" (write one with 'setpoint calibrate FILE -o "
          + "calibrator.json')");
    }
    Reader r = new Reader(source, root);
    String format = r.text("/format");
    if (!format.equals(FORMAT)) {
      throw r.bad("/format", format, "is not a Setpoint calibrator file (expected '" + FORMAT
          + "'; write one with 'setpoint calibrate FILE -o calibrator.json')");
    }
    long version = r.integer("/version");
    if (version != VERSION) {
      throw r.bad("/version", Long.toString(version), "is not a supported calibrator file version "
          + "(this Setpoint reads version " + VERSION + ")");
    }
    String method = r.text("/method");
    Calibration calibration;
    try {
      calibration = switch (method) {
        case "platt" -> new PlattScaling(r.number("/parameters/a"), r.number("/parameters/b"));
        case "isotonic" -> IsotonicCalibration.of(r.numbers("/knots/scores"),
            r.numbers("/knots/probabilities"));
        default -> throw r.bad("/method", method, "is not a calibration method (expected isotonic "
            + "or platt)");
      };
    } catch (IllegalArgumentException e) {
      throw r.bad(method.equals("platt") ? "/parameters" : "/knots", "", String.valueOf(e.getMessage()));
    }
    FitData data = new FitData(r.text("/data/source"), r.text("/data/sha256"),
        r.integer("/data/rows"), r.integer("/data/positives"), r.bool("/data/weighted"));
    String at = r.text("/fittedAt");
    Instant fittedAt;
    try {
      fittedAt = Instant.parse(at);
    } catch (java.time.DateTimeException e) {
      throw r.bad("/fittedAt", at, "is not an ISO-8601 instant");
    }
    return new CalibratorFile(calibration, data, fittedAt);
  }

  /** Field access that names the JSON pointer of what is missing or mistyped. */
  private record Reader(String source, JsonNode root) {

    DataFormatException bad(String pointer, String value, String problem) {
      return new DataFormatException(source, pointer, "", value, problem);
    }

    /** The node at {@code pointer}, present and of the {@code expected} kind that {@code is} tests. */
    private JsonNode node(String pointer, String expected, Predicate<JsonNode> is)
        throws DataFormatException {
      JsonNode n = root.at(pointer);
      if (n.isMissingNode() || n.isNull()) {
        throw bad(pointer, "", "is missing: expected " + expected);
      }
      if (!is.test(n)) {
        throw bad(pointer, n.toString(), "is not " + expected);
      }
      return n;
    }

    String text(String pointer) throws DataFormatException {
      return node(pointer, "a string", JsonNode::isTextual).asText();
    }

    long integer(String pointer) throws DataFormatException {
      return node(pointer, "a whole number", n -> n.isIntegralNumber() && n.canConvertToLong())
          .asLong();
    }

    boolean bool(String pointer) throws DataFormatException {
      return node(pointer, "true or false", JsonNode::isBoolean).asBoolean();
    }

    double number(String pointer) throws DataFormatException {
      return node(pointer, "a number", JsonNode::isNumber).asDouble();
    }

    double[] numbers(String pointer) throws DataFormatException {
      JsonNode n = node(pointer, "an array of numbers", JsonNode::isArray);
      double[] values = new double[n.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = number(pointer + "/" + i);
      }
      return values;
    }
  }
}
