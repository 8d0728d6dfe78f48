package dev.setpoint.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.setpoint.data.BinaryContent;
import dev.setpoint.data.InputFiles;
import dev.setpoint.data.ParserMessages;
import dev.setpoint.data.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads, validates and writes policy documents in JSON or YAML.
 *
 * <p>Reading never throws for a bad document: every problem comes back in a {@link Validation.Invalid}
 * with a JSON pointer, a line and column, and a plain sentence. The checks run in order: syntax, the
 * published JSON Schema ({@link #schema()}), then the rules across fields ({@code
 * docs/policy.md#validation}); each stage runs only when the previous one passed, so a reader is never
 * told about the consequences of an error before the error itself.
 */
public final class PolicyDocuments {

  /** Document formats. */
  public enum Format {
    JSON,
    YAML;

    /** The format a file name implies: {@code .json} is JSON, anything else YAML (JSON is YAML too). */
    public static Format of(Path file) {
      String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
      return name.endsWith(".json") ? JSON : YAML;
    }
  }

  /** Whether the file name says it is a policy document: {@code .yaml}, {@code .yml} or {@code .json}. */
  public static boolean isDocumentName(Path file) {
    Path name = file.getFileName();
    String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
  }

  private static final SchemaCheck SCHEMA = SchemaCheck.load();
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .build();
  private static final ObjectMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
          .build())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** YAML's {@code .nan} and {@code .inf}, which the YAML parser refuses as numbers. */
  private static final Pattern NON_FINITE =
      Pattern.compile("Malformed numeric value '([+-]?\\.(?:nan|NaN|NAN|inf|Inf|INF))'");

  private PolicyDocuments() {}

  /** The JSON Schema of the document format, as published in this jar. */
  public static String schema() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(SchemaCheck.RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and validates a policy file; the format follows the file name ({@link Format#of}).
   *
   * @throws IOException if the file cannot be read (a bad document is not an exception)
   */
  public static Validation read(Path file) throws IOException {
    InputFiles.requireFile(file, "a policy document");
    byte[] bytes = Files.readAllBytes(file);
    Optional<String> binary = BinaryContent.of(bytes, Math.min(bytes.length, BinaryContent.HEAD));
    if (binary.isPresent()) {
      return new Validation.Invalid(file.toString(), List.of(Problem.at("", "is not a text file: "
          + "it is " + binary.get() + "; a policy is a YAML (.yaml, .yml) or JSON (.json) text "
          + "document")), List.of());
    }
    return parse(new String(bytes, StandardCharsets.UTF_8), Format.of(file), file.toString());
  }

  /**
   * Validates a document's text.
   *
   * @param text the document
   * @param format its format
   * @param source its name, for messages
   */
  public static Validation parse(String text, Format format, String source) {
    ObjectMapper mapper = format == Format.JSON ? JSON : YAML;
    JsonNode root;
    try {
      root = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      Optional<Problem.Position> at = e.getLocation() == null || e.getLocation().getLineNr() < 1
          ? Optional.empty()
          : Optional.of(new Problem.Position(e.getLocation().getLineNr(), e.getLocation().getColumnNr()));
      String pointer = at.map(TextPositions.scan(mapper.getFactory(), text)::pointerAt).orElse("");
      Matcher special = NON_FINITE.matcher(String.valueOf(e.getOriginalMessage()));
      String message = special.find() ? "must be a finite number, was " + special.group(1)
          : format == Format.JSON && isYaml(text) ? "not valid JSON: the document is YAML (name "
              + "the file .yaml or .yml)"
          : "not valid " + format.name() + ": "
              + ParserMessages.oneLine(e.getOriginalMessage());
      return new Validation.Invalid(source, List.of(new Problem(pointer, message, at)), List.of());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new Validation.Invalid(source, List.of(Problem.at("", "the document is empty")),
          List.of());
    }
    return validate(root, TextPositions.scan(mapper.getFactory(), text), Sha256.hex(text), source);
  }

  /** Whether {@code text} is a YAML mapping: a policy in a file named .json by mistake. */
  private static boolean isYaml(String text) {
    try {
      return YAML.readTree(text) instanceof com.fasterxml.jackson.databind.node.ObjectNode;
    } catch (JsonProcessingException notYamlEither) {
      return false;
    }
  }

  /** Validates a policy built in memory: the rules across fields, and the schema of its document. */
  public static Validation validate(Policy policy) {
    JsonNode tree = TreeBinding.write(policy);
    return validate(tree, TextPositions.none(), Sha256.hex(toJson(tree)), policy.name());
  }

  private static Validation validate(JsonNode root, TextPositions positions, String sha256,
      String source) {
    List<Problem> schemaErrors = SCHEMA.check(root);
    if (!schemaErrors.isEmpty()) {
      return new Validation.Invalid(source, placed(schemaErrors, positions), List.of());
    }
    PolicyRules rules = new PolicyRules();
    rules.checkTree(root);
    Policy policy;
    try {
      policy = TreeBinding.read(root);
    } catch (IllegalArgumentException e) {
      // The schema admits nothing the records refuse; if it ever did, say so rather than throw.
      List<Problem> errors = new ArrayList<>(rules.errors());
      errors.add(Problem.at("", "cannot read the policy: " + e.getMessage()));
      return new Validation.Invalid(source, placed(errors, positions), List.of());
    }
    rules.check(policy);
    List<Problem> warnings = placed(rules.warnings(), positions);
    if (!rules.errors().isEmpty()) {
      return new Validation.Invalid(source, placed(rules.errors(), positions), warnings);
    }
    return new Validation.Valid(source, policy, sha256, warnings);
  }

  private static List<Problem> placed(List<Problem> problems, TextPositions positions) {
    List<Problem> out = new ArrayList<>();
    for (Problem p : problems) {
      out.add(p.position().isPresent() ? p : p.placed(positions.of(p.pointer())));
    }
    out.sort(Comparator.comparing((Problem p) -> p.position().map(Problem.Position::line)
        .orElse(Integer.MAX_VALUE)).thenComparing(Problem::pointer));
    return List.copyOf(out);
  }

  /** The policy as a document in {@code format}. */
  public static String write(Policy policy, Format format) {
    try {
      return (format == Format.JSON ? JSON : YAML).writeValueAsString(TreeBinding.write(policy))
          + (format == Format.JSON ? "\n" : "");
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a policy tree", e);
    }
  }

  /** Writes the policy to a file, in the format its name implies. */
  public static void write(Policy policy, Path file) throws IOException {
    Files.writeString(file, write(policy, Format.of(file)), StandardCharsets.UTF_8);
  }

  /** The policy as a JSON tree, as the decision service stores and returns it. */
  public static JsonNode toTree(Policy policy) {
    return TreeBinding.write(policy);
  }

  /** Validates a JSON tree, as the decision service receives it. */
  public static Validation validate(JsonNode document, String source) {
    return validate(document, TextPositions.none(), Sha256.hex(toJson(document)), source);
  }

  private static String toJson(JsonNode tree) {
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }
}
