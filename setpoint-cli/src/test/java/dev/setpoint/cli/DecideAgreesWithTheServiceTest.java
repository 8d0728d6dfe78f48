package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.http.DecisionServer;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.PolicyEvent;
import dev.setpoint.server.store.Store;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code setpoint decide} on a file and the decision service on the same rows give the same action,
 * segment, band, route and missing attributes, row by row: a real service, started in-process with the
 * example policy, against the CLI's decisions.csv, on seeded random rows with values that match, that
 * do not, that are empty or not numbers, and on files that lack an attribute's column.
 */
class DecideAgreesWithTheServiceTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "policies", "card-fraud.yaml");
  private static final List<String> ATTRIBUTES = List.of("jurisdiction", "tier", "amount");

  @TempDir Path dir;

  private Store store;
  private DecisionServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void start() throws Exception {
    store = JdbcStore.sqlite(Files.createDirectories(dir.resolve("store")));
    Validation.Valid policy = (Validation.Valid) PolicyDocuments.parse(Files.readString(EXAMPLE),
        PolicyDocuments.Format.YAML, "card-fraud.yaml");
    store.putPolicy("card-fraud", PolicyDocuments.write(policy.policy(),
        PolicyDocuments.Format.JSON), policy.sha256(), "test", Optional.empty(),
        OptionalLong.empty());
    store.activate("card-fraud", 1, PolicyEvent.Kind.ACTIVATE, "test", "compare");
    server = DecisionServer.start(store, DecisionServer.Options.defaults());
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  /** Seeded rows: a score and, per attribute, text or null (absent); {@code columns} those present. */
  private static List<String[]> rows(long seed, int n, List<String> columns) {
    Random rnd = new Random(seed);
    String[][] values = {
        {"EU", "US", "CA", "DE", "", "eu"},
        {"premium", "standard", "", "Premium"},
        {"7000", "5000", "4999.99", "", "abc", "1e4", "-3"}};
    List<String[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String[] row = new String[1 + ATTRIBUTES.size()];
      row[0] = Double.toString(rnd.nextInt(5) == 0 ? List.of(0.0, 1.0, 0.7, 0.97, 0.3)
          .get(rnd.nextInt(5)) : rnd.nextDouble());
      for (int a = 0; a < ATTRIBUTES.size(); a++) {
        row[1 + a] = columns.contains(ATTRIBUTES.get(a))
            ? values[a][rnd.nextInt(values[a].length)] : null;
      }
      out.add(row);
    }
    return out;
  }

  /** The service's decisions for {@code rows}, as action|segment|band|route|missing. */
  private List<String> service(List<String[]> rows) throws Exception {
    ObjectNode body = json.createObjectNode().put("policy", "card-fraud");
    ArrayNode requests = body.putArray("requests");
    for (String[] row : rows) {
      ObjectNode request = requests.addObject().put("score", Double.parseDouble(row[0]));
      ObjectNode attributes = request.putObject("attributes");
      for (int a = 0; a < ATTRIBUTES.size(); a++) {
        if (row[1 + a] != null) {
          attributes.put(ATTRIBUTES.get(a), row[1 + a]);
        }
      }
    }
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + "/v1/decide/batch")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    for (JsonNode d : json.readTree(r.body()).get("decisions")) {
      List<String> missing = new ArrayList<>();
      d.get("missingAttributes").forEach(m -> missing.add(m.asText()));
      out.add(d.get("action").asText() + "|" + d.get("segment").asText() + "|"
          + d.get("band").asInt() + "|" + d.get("route").asText() + "|" + String.join(";", missing));
    }
    return out;
  }

  /** The CLI's decisions for {@code file}, as action|segment|band|route|missing. */
  private static List<String> cli(CliRun r, Path decisions) throws Exception {
    assertThat(r.code()).as(r.err()).isZero();
    List<String> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(decisions);
    // position,score,segment,band,action,queue,threshold,route,missing,label
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      out.add(f[4] + "|" + f[2] + "|" + f[3] + "|" + f[7] + "|" + f[8]);
    }
    return out;
  }

  @Test
  void decideRoutesEveryRowAsTheServiceDoesIncludingFilesThatLackAnAttributesColumn()
      throws Exception {
    List<List<String>> layouts = List.of(ATTRIBUTES, List.of("jurisdiction", "amount"),
        List.of("jurisdiction", "tier"), List.of());
    for (int l = 0; l < layouts.size(); l++) {
      List<String> columns = layouts.get(l);
      List<String[]> rows = rows(40 + l, 400, columns);
      StringBuilder csv = new StringBuilder("score");
      columns.forEach(c -> csv.append(',').append(c));
      csv.append('\n');
      for (String[] row : rows) {
        csv.append(row[0]);
        for (int a = 0; a < ATTRIBUTES.size(); a++) {
          if (row[1 + a] != null) {
            csv.append(',').append(row[1 + a]);
          }
        }
        csv.append('\n');
      }
      Path file = Files.writeString(dir.resolve("rows" + l + ".csv"), csv);
      Path decisions = dir.resolve("decisions" + l + ".csv");
      CliRun r = run("decide", file.toString(), "--policy", EXAMPLE.toString(), "-o",
          decisions.toString());
      assertThat(cli(r, decisions)).as(columns.toString()).containsExactlyElementsOf(service(rows));
      for (String attribute : ATTRIBUTES) {
        String note = "has no column '" + attribute + "': every row is missing attribute "
            + attribute;
        assertThat(r.err().split(java.util.regex.Pattern.quote(note), -1).length - 1)
            .as(r.err()).isEqualTo(columns.contains(attribute) ? 0 : 1);
      }
    }
  }

  @Test
  void jsonLinesNullsAndMissingKeysAreMissingAttributesAsInTheService() throws Exception {
    List<String[]> rows = rows(7, 300, ATTRIBUTES);
    Random rnd = new Random(8);
    StringBuilder jsonl = new StringBuilder();
    List<String[]> sent = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i);
      ObjectNode o = json.createObjectNode().put("score", Double.parseDouble(row[0]));
      String[] asSent = row.clone();
      for (int a = 0; a < ATTRIBUTES.size(); a++) {
        int form = i == 0 ? 0 : rnd.nextInt(4); // the first object names every column
        if (form == 1) {
          o.putNull(ATTRIBUTES.get(a));
          asSent[1 + a] = null;
        } else if (form == 2) {
          asSent[1 + a] = null; // key left out
        } else {
          o.put(ATTRIBUTES.get(a), row[1 + a]);
        }
      }
      jsonl.append(o).append('\n');
      sent.add(asSent);
    }
    Path file = Files.writeString(dir.resolve("rows.jsonl"), jsonl);
    Path decisions = dir.resolve("decisions.csv");
    CliRun r = run("decide", file.toString(), "--policy", EXAMPLE.toString(), "-o",
        decisions.toString());
    assertThat(cli(r, decisions)).containsExactlyElementsOf(service(sent));
    assertThat(r.err()).doesNotContain("has no column");
  }

  @Test
  void theNoteForAnAbsentColumnNamesTheColumnItIsLikelyMeantToBe() throws Exception {
    Path file = Files.writeString(dir.resolve("cased.csv"), "score,Jurisdiction,tier,amt\n"
        + "0.99,EU,premium,10\n");
    CliRun r = run("decide", file.toString(), "--policy", EXAMPLE.toString(), "--attribute",
        "amount=amnt");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("has no column 'jurisdiction' (did you mean 'Jurisdiction'? names "
        + "match exactly): every row is missing attribute jurisdiction")
        .contains("has no column 'amnt' (--attribute amount=amnt; did you mean 'amt'? names match "
            + "exactly): every row is missing attribute amount");
  }
}
