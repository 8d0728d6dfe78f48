package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objectives that mean nothing, or not what they seem, are usage errors (exit 2) pointing at the
 * token, the same in {@code choose}, {@code evaluate} and {@code train}: one parser
 * (docs/definitions.md#objectives).
 */
class ObjectiveRefusalsTest {

  private static final String LOANS = Path.of("..", "examples", "lending_club_bad_hgb_oof.csv")
      .toString();

  @TempDir Path dir;

  @Test
  void aCostWithoutFpIsAUsageErrorSayingWhatToWrite() {
    CliRun r = run("choose", LOANS, "-O", "cost:fn=10");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("-O 'cost:fn=10': missing fp=C: cost needs both fn=C and fp=C, "
        + "e.g. cost:fn=10,fp=1" + System.lineSeparator()
        + "Try 'setpoint choose --help' for the options.");
    assertThat(r.err().lines()).hasSize(2);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void aNegativeCostIsAUsageErrorPointingToUtility() {
    CliRun r = run("choose", LOANS, "-O", "cost:fn=-10,fp=1");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("-O 'cost:fn=-10,fp=1': ").contains("fn=-10 is a negative cost")
        .contains("utility:tp=U,fp=U");
    assertThat(r.err().lines()).hasSize(2);
  }

  @Test
  void everyMeaninglessObjectiveIsRefusedByChooseAndEvaluate() {
    for (String objective : List.of("cost:fn=0,fp=0", "cost:fp=1", "utility:tp=0,fp=0",
        "utility:tp=5", "fbeta=0", "fbeta=-2", "budget:rate<=1.5", "budget:rate<=-0.1",
        "f1;prevalence=0", "f1;prevalence=1", "recall@precision>=1.5",
        "budget:flags<=5/day,volume=0/day")) {
      for (String command : List.of("choose", "evaluate")) {
        CliRun r = run(command, LOANS, "-O", objective);
        assertThat(r.code()).as("%s %s: %s", command, objective, r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).as("%s %s", command, objective).contains("-O '")
            .doesNotContain("^");
        assertThat(r.err().lines()).as("%s %s", command, objective).hasSize(2);
      }
    }
  }

  @Test
  void aBudgetOfNothingIsMetByFlaggingNothing() throws IOException {
    for (String objective : List.of("budget:flags<=0", "budget:rate<=0",
        "budget:flags<=0/day,volume=1000/day")) {
      CliRun r = run("choose", LOANS, "-O", objective, "-f", "json");
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode selection = new ObjectMapper().readTree(r.out()).get("objectives").get(0)
          .get("segments").get(0).get("selection");
      assertThat(selection.get("feasible").asBoolean()).as(objective).isTrue();
      assertThat(selection.get("threshold").asText()).as(objective).isEqualTo("+Infinity");
      assertThat(selection.get("recall").asDouble()).as(objective).isZero();
    }
    assertThat(run("choose", LOANS, "-O", "budget:flags<=0").out())
        .contains("+inf (flag nothing)");
  }

  @Test
  void trainRefusesAnIncompleteCostWithTheSameMessage() throws IOException {
    StringBuilder csv = new StringBuilder("a,y\n");
    for (int i = 0; i < 40; i++) {
      csv.append(i).append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
    }
    Path data = Files.writeString(dir.resolve("d.csv"), csv);
    CliRun r = run("train", data.toString(), "--label", "y", "--objective", "cost:fn=10", "-o",
        dir.resolve("m.json").toString());

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("missing fp=C: cost needs both fn=C and fp=C, e.g. "
        + "cost:fn=10,fp=1");
    assertThat(dir.resolve("m.json")).doesNotExist();
  }
}
