package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.select.Objective;
import dev.setpoint.select.Selection;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "breast_cancer_logreg_oof.csv");
  private static Curve expected;

  @TempDir Path dir;

  /** The library's own answer, computed without the CLI, to compare the CLI's output against. */
  @BeforeAll
  static void readExampleDirectly() throws IOException {
    expected = ExampleCurve.of(Files.readAllLines(EXAMPLE, StandardCharsets.UTF_8));
  }

  @Test
  void tableReportsCountsApAucAndBestF1() {
    CliRun r = run("evaluate", EXAMPLE.toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("569 read, 569 used")
        .contains("positives          212")
        .contains(String.format(java.util.Locale.ROOT, "average precision  %.4f",
            expected.averagePrecision()))
        .contains(String.format(java.util.Locale.ROOT, "ROC AUC            %.4f", expected.rocAuc()));
    Selection.Feasible best = (Selection.Feasible) Objective.fBeta(1).select(expected);
    assertThat(r.out()).contains("at threshold " + best.threshold());
  }

  @Test
  void jsonReportEqualsTheLibraryExactly() throws IOException {
    CliRun r = run("evaluate", EXAMPLE.toString(), "--format", "json", "--at", "0.5,0.9,2");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("rows").get("used").asLong()).isEqualTo(569);
    assertThat(json.get("positives").asDouble()).isEqualTo(212);
    assertThat(json.get("averagePrecision").asDouble()).isEqualTo(expected.averagePrecision());
    assertThat(json.get("rocAuc").asDouble()).isEqualTo(expected.rocAuc());
    JsonNode at = json.get("at");
    double[] thresholds = {0.5, 0.9, 2};
    for (int i = 0; i < thresholds.length; i++) {
      Confusion c = expected.at(thresholds[i]).confusion();
      JsonNode p = at.get(i);
      assertThat(p.get("threshold").asDouble()).isEqualTo(thresholds[i]);
      assertThat(p.get("tp").asDouble()).isEqualTo(c.truePositives());
      assertThat(p.get("fp").asDouble()).isEqualTo(c.falsePositives());
      assertThat(p.get("fn").asDouble()).isEqualTo(c.falseNegatives());
      assertThat(p.get("tn").asDouble()).isEqualTo(c.trueNegatives());
    }
    // Nothing scores >= 2: precision is undefined, written as null.
    assertThat(at.get(2).get("precision").isNull()).isTrue();
    assertThat(at.get(2).get("recall").asDouble()).isZero();
  }

  @Test
  void curveFileHasOneRowPerDistinctScore() throws IOException {
    Path curve = dir.resolve("points.csv");
    CliRun r = run("evaluate", EXAMPLE.toString(), "--curve", curve.toString());

    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(curve);
    assertThat(lines).hasSize(expected.size() + 1);
    assertThat(lines.get(0)).isEqualTo("threshold,tp,fp,fn,tn,precision,recall,fpr,f1,flag_rate");
    String[] first = lines.get(1).split(",");
    assertThat(Double.parseDouble(first[0])).isEqualTo(expected.threshold(0));
    String[] last = lines.get(lines.size() - 1).split(",");
    assertThat(last[1]).isEqualTo("212");
    assertThat(last[2]).isEqualTo("357");
  }

  @Test
  void plotsArePngAndSvgImagesWithAxes() throws IOException {
    Path png = dir.resolve("pr.png");
    Path svg = dir.resolve("roc.svg");
    CliRun r = run("evaluate", EXAMPLE.toString(), "--at", "0.5", "--plot", png.toString(),
        "--plot", svg.toString());

    assertThat(r.code()).as(r.err()).isZero();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).isNotNull();
    assertThat(image.getWidth()).isEqualTo(900);
    String svgText = Files.readString(svg);
    assertThat(svgText).contains("<svg").contains("<path"); // XChart draws text as outlines
    assertThat(r.err()).contains("wrote PR chart to").contains("wrote ROC chart to");
  }

  @Test
  void plotWithoutRecognisableKindIsAUsageError() {
    CliRun r = run("evaluate", EXAMPLE.toString(), "--plot", dir.resolve("chart.png").toString());

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("cannot tell which curve to draw");
  }

  @Test
  void aColumnGivenTwoRolesIsAUsageErrorNotACrash() {
    for (String[] args : new String[][] {
        {"evaluate", EXAMPLE.toString(), "--weight", "score"},
        {"choose", EXAMPLE.toString(), "-O", "f1", "--segment", "label"},
        {"evaluate", EXAMPLE.toString(), "--sketch", "--weight", "label"},
        {"calibrate", EXAMPLE.toString(), "--score", "label", "--label", "label"}}) {
      CliRun r = run(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(String.join(" ", args)).contains("is requested twice (as ")
          .doesNotContain("internal error");
    }
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun r = run("evaluate", EXAMPLE.toString(), "--scroe", "x");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--scroe");
  }

  @Test
  void missingFileIsADataErrorNamingTheFile() {
    CliRun r = run("evaluate", "no-such-file.csv");

    assertThat(r.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(r.err()).contains("no-such-file.csv").doesNotContain("Exception");
  }

  @Test
  void directoriesAndRootsAreDataErrorsNotCrashes() {
    CliRun dirResult = run("evaluate", dir.toString());
    assertThat(dirResult.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(dirResult.err()).contains("is a directory");
    CliRun root = run("evaluate", "/");
    assertThat(root.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(root.err()).doesNotContain("Exception");
  }

  @Test
  void badScoreIsADataErrorNamingLineAndValue() throws IOException {
    Path file = write("bad.csv", "score,label\n0.5,1\nabc,0\n");
    CliRun r = run("evaluate", file.toString());

    assertThat(r.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(r.err()).contains("bad.csv").contains("line 3").contains("'abc'")
        .doesNotContain("Exception");
  }

  @Test
  void dropInvalidReportsWhatWasDropped() throws IOException {
    Path file = write("bad.csv", "score,label\n0.5,1\nabc,0\n0.2,0\n0.7,0\n");
    CliRun r = run("evaluate", file.toString(), "--drop-invalid");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("4 read, 3 used, 1 dropped");
  }

  @Test
  void singleClassIsADataErrorSayingWhichClassIsMissing() throws IOException {
    Path file = write("one-class.csv", "score,label\n0.5,1\n0.7,1\n");
    CliRun r = run("evaluate", file.toString());

    assertThat(r.code()).isEqualTo(ExitCodes.DATA_ERROR);
    assertThat(r.err()).contains("one-class.csv").contains("only positives");
  }

  @Test
  void segmentsGetOneLineEach() throws IOException {
    StringBuilder csv = new StringBuilder("score,label,country\n");
    List<String> countries = new ArrayList<>(List.of("DE", "FR"));
    for (int i = 0; i < 40; i++) {
      csv.append(i / 40.0).append(',').append(i % 3 == 0 ? 1 : 0).append(',')
          .append(countries.get(i % 2)).append('\n');
    }
    Path file = write("seg.csv", csv.toString());
    CliRun r = run("evaluate", file.toString(), "--segment", "country");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("country").containsPattern("(?m)^  DE ").containsPattern("(?m)^  FR ");
  }

  @Test
  void inputFormatOverridesTheFileName() throws IOException {
    Path file = write("scores.txt", "{\"score\": 0.9, \"label\": 1}\n{\"score\": 0.1, \"label\": 0}\n");
    CliRun r = run("evaluate", file.toString(), "--input-format", "jsonl");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("(JSON Lines)").contains("ROC AUC            1.0000");
    assertThat(run("evaluate", file.toString(), "--input-format", "xml").code())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void helpShowsExamplesAndExitCodes() {
    CliRun r = run("evaluate", "--help");

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Examples:").contains("--positive-label").contains("Exit codes");
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
