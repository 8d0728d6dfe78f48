package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Validation;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Label;
import dev.setpoint.server.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code setpoint audit export}: decisions from a store, embedded and PostgreSQL, into a Parquet file
 * that {@code evaluate} and {@code choose} read as it is.
 */
class AuditExportTest {

  private static final String ADMIN = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
  private static final long T0 = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
  private static final long HOUR = 3_600_000L;

  @TempDir Path dir;

  private final ObjectMapper json = new ObjectMapper();

  /** What {@link #fill} stored inside [T0, T0 + 10 h). */
  private record Filled(int labelled, int positives, int unlabelled) {}

  /**
   * The card-fraud example, with decisions before, at, inside and at the end of [T0, T0 + 10 h):
   * singles of EU and US requests and batches of 50, two of every three labelled.
   */
  private static Filled fill(Store store) throws Exception {
    Validation.Valid policy = (Validation.Valid) PolicyDocuments.parse(
        Files.readString(Path.of("../examples/policies/card-fraud.yaml")),
        PolicyDocuments.Format.YAML, "card-fraud.yaml");
    store.putPolicy("card-fraud", PolicyDocuments.write(policy.policy(),
        PolicyDocuments.Format.JSON), policy.sha256(), "test", Optional.empty(),
        OptionalLong.empty());
    List<DecisionRecord> decisions = new ArrayList<>();
    decisions.add(single("before", T0 - 1, 0.9, "EU"));
    decisions.add(single("at-end", T0 + 10 * HOUR, 0.9, "EU"));
    for (int i = 0; i < 400; i++) {
      decisions.add(single("s" + i, T0 + (i % 10) * HOUR, (i % 97) / 97.0, i % 2 == 0 ? "EU" : "US"));
    }
    for (int g = 0; g < 4; g++) {
      for (int i = 0; i < 50; i++) {
        decisions.add(new DecisionRecord("b" + g + "." + i, Instant.ofEpochMilli(T0 + g * HOUR),
            "card-fraud", 1, "default", 0, "allow", Optional.empty(), OptionalDouble.empty(),
            (i % 89) / 89.0, "default", List.of(), "{\"jurisdiction\":\"UK\",\"amount\":" + i + "}"));
      }
    }
    store.appendDecisions(decisions);
    List<Label> labels = new ArrayList<>();
    int positives = 0;
    int n = 0;
    for (DecisionRecord d : decisions) {
      n++;
      if (n % 3 != 0) {
        boolean positive = d.score() > 0.6;
        labels.add(new Label(d.id(), positive, Instant.ofEpochMilli(T0 + 20 * HOUR), "ops"));
        boolean inside = d.at().toEpochMilli() >= T0 && d.at().toEpochMilli() < T0 + 10 * HOUR;
        positives += inside && positive ? 1 : 0;
      }
    }
    store.putLabels(labels);
    // 600 decisions inside; 'before' (n = 1) and 'at-end' (n = 2) are labelled, and outside.
    int labelledInside = (int) labels.stream().filter(l -> !l.decisionId().equals("before")
        && !l.decisionId().equals("at-end")).count();
    return new Filled(labelledInside, positives, 600 - labelledInside);
  }

  private static DecisionRecord single(String id, long at, double score, String jurisdiction) {
    return new DecisionRecord(id, Instant.ofEpochMilli(at), "card-fraud", 1, "eu-standard", 0,
        "allow", Optional.empty(), OptionalDouble.empty(), score, "matched", List.of(),
        "{\"jurisdiction\":\"" + jurisdiction + "\",\"tier\":\"standard\"}");
  }

  private void roundTrip(List<String> store, Filled filled) throws Exception {
    Path out = dir.resolve("decisions.parquet");
    List<String> args = new ArrayList<>(List.of("audit", "export"));
    args.addAll(store);
    args.addAll(List.of("--from", "2026-11-01", "--to", "2026-11-01T10:00:00Z", "-o",
        out.toString()));
    CliRun export = CliRun.run(args.toArray(String[]::new));
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.out()).startsWith("wrote " + filled.labelled() + " decisions ("
        + filled.labelled() + " labelled)")
        .contains("left out " + filled.unlabelled() + " without a label");

    CliRun evaluate = CliRun.run("evaluate", out.toString(), "--format", "json");
    assertThat(evaluate.code()).as(evaluate.err()).isZero();
    JsonNode report = json.readTree(evaluate.out());
    assertThat(report.get("positives").asLong()).isEqualTo(filled.positives());
    assertThat(report.get("negatives").asLong())
        .isEqualTo(filled.labelled() - filled.positives());

    CliRun segmented = CliRun.run("evaluate", out.toString(), "--segment", "jurisdiction",
        "--format", "json");
    assertThat(segmented.code()).as(segmented.err()).isZero();
    assertThat(json.readTree(segmented.out()).get("segments").findValuesAsText("segment"))
        .isNotNull();
    assertThat(json.readTree(segmented.out()).get("segments")).hasSize(3);

    CliRun choose = CliRun.run("choose", out.toString(), "-O", "recall@precision>=0.5");
    assertThat(choose.code()).as(choose.err()).isZero();

    List<String> all = new ArrayList<>(args);
    all.addAll(List.of("--unlabelled", "include"));
    CliRun withUnlabelled = CliRun.run(all.toArray(String[]::new));
    assertThat(withUnlabelled.out()).startsWith("wrote 600 decisions (" + filled.labelled()
        + " labelled)");
    CliRun dropped = CliRun.run("evaluate", out.toString(), "--drop-invalid", "--format", "json");
    assertThat(dropped.code()).as(dropped.err()).isZero();
    assertThat(json.readTree(dropped.out()).get("positives").asLong())
        .isEqualTo(filled.positives());
  }

  @Test
  void exportFromTheEmbeddedStoreIsReadByEvaluateAndChooseWithTheSameCounts() throws Exception {
    Filled filled;
    try (Store store = JdbcStore.sqlite(Files.createDirectories(dir.resolve("data")))) {
      filled = fill(store);
    }
    roundTrip(List.of("--data-dir", dir.resolve("data").toString()), filled);
  }

  @Test
  void theEmbeddedStoreExportsWhileAServerHoldsItsDirectory() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    try (Store serving = JdbcStore.sqlite(data)) {
      Filled filled = fill(serving);
      long stored = serving.decisionCount();
      roundTrip(List.of("--data-dir", data.toString()), filled);
      assertThat(serving.decisionCount()).as("the serving store, still writable").isEqualTo(stored);
      serving.appendDecisions(List.of(single("after", T0 + HOUR, 0.5, "EU")));
      assertThat(serving.decisionCount()).isEqualTo(stored + 1);
    }
  }

  @Test
  void aFileThatIsNotAStoreIsRefusedInOneLine() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("setpoint.db"), "not a database");
    CliRun r = CliRun.run("audit", "export", "--data-dir", data.toString(), "--from", "30d", "-o",
        dir.resolve("out.parquet").toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).startsWith("setpoint: error: cannot open the store").doesNotContain("\tat ")
        .hasLineCount(1);
    assertThat(dir.resolve("out.parquet")).doesNotExist();
  }

  @Test
  void exportFromPostgresIsReadByEvaluateAndChooseWithTheSameCounts() throws Exception {
    String database = "setpoint_export_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(ADMIN); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database);
      s.execute("CREATE DATABASE " + database);
    }
    try {
      String url = "postgresql://postgres@127.0.0.1:5432/" + database;
      Filled filled;
      try (Store store = JdbcStore.postgresql("jdbc:postgresql://127.0.0.1:5432/" + database
          + "?user=postgres")) {
        filled = fill(store);
      }
      roundTrip(List.of("--store", url), filled);
    } finally {
      try (Connection c = DriverManager.getConnection(ADMIN); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  @Test
  void aRangeThatEndsBeforeItStartsIsAUsageError() {
    CliRun r = CliRun.run("audit", "export", "--data-dir", dir.toString(), "--from", "2026-11-02",
        "--to", "2026-11-01", "-o", dir.resolve("x.parquet").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--from (2026-11-02T00:00:00Z) must be before --to");
  }

  @Test
  void aDataDirectoryWithoutAStoreIsAUsageErrorAndCreatesNothing() {
    CliRun r = CliRun.run("audit", "export", "--data-dir", dir.resolve("none").toString(),
        "--from", "30d", "-o", dir.resolve("x.parquet").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("holds no store");
    assertThat(dir.resolve("none")).doesNotExist();
  }

  @Test
  void aTimeInNoKnownFormIsRefusedWithTheForms() {
    CliRun r = CliRun.run("audit", "export", "--from", "last week", "-o",
        dir.resolve("x.parquet").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("'last week' is not a time").contains("30d");
  }
}
