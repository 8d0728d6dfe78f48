package dev.setpoint.cli.labels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.cli.ExitCodes;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code setpoint labels import}: a file of labels to a running server, streamed. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Sends a file of labels to a running decision service (POST /v1/labels), streamed as it is "
          + "read: CSV with a header naming the decision id column (decisionId, decision_id or id) "
          + "and the label column (positive or label, with 1, 0, true or false), or JSON Lines of "
          + "{\"decisionId\": ..., \"positive\": true}. Labels are idempotent by decision id: "
          + "importing the same file again changes nothing.",
      "",
      "Prints what became of the labels: stored, unchanged (the same label was stored already), "
          + "conflicting (a different label is stored; the first one stands) and unknown decision "
          + "ids, with their lines. Exits 0 when every label is stored or unchanged, 3 otherwise; "
          + "a bad line stops the import there (the lines before it are stored) and is named.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  setpoint labels import labels.csv --server http://127.0.0.1:8080",
      "  setpoint labels import outcomes.jsonl --server https://setpoint.internal \\",
      "      --token-file /etc/setpoint/label-token"
    })
final class ImportCommand implements Callable<Integer> {

  /** The environment variable that may hold the token. */
  static final String TOKEN_VARIABLE = "SETPOINT_TOKEN";

  /** The file formats. */
  enum Format {
    CSV("text/csv"),
    JSONL("application/x-ndjson");

    private final String mediaType;

    Format(String mediaType) {
      this.mediaType = mediaType;
    }
  }

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The labels: .csv, or .jsonl / "
      + ".ndjson (JSON Lines).")
  private Path file;

  @Option(names = "--server", paramLabel = "URL", required = true,
      description = "The decision service, e.g. http://127.0.0.1:8080.")
  private String server;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "${COMPLETION-CANDIDATES} (default: from the file's extension).")
  private @Nullable Format format;

  @Option(names = "--token-file", paramLabel = "FILE",
      description = "A file holding the bearer token of a principal with the label role (default: "
          + "the environment variable " + TOKEN_VARIABLE + ", else none: a server without tokens).")
  private @Nullable Path tokenFile;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
      description = "The longest the whole import may take (default: ${DEFAULT-VALUE}).")
  private int timeoutSeconds;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), "FILE " + file + ": no such file");
    }
    Format f = format != null ? format : formatOf(file);
    URI uri = endpoint();
    if (timeoutSeconds < 1) {
      throw new ParameterException(spec.commandLine(), "--timeout must be >= 1 second, was "
          + timeoutSeconds);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(timeoutSeconds))
        .header("Content-Type", f.mediaType)
        .POST(HttpRequest.BodyPublishers.ofFile(file));
    token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> response;
    try {
      response = client.send(request.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (ConnectException e) {
      err.println("setpoint: error: cannot reach " + server + " (is setpoint serve running there?)");
      return ExitCodes.DATA_ERROR;
    } catch (java.net.http.HttpTimeoutException e) {
      err.println("setpoint: error: " + server + " did not finish within --timeout "
          + timeoutSeconds + " s; labels are idempotent, so run the import again to finish it");
      return ExitCodes.DATA_ERROR;
    }
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      body = JSON.createObjectNode();
    }
    if (response.statusCode() != 200) {
      String hint = response.statusCode() == 401 ? " (give the token with --token-file FILE or in "
          + "the environment variable " + TOKEN_VARIABLE + ")" : "";
      err.println("setpoint: error: " + file + ": " + (body.hasNonNull("detail")
          ? body.get("detail").asText() : "the server answered " + response.statusCode()) + hint);
      return ExitCodes.DATA_ERROR;
    }
    return summary(out, body);
  }

  private int summary(PrintWriter out, JsonNode body) {
    long conflict = body.path("conflict").asLong();
    long unknown = body.path("unknownDecision").asLong();
    out.printf(Locale.ROOT, "%s: %,d labels: %,d stored, %,d unchanged, %,d conflicting, %,d "
            + "unknown decision ids%n", file, body.path("labels").asLong(),
        body.path("stored").asLong(), body.path("duplicate").asLong(), conflict, unknown);
    for (JsonNode line : body.path("notStored")) {
      out.printf(Locale.ROOT, "  line %d: %s: %s%n", line.path("line").asLong(),
          line.path("decisionId").asText(), line.path("outcome").asText().equals("conflict")
              ? "conflicting (a different label is stored; the first one stands)"
              : "unknown decision id");
    }
    long more = body.path("notStoredUnlisted").asLong();
    if (more > 0) {
      out.printf(Locale.ROOT, "  and %,d more%n", more);
    }
    return conflict + unknown == 0 ? ExitCodes.OK : ExitCodes.DATA_ERROR;
  }

  private Format formatOf(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return Format.CSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Format.JSONL;
    }
    throw new ParameterException(spec.commandLine(), "FILE " + path + ": cannot tell its format "
        + "from the name; give --format csv or --format jsonl");
  }

  private URI endpoint() {
    try {
      URI base = new URI(server.strip());
      if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme()))
          || base.getHost() == null) {
        throw new URISyntaxException(server, "give http://host:port or https://host:port");
      }
      String path = base.getPath() == null ? "" : base.getPath().replaceAll("/+$", "");
      return base.resolve(path + "/v1/labels");
    } catch (URISyntaxException e) {
      throw new ParameterException(spec.commandLine(), "--server '" + server + "' is not a server "
          + "URL: " + e.getReason());
    }
  }

  private Optional<String> token() throws IOException {
    if (tokenFile != null) {
      String t = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
      if (t.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--token-file " + tokenFile + " is empty");
      }
      return Optional.of(t);
    }
    String t = System.getenv(TOKEN_VARIABLE);
    return t == null || t.isBlank() ? Optional.empty() : Optional.of(t.strip());
  }
}
