package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.server.api.Access;
import dev.setpoint.server.http.DecisionServer;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.JdbcStore;
import dev.setpoint.server.store.Label;
import dev.setpoint.server.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code setpoint labels import}: a file of labels to a running server. */
class LabelsImportTest {

  @TempDir Path dir;

  private Store store;
  private DecisionServer server;

  @BeforeEach
  void start() throws Exception {
    store = JdbcStore.sqlite(Files.createDirectories(dir.resolve("data")));
    Path config = Files.writeString(dir.resolve("tokens.yaml"), "tokens:\n"
        + "  - {name: labeller, token: label-secret-0123456789, roles: [label]}\n"
        + "  - {name: reader, token: read-secret-0123456789, roles: [read]}\n");
    server = DecisionServer.start(store, DecisionServer.Options.defaults()
        .withAccess(Access.read(config)));
    List<DecisionRecord> decisions = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      decisions.add(new DecisionRecord("d" + i, Instant.ofEpochMilli(1000 + i), "fraud", 1,
          "default", 0, "allow", Optional.empty(), OptionalDouble.empty(), i / 10.0, "default",
          List.of(), "{}"));
    }
    store.appendDecisions(decisions);
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  private String url() {
    return "http://127.0.0.1:" + server.port();
  }

  private Path tokenFile(String token) throws Exception {
    return Files.writeString(dir.resolve("token-" + token), token + "\n");
  }

  @Test
  void csvIsImportedAndImportingItAgainChangesNothing() throws Exception {
    Path csv = Files.writeString(dir.resolve("labels.csv"),
        "decisionId,positive\nd0,1\nd1,0\nd2,true\n");
    CliRun first = CliRun.run("labels", "import", csv.toString(), "--server", url(),
        "--token-file", tokenFile("label-secret-0123456789").toString());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out()).isEqualTo(csv + ": 3 labels: 3 stored, 0 unchanged, 0 conflicting, "
        + "0 unknown decision ids\n");
    CliRun again = CliRun.run("labels", "import", csv.toString(), "--server", url() + "/",
        "--token-file", tokenFile("label-secret-0123456789").toString());
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("3 labels: 0 stored, 3 unchanged");
    assertThat(store.label("d2").map(Label::positive)).contains(true);
  }

  @Test
  void conflictsAndUnknownIdsAreListedByLineAndExitThree() throws Exception {
    store.putLabels(List.of(new Label("d0", true, Instant.EPOCH, "ops")));
    Path jsonl = Files.writeString(dir.resolve("labels.jsonl"),
        "{\"decisionId\": \"d0\", \"positive\": false}\n"
            + "{\"decisionId\": \"d1\", \"positive\": true}\n"
            + "{\"decisionId\": \"missing\", \"positive\": true}\n");
    CliRun r = CliRun.run("labels", "import", jsonl.toString(), "--server", url(),
        "--token-file", tokenFile("label-secret-0123456789").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(r.out()).contains("3 labels: 1 stored, 0 unchanged, 1 conflicting, 1 unknown")
        .contains("  line 1: d0: conflicting").contains("  line 3: missing: unknown decision id");
  }

  @Test
  void aBadLineIsNamedAndExitsThree() throws Exception {
    Path csv = Files.writeString(dir.resolve("labels.csv"),
        "decisionId,positive\nd0,1\nd1,maybe\nd2,0\n");
    CliRun r = CliRun.run("labels", "import", csv.toString(), "--server", url(),
        "--token-file", tokenFile("label-secret-0123456789").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(r.err()).startsWith("setpoint: error: " + csv + ": line 3/positive: must be 1, 0, "
        + "true or false, was 'maybe'; the 1 labels before it were stored");
  }

  @Test
  void aTokenWithoutTheLabelRoleIsRefused() throws Exception {
    Path csv = Files.writeString(dir.resolve("labels.csv"), "decisionId,positive\nd0,1\n");
    CliRun r = CliRun.run("labels", "import", csv.toString(), "--server", url(),
        "--token-file", tokenFile("read-secret-0123456789").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(r.err()).startsWith("setpoint: error: " + csv + ": ").contains("label");
    assertThat(store.label("d0")).isEmpty();
  }

  @Test
  void withoutATokenTheRefusalSaysWhereToGiveOne() throws Exception {
    Path csv = Files.writeString(dir.resolve("labels.csv"), "decisionId,positive\nd0,1\n");
    CliRun r = CliRun.run("labels", "import", csv.toString(), "--server", url());
    assertThat(r.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(r.err()).contains("--token-file FILE").contains("SETPOINT_TOKEN").hasLineCount(1);
    assertThat(store.label("d0")).isEmpty();
  }

  @Test
  void aFileOfUnknownFormatOrAMissingServerAreUsageErrors() throws Exception {
    Path txt = Files.writeString(dir.resolve("labels.txt"), "decisionId,positive\nd0,1\n");
    CliRun format = CliRun.run("labels", "import", txt.toString(), "--server", url());
    assertThat(format.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(format.err()).contains("give --format csv or --format jsonl");
    CliRun bad = CliRun.run("labels", "import", txt.toString(), "--format", "csv", "--server",
        "127.0.0.1:8080");
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--server '127.0.0.1:8080' is not a server URL");
  }
}
