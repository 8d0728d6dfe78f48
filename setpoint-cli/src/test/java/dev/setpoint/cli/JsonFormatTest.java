package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every {@code --format json} report is one JSON document ending with a newline, as text files do. */
class JsonFormatTest {

  private static final String LOANS = Path.of("..", "examples", "lending_club_bad_hgb_oof.csv")
      .toString();
  private static final String EXAMPLE = Path.of("..", "examples", "policies", "card-fraud.yaml")
      .toString();

  @TempDir Path dir;

  private static void endsWithANewlineAndParses(CliRun r) throws Exception {
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).as("the report ends with a newline").endsWith(System.lineSeparator());
    assertThat(new ObjectMapper().readTree(r.out()).isContainerNode()).isTrue();
  }

  @Test
  void evaluatesJsonReportEndsWithANewline() throws Exception {
    endsWithANewlineAndParses(run("evaluate", LOANS, "--at", "0.3", "-f", "json"));
    endsWithANewlineAndParses(run("evaluate", LOANS, "--sketch", "-f", "json"));
  }

  @Test
  void choosesJsonReportEndsWithANewline() throws Exception {
    endsWithANewlineAndParses(run("choose", LOANS, "-O", "f1", "-f", "json"));
    endsWithANewlineAndParses(run("choose", LOANS, "--sketch", "-O", "f1", "-f", "json"));
  }

  @Test
  void decidesAndValidatesJsonReportsEndWithANewline() throws Exception {
    String policy = dir.resolve("loans.yaml").toString();
    assertThat(run("choose", LOANS, "-O", "recall@precision>=0.2", "-o", policy).code()).isZero();
    endsWithANewlineAndParses(run("decide", LOANS, "--policy", policy, "-f", "json"));
    endsWithANewlineAndParses(run("policy", "validate", EXAMPLE, "-f", "json"));
  }
}
