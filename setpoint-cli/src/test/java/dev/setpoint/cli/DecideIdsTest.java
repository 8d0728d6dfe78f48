package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code decide -o}: rows numbered by data row, and an id column carried through with {@code --id}. */
class DecideIdsTest {

  private static final String EXAMPLE = Path.of("..", "examples", "policies", "card-fraud.yaml")
      .toString();

  @TempDir Path dir;

  @Test
  void theIdColumnComesFirstAndRowsAreNumberedByDataRowNotByLine() throws IOException {
    // the second row's quoted note spans two lines, and a blank line follows: lines and rows differ
    Path data = Files.writeString(dir.resolve("t.csv"), "txn_id,score,jurisdiction,tier,amount,note\n"
        + "t-17,0.99,EU,premium,10,ok\nt-18,0.7,EU,premium,10,\"two\nlines\"\n\n"
        + "t-19,0.9,US,,9000,\n");
    Path out = dir.resolve("decisions.csv");
    CliRun r = run("decide", data.toString(), "--policy", EXAMPLE, "--id", "txn_id", "-o",
        out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(out)).containsExactly(
        "txn_id,row,score,segment,band,action,queue,threshold,route,missing,label",
        "t-17,1,0.99,eu-premium,0,block,,0.97,matched,,",
        "t-18,2,0.7,eu-premium,2,review,eu-premium-analysts,0.62,matched,,",
        "t-19,3,0.9,us-large,0,block,,0.9,matched,,");
  }

  @Test
  void anIdColumnThatIsAlsoAnAttributeIsCopiedAndStillMatched() throws IOException {
    Path data = Files.writeString(dir.resolve("t.jsonl"),
        "{\"score\":0.99,\"jurisdiction\":\"EU\",\"tier\":\"premium\",\"amount\":1}\n"
            + "{\"score\":0.1,\"jurisdiction\":\"US\",\"tier\":\"\",\"amount\":1}\n");
    Path out = dir.resolve("decisions.csv");
    CliRun r = run("decide", data.toString(), "--policy", EXAMPLE, "--id", "jurisdiction", "-o",
        out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(out)).element(1).asString().startsWith("EU,1,0.99,eu-premium,");
    assertThat(Files.readAllLines(out)).element(2).asString().startsWith("US,2,0.1,");
  }

  @Test
  void rowsDroppedAsInvalidKeepTheirNumberSoTheOthersStillPointAtTheirDataRow() throws IOException {
    Path data = Files.writeString(dir.resolve("t.csv"), "id,score,jurisdiction,tier,amount\n"
        + "a,0.99,EU,premium,1\nb,abc,EU,premium,1\nc,0.7,EU,premium,1\n");
    Path out = dir.resolve("decisions.csv");
    CliRun r = run("decide", data.toString(), "--policy", EXAMPLE, "--id", "id", "--drop-invalid",
        "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(out)).extracting(l -> String.join(",", java.util.Arrays.copyOf(l.split(","), 2)))
        .containsExactly("id,row", "a,1", "c,3");
  }

  @Test
  void aMisspeltIdColumnIsADataErrorThatSuggestsTheColumn() throws IOException {
    Path data = Files.writeString(dir.resolve("t.csv"), "txn_id,score,jurisdiction,tier,amount\n"
        + "t-17,0.99,EU,premium,10\n");
    CliRun r = run("decide", data.toString(), "--policy", EXAMPLE, "--id", "txn_di", "-o",
        dir.resolve("d.csv").toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("'txn_di'").contains("did you mean 'txn_id'?");
  }

  @Test
  void anIdThatIsTheScoreColumnIsAUsageErrorThatSaysWhy() throws IOException {
    Path data = Files.writeString(dir.resolve("t.csv"), "score,jurisdiction,tier,amount\n"
        + "0.99,EU,premium,10\n");
    CliRun r = run("decide", data.toString(), "--policy", EXAMPLE, "--id", "score", "-o",
        dir.resolve("d.csv").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--id score: that column is read as the score")
        .doesNotContain("requested twice");
  }

  @Test
  void anIdWithoutAnOutputFileIsAUsageError() {
    CliRun r = run("decide", Path.of("..", "examples", "lending_club_bad_hgb_oof.csv").toString(),
        "--policy", EXAMPLE, "--id", "score");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--id score").contains("add -o FILE");
  }
}
