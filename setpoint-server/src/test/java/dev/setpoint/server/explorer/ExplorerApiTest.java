package dev.setpoint.server.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.calibrate.BinStrategy;
import dev.setpoint.calibrate.ReliabilityTable;
import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.CurveBuilder;
import dev.setpoint.read.ReadOptions;
import dev.setpoint.read.ScoreFiles;
import dev.setpoint.server.http.DecisionServer;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Store;
import dev.setpoint.stats.Interval;
import dev.setpoint.stats.IntervalMethod;
import dev.setpoint.stats.Intervals;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The explorer's endpoints over HTTP: golden values from the README (computed by {@code setpoint
 * evaluate}/{@code choose} on the bundled examples), agreement with the core engine at every point the
 * page gets, and bad input answered with 4xx problems, never 5xx.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerApiTest {

  private static final Path LENDING = Path.of("../examples/lending_club_bad_hgb_oof.csv");
  private static final Path CANCER = Path.of("../examples/breast_cancer_logreg_oof.csv");

  private Path dir;
  private Store store;
  private DecisionServer server;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  record Reply(int status, String contentType, JsonNode body, HttpResponse<String> raw) {}

  @BeforeAll
  void start() throws Exception {
    dir = Files.createTempDirectory("explorer-api-test");
    store = JdbcStore.sqlite(dir);
    server = DecisionServer.start(store, DecisionServer.Options.defaults(),
        new Explorer.Limits(6, 60_000, 1_000_000, 6, 60_000,
            java.time.Duration.ofHours(1)));
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    store.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private Reply send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode parsed = r.headers().firstValue("Content-Type").orElse("").contains("json")
        ? json.readTree(r.body()) : null;
    return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), parsed, r);
  }

  private Reply get(String path) throws Exception {
    return send("GET", path, null);
  }

  private String load(String example) throws Exception {
    Reply r = send("POST", "/v1/explorer/examples/" + example, null);
    assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
    return r.body().get("id").asText();
  }

  private static String q(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static Curve coreCurve(Path file) throws Exception {
    CurveBuilder builder = Curve.builder();
    ScoreFiles.read(file, ReadOptions.defaults(), (s, p, w, seg) -> builder.add(s, p, w));
    return builder.build();
  }

  private static double threshold(JsonNode n) {
    return n.isTextual() ? Double.parseDouble(n.asText()) : n.asDouble();
  }

  private static void assertProblem(Reply r, int status) {
    assertThat(r.status()).as(r.raw().body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body().get("status").asInt()).isEqualTo(status);
    assertThat(r.body().get("detail").asText()).isNotBlank();
  }

  @Test
  void examplesAreListedAndTheSameFileLoadsToTheSameDataSet() throws Exception {
    Reply list = get("/v1/explorer/examples");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body().get("examples")).extracting(e -> e.get("name").asText())
        .containsExactly("breast-cancer", "lending-club", "lending-club-segments");
    Reply first = send("POST", "/v1/explorer/examples/lending-club", null);
    Reply second = send("POST", "/v1/explorer/examples/lending-club", null);
    assertThat(first.body().get("id").asText()).isEqualTo(second.body().get("id").asText());
    assertThat(first.body().get("rowsUsed").asLong()).isEqualTo(9857);
    assertThat(first.body().get("positives").asLong()).isEqualTo(517);
    assertThat(first.body().get("sha256").asText()).isEqualTo(sha256(LENDING));
  }

  @Test
  void everyKeptPointCarriesTheCoresExactCountsAndSkippedPointsAreWithinTheResolution()
      throws Exception {
    String id = load("lending-club");
    Curve core = coreCurve(LENDING);
    double eps = 0.002;
    JsonNode r = get("/v1/explorer/datasets/" + id + "/curve?resolution=" + eps).body();
    JsonNode c = r.get("curve");
    int n = c.get("threshold").size();
    assertThat(n).isLessThan(core.size()).isGreaterThan(100);
    assertThat(c.get("threshold").get(0).asText()).isEqualTo("+Infinity");
    assertThat(c.get("tp").get(0).asLong()).isZero();
    int previous = -1;
    for (int j = 1; j < n; j++) {
      double t = threshold(c.get("threshold").get(j));
      int i = core.indexAt(t);
      assertThat(core.threshold(i)).isEqualTo(t);
      assertThat(c.get("tp").get(j).asDouble()).isEqualTo(core.truePositives(i));
      assertThat(c.get("fp").get(j).asDouble()).isEqualTo(core.falsePositives(i));
      assertThat(c.get("tiedPositives").get(j).asDouble() + c.get("tiedNegatives").get(j).asDouble())
          .isEqualTo(core.confusion(i).flagged() - (i == 0 ? 0 : core.confusion(i - 1).flagged()));
      // Points skipped between two kept ones differ from the earlier kept one by at most ε.
      for (int skipped = previous + 1; skipped < i && previous >= 0; skipped++) {
        Confusion a = core.confusion(previous);
        Confusion b = core.confusion(skipped);
        assertThat(Math.abs(a.recall() - b.recall())).isLessThanOrEqualTo(eps);
        assertThat(Math.abs(a.precision() - b.precision())).isLessThanOrEqualTo(eps);
        assertThat(Math.abs(a.falsePositiveRate() - b.falsePositiveRate())).isLessThanOrEqualTo(eps);
        assertThat(Math.abs(a.flagRate() - b.flagRate())).isLessThanOrEqualTo(eps);
      }
      previous = i;
    }
    assertThat(previous).isEqualTo(core.size() - 1);
    assertThat(r.get("averagePrecision").asDouble()).isEqualTo(core.averagePrecision());
    assertThat(r.get("rocAuc").asDouble()).isEqualTo(core.rocAuc());
  }

  @Test
  void markersAreTheReadmeChoicesAndTheirThresholdsAreKept() throws Exception {
    String cancer = load("breast-cancer");
    JsonNode r = get("/v1/explorer/datasets/" + cancer + "/curve?objective="
        + q("recall@precision>=0.95") + "&objective=" + q("cost:fn=10,fp=1")
        + "&resolution=0.05").body();
    JsonNode markers = r.get("markers");
    // README: `setpoint choose examples/breast_cancer_logreg_oof.csv -O … -O …`
    assertThat(markers.get(0).get("objective").asText()).isEqualTo("recall@precision>=0.95");
    assertThat(markers.get(0).get("threshold").asDouble()).isEqualTo(0.3975137869093911);
    assertThat(markers.get(0).get("lowestTiedThreshold").asDouble()).isEqualTo(0.35422425083290243);
    assertThat(markers.get(0).get("tp").asLong()).isEqualTo(205);
    assertThat(markers.get(0).get("fp").asLong()).isEqualTo(8);
    assertThat(markers.get(1).get("threshold").asDouble()).isEqualTo(0.21557013913221798);
    assertThat(markers.get(1).get("value").asLong()).isEqualTo(57);
    List<Double> kept = new ArrayList<>();
    r.get("curve").get("threshold").forEach(t -> kept.add(threshold(t)));
    assertThat(kept).contains(0.3975137869093911, 0.21557013913221798);

    String lending = load("lending-club");
    JsonNode f1 = get("/v1/explorer/datasets/" + lending + "/curve?objective=f1&objective="
        + q("recall@precision>=0.5")).body().get("markers");
    // README: best F1 0.1916 at threshold 0.08829055881917662.
    assertThat(f1.get(0).get("threshold").asDouble()).isEqualTo(0.08829055881917662);
    assertThat(f1.get(0).get("value").asDouble()).isCloseTo(0.1916, within(5e-5));
    assertThat(f1.get(1).get("feasible").asBoolean()).isFalse();
    assertThat(f1.get(1).get("reason").asText()).startsWith("no threshold reaches precision 0.5; "
        + "the highest precision is");
    assertThat(f1.get(1).get("nearest").get("threshold").isNumber()).isTrue();
  }

  @Test
  void theGuaranteedPointIsCertifiedOnTheCalibrationHalf() throws Exception {
    String cancer = load("breast-cancer");
    JsonNode m = get("/v1/explorer/datasets/" + cancer + "/curve?guarantee=0.9&delta=0.05")
        .body().get("markers").get(0);
    assertThat(m.get("objective").asText()).isEqualTo("guaranteed precision>=0.9 at delta=0.05");
    assertThat(m.get("split").asText()).contains("validation half").contains("calibration half");
    if (m.get("feasible").asBoolean()) {
      assertThat(m.get("calibration").get("precisionLowerBound").asDouble())
          .isGreaterThanOrEqualTo(0.9);
    } else {
      assertThat(m.get("reason").asText()).startsWith("no threshold certifies precision");
    }
    JsonNode again = get("/v1/explorer/datasets/" + cancer + "/curve?guarantee=0.9&delta=0.05")
        .body().get("markers").get(0);
    assertThat(again).isEqualTo(m);
  }

  @Test
  void aTypedThresholdBetweenPointsIsExactWithIntervals() throws Exception {
    String cancer = load("breast-cancer");
    Curve core = coreCurve(CANCER);
    double t = 0.5000001;
    JsonNode r = get("/v1/explorer/datasets/" + cancer + "/at?t=" + t).body();
    Confusion c = core.at(t).confusion();
    assertThat(r.get("tp").asDouble()).isEqualTo(c.truePositives());
    assertThat(r.get("fp").asDouble()).isEqualTo(c.falsePositives());
    assertThat(r.get("fn").asDouble()).isEqualTo(c.falseNegatives());
    assertThat(r.get("tn").asDouble()).isEqualTo(c.trueNegatives());
    assertThat(r.get("precision").asDouble()).isEqualTo(c.precision());
    assertThat(r.get("recall").asDouble()).isEqualTo(c.recall());
    Interval p = Intervals.precision(c, IntervalMethod.CLOPPER_PEARSON, 0.95);
    assertThat(r.get("intervals").get("precision").get(0).asDouble()).isEqualTo(p.lower());
    assertThat(r.get("intervals").get("precision").get(1).asDouble()).isEqualTo(p.upper());
    JsonNode kept = get("/v1/explorer/datasets/" + cancer + "/curve?keep=" + t).body().get("curve");
    int j = 0;
    while (threshold(kept.get("threshold").get(j)) != t) {
      j++;
    }
    assertThat(kept.get("tp").get(j).asDouble()).isEqualTo(c.truePositives());
    assertThat(kept.get("fp").get(j).asDouble()).isEqualTo(c.falsePositives());
    assertThat(kept.get("tiedPositives").get(j).asInt() + kept.get("tiedNegatives").get(j).asInt())
        .isZero();
    assertThat(threshold(kept.get("threshold").get(j - 1))).isGreaterThan(t);
    assertThat(threshold(kept.get("threshold").get(j + 1))).isLessThan(t);
    JsonNode nothing = get("/v1/explorer/datasets/" + cancer + "/at?t=Infinity").body();
    assertThat(nothing.get("tp").asLong()).isZero();
    assertThat(nothing.get("precision").isNull()).isTrue();
    assertThat(nothing.get("intervals").get("precision").get(0).isNull()).isTrue();
  }

  @Test
  void segmentsFallBackToTheirParentWithTheReason() throws Exception {
    String id = load("lending-club-segments");
    JsonNode summary = get("/v1/explorer/datasets/" + id).body();
    assertThat(summary.get("segmentColumns")).hasSize(2);
    JsonNode r = get("/v1/explorer/datasets/" + id + "/segments?objective="
        + q("recall@precision>=0.15") + "&minPositives=30").body();
    JsonNode segments = r.get("segments");
    assertThat(segments.get(0).get("label").asText()).isEqualTo("(all)");
    JsonNode sixtyA = null;
    for (JsonNode s : segments) {
      if (s.get("label").asText().equals("60m/A")) {
        sixtyA = s;
      }
    }
    assertThat(sixtyA).isNotNull();
    assertThat(sixtyA.get("fallback").asBoolean()).isTrue();
    assertThat(sixtyA.get("reason").asText()).startsWith("60m/A: only 0 positives (minimum 30)");
    assertThat(sixtyA.get("source").get(0).asText()).isEqualTo("60m");
    // The inherited threshold counted on 60m/A's own rows (no positives): not 60m's counts.
    JsonNode effective = sixtyA.get("effective");
    assertThat(effective.get("tp").asDouble()).isZero();
    assertThat(effective.get("tp").asDouble() + effective.get("fn").asDouble()).isZero();
    assertThat(effective.get("fp")).isEqualTo(effective.get("at").get("fp"));
    JsonNode curve = get("/v1/explorer/datasets/" + id + "/curve?segment=60m&segment=E").body();
    assertThat(curve.get("positives").asLong()).isEqualTo(52);
  }

  @Test
  void theReliabilityTableIsTheCoresOnTheRows() throws Exception {
    String cancer = load("breast-cancer");
    List<Double> scores = new ArrayList<>();
    List<Boolean> labels = new ArrayList<>();
    ScoreFiles.read(CANCER, ReadOptions.defaults(), (s, p, w, seg) -> {
      scores.add(s);
      labels.add(p);
    });
    double[] probabilities = scores.stream().mapToDouble(Double::doubleValue).toArray();
    boolean[] positive = new boolean[labels.size()];
    for (int i = 0; i < positive.length; i++) {
      positive[i] = labels.get(i);
    }
    ReliabilityTable core = ReliabilityTable.of(probabilities, positive, 10, BinStrategy.EQUAL_WIDTH);
    JsonNode r = get("/v1/explorer/datasets/" + cancer + "/reliability?bins=10").body();
    assertThat(r.get("expectedCalibrationError").asDouble())
        .isCloseTo(core.expectedCalibrationError(), within(1e-12));
    assertThat(r.get("brierScore").asDouble()).isCloseTo(core.brierScore(), within(1e-12));
    for (int b = 0; b < 10; b++) {
      ReliabilityTable.Bin bin = core.bins().get(b);
      JsonNode row = r.get("table").get(b);
      assertThat(row.get("weight").asDouble()).isEqualTo(bin.rows());
      if (bin.rows() > 0) {
        assertThat(row.get("observedRate").asDouble()).isCloseTo(bin.observedRate(), within(1e-12));
        assertThat(row.get("meanPredicted").asDouble()).isCloseTo(bin.meanPredicted(),
            within(1e-12));
      }
    }
  }

  @Test
  void labViewsRoundScoresKeepFewPositivesAndReweightToADeploymentPrevalence() throws Exception {
    String lending = load("lending-club");
    Curve core = coreCurve(LENDING);
    JsonNode rounded = get("/v1/explorer/datasets/" + lending + "/curve?round=1").body();
    assertThat(rounded.get("points").asInt()).isLessThanOrEqualTo(11);
    assertThat(rounded.get("positives").asLong()).isEqualTo(517);
    JsonNode few = get("/v1/explorer/datasets/" + lending + "/curve?fewPositives=20&seed=3").body();
    assertThat(few.get("positives").asLong()).isEqualTo(20);
    assertThat(few.get("negatives").asLong()).isEqualTo(Math.round(9340.0 * 20 / 517));
    JsonNode deployed = get("/v1/explorer/datasets/" + lending + "/curve?prevalence=0.01"
        + "&resolution=0.01").body();
    Curve at = core.atPrevalence(0.01);
    JsonNode thresholds = deployed.get("curve").get("threshold");
    for (int j = 1; j < thresholds.size(); j++) {
      int i = core.indexAt(threshold(thresholds.get(j)));
      assertThat(deployed.get("deployed").get("tp").get(j).asDouble()).isEqualTo(at.truePositives(i));
      assertThat(deployed.get("deployed").get("fp").get(j).asDouble())
          .isEqualTo(at.falsePositives(i));
    }
  }

  @Test
  void aDraftedPolicyIsStoredAndFoundAgainByItsData() throws Exception {
    String lending = load("lending-club");
    Reply draft = send("POST", "/v1/explorer/datasets/" + lending + "/policy",
        "{\"name\": \"loans-explored\", \"threshold\": 0.3, \"modelName\": \"hgb\", "
            + "\"modelVersion\": \"7\", \"queue\": \"analysts\"}");
    assertThat(draft.status()).as(draft.raw().body()).isEqualTo(200);
    JsonNode document = draft.body().get("document");
    JsonNode segment = document.get("segments").get(0);
    assertThat(segment.get("bands").get(0).get("minScore").asDouble()).isEqualTo(0.3);
    assertThat(segment.get("provenance").get("objective").asText()).isEqualTo("threshold=0.3");
    assertThat(segment.get("provenance").get("data").get("sha256").asText()).isEqualTo(sha256(LENDING));
    assertThat(draft.body().get("yaml").asText()).contains("name: loans-explored");
    Reply put = send("PUT", "/v1/policies/loans-explored", document.toString(), "If-Match", "\"0\"");
    assertThat(put.status()).as(put.raw().body()).isEqualTo(201);
    JsonNode stored = get("/v1/explorer/policies").body().get("policies");
    JsonNode found = null;
    for (JsonNode p : stored) {
      if (p.get("name").asText().equals("loans-explored")) {
        found = p;
      }
    }
    assertThat(found).isNotNull();
    assertThat(found.get("example").asText()).isEqualTo("lending-club");
    assertThat(found.get("thresholds").get(0).get("minScore").asDouble()).isEqualTo(0.3);

    Reply bands = send("POST", "/v1/explorer/datasets/" + lending + "/policy",
        "{\"name\": \"loans-bands\", \"bands\": {\"block\": 0.5, \"review\": 0.2}}");
    assertThat(bands.status()).as(bands.raw().body()).isEqualTo(200);
    assertThat(bands.body().get("document").get("segments").get(0).get("bands")).hasSize(3);

    String segmented = load("lending-club-segments");
    Reply perSegment = send("POST", "/v1/explorer/datasets/" + segmented + "/policy",
        "{\"name\": \"loans-by-segment\", \"objective\": \"recall@precision>=0.15\"}");
    assertThat(perSegment.status()).as(perSegment.raw().body()).isEqualTo(200);
    assertThat(perSegment.body().get("segments").asInt()).isEqualTo(15);
  }

  @Test
  void badInputIsAProblemNamingTheValueNeverAServerError() throws Exception {
    String cancer = load("breast-cancer");
    String base = "/v1/explorer/datasets/" + cancer;
    Reply malformed = send("POST", "/v1/explorer/datasets?name=bad.csv",
        "score,label\n0.5,1\nabc,0\n");
    assertProblem(malformed, 422);
    assertThat(malformed.body().get("detail").asText())
        .isEqualTo("bad.csv, line 3, column 'score': 'abc' is not a number");
    assertThat(send("POST", "/v1/explorer/datasets?name=bad.csv&label=outcome",
        "score,label\n0.5,1\n").body().get("detail").asText()).contains("no column 'outcome'");
    assertProblem(send("POST", "/v1/explorer/datasets?name=big.csv",
        "score,label\n" + "0.5,1\n".repeat(200_000)), 413);
    assertProblem(send("POST", "/v1/explorer/datasets?name=many.csv",
        "score,label\n" + "0.5,1\n".repeat(70_000)), 413);
    String[][] cases = {
        {"GET", base + "/curve?bins=abc", "400"},
        {"GET", base + "/curve?resolution=2", "400"},
        {"GET", base + "/curve?objective=" + q("recall@precision>=1.5"), "400"},
        {"GET", base + "/curve?objective=nonsense", "400"},
        {"GET", base + "/curve?guarantee=1", "400"},
        {"GET", base + "/curve?prevalence=0", "400"},
        {"GET", base + "/curve?segment=EU", "400"},
        {"GET", base + "/curve?keep=x", "400"},
        {"GET", base + "/at", "400"},
        {"GET", base + "/at?t=NaN", "400"},
        {"GET", base + "/at?t=0.5&method=bayes", "400"},
        {"GET", base + "/segments", "400"},
        {"GET", base + "/reliability?bins=0", "400"},
        {"GET", "/v1/explorer/datasets/ds-nope/curve", "404"},
        {"POST", "/v1/explorer/examples/nope", "404"},
        {"POST", "/v1/explorer/datasets?name=scores.xlsx", "400"},
        {"POST", "/v1/explorer/datasets?name=../x.csv", "400"},
        {"POST", "/v1/explorer/datasets?name=x.csv&delimiter=ab", "400"},
        {"POST", "/v1/explorer/datasets?name=x.csv&format=xml", "400"},
        {"POST", "/v1/explorer/datasets?name=x.csv&score=s&label=s", "400"},
        {"POST", base + "/policy", "400"},
        {"POST", base + "/policy#{", "400"},
        {"POST", base + "/policy#{\"name\": \"x\"}", "400"},
        {"POST", base + "/policy#{\"name\": \"x\", \"threshold\": \"high\"}", "400"},
        {"POST", base + "/policy#{\"name\": \"x\", \"threshold\": 0.5, \"objective\": \"f1\"}", "400"},
        {"POST", base + "/policy#{\"name\": \"bad name!\", \"threshold\": 0.5}", "422"},
        {"POST", base + "/policy#{\"name\": \"x\", \"bands\": {\"block\": 0.2, \"review\": 0.5}}", "400"},
        {"POST", base + "/policy#{\"name\": \"x\", \"jointBands\": {\"blockPrecision\": 0.9, "
            + "\"reviewCapacity\": \"flags<=5;prevalence=0.1\"}}", "400"},
        {"POST", base + "/policy#{\"name\": \"x\", \"threshold\": 0.5, \"action\": \"reveiw\"}", "422"},
    };
    for (String[] c : cases) {
      String path = c[1];
      String body = null;
      if (path.contains("#")) {
        body = path.substring(path.indexOf('#') + 1);
        path = path.substring(0, path.indexOf('#'));
      }
      Reply r = send(c[0], path, body == null && c[0].equals("POST") ? "" : body);
      assertThat(r.status()).as(c[0] + " " + c[1] + ": " + r.raw().body())
          .isEqualTo(Integer.parseInt(c[2]));
      assertThat(r.contentType()).as(c[1]).startsWith("application/problem+json");
      assertThat(r.body().get("detail").asText()).as(c[1]).isNotBlank();
    }
  }

  @Test
  void everyBadFileNameIsAProblemNamingTheParameterAndTheValueNeverAServerError() throws Exception {
    String[][] cases = {
        // name as sent (URL-encoded), the value as the detail must echo it
        {"a%00.csv", "'a\\u0000.csv'"},
        {"a%0Ab.csv", "'a\\u000Ab.csv'"},
        {"a%1Bb.csv", "'a\\u001Bb.csv'"},
        {"a%7Fb.csv", "'a\\u007Fb.csv'"},
        {"%E2%80%AEvsc.csv", "'\\u202Evsc.csv'"},
        {"a%E2%80%A8b.csv", "'a\\u2028b.csv'"},
        {"..%2Fx.csv", "'../x.csv'"},
        {"..", "'..'"},
        {"a%5Cb.csv", "'a\\\\b.csv'"},
        {"", "''"},
        {"%20%20", "'  '"},
        {"x".repeat(300) + ".csv", "'" + "x".repeat(60) + "…' (304 characters)"},
    };
    for (String[] c : cases) {
      Reply r = send("POST", "/v1/explorer/datasets?name=" + c[0], "score,label\n0.5,1\n");
      assertProblem(r, 400);
      assertThat(r.body().get("errors").get(0).get("pointer").asText()).as(c[0]).isEqualTo("?name");
      assertThat(r.body().get("detail").asText()).as(c[0]).startsWith("?name: ").contains(c[1]);
    }
  }

  @Test
  void controlCharactersInAnyParameterAreRefusedAndEchoedEscaped() throws Exception {
    String cancer = load("breast-cancer");
    String base = "/v1/explorer/datasets/" + cancer;
    String[][] cases = {
        {"POST", "/v1/explorer/datasets?name=x.csv&score=s%00", "score"},
        {"POST", "/v1/explorer/datasets?name=x.csv&label=%01", "label"},
        {"POST", "/v1/explorer/datasets?name=x.csv&weight=w%0D%0Ax", "weight"},
        {"POST", "/v1/explorer/datasets?name=x.csv&segment=a,b%00", "segment"},
        {"POST", "/v1/explorer/datasets?name=x.csv&positiveLabel=%00", "positiveLabel"},
        {"POST", "/v1/explorer/datasets?name=x.csv&delimiter=%00", "delimiter"},
        {"POST", "/v1/explorer/datasets?name=x.csv&format=csv%00", "format"},
        {"GET", base + "/curve?objective=f1%00", "objective"},
        {"GET", base + "/curve?segment=%00", "segment"},
        {"GET", base + "/at?t=0.5%00", "t"},
        {"GET", base + "/at?t=0.5&method=wilson%07", "method"},
        {"GET", base + "/segments?objective=f1%1B[31m", "objective"},
        {"GET", base + "/reliability?bins=1%00", "bins"},
    };
    for (String[] c : cases) {
      Reply r = send(c[0], c[1], c[0].equals("POST") ? "score,label\n0.5,1\n" : null);
      assertProblem(r, 400);
      assertThat(r.body().get("errors").get(0).get("pointer").asText()).as(c[1])
          .isEqualTo("?" + c[2]);
      assertThat(r.body().get("detail").asText()).as(c[1]).contains("\\u00")
          .doesNotContainPattern("\\p{Cntrl}");
    }
  }

  @Test
  void anObjectiveNoThresholdMeetsWritesNoPolicyAndSaysWhy() throws Exception {
    String lending = load("lending-club");
    Reply r = send("POST", "/v1/explorer/datasets/" + lending + "/policy",
        "{\"name\": \"x\", \"objective\": \"recall@precision>=0.5\"}");
    assertProblem(r, 422);
    assertThat(r.body().get("detail").asText()).contains("cannot write a policy: "
        + "recall@precision>=0.5 is infeasible on all rows (no threshold reaches precision 0.5");
  }

  @Test
  void thePageIsServedWithAContentSecurityPolicyAndRootRedirectsToIt() throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + "/explorer")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
        .startsWith("default-src 'self'");
    HttpResponse<String> root = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + "/")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(root.statusCode()).isEqualTo(302);
    assertThat(root.headers().firstValue("Location")).contains("/explorer");
    HttpResponse<String> uplot = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(uplot.statusCode()).isEqualTo(200);
  }

  private static String sha256(Path file) throws Exception {
    return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest(Files.readAllBytes(file)));
  }
}
