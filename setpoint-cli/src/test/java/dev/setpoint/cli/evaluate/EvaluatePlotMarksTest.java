package dev.setpoint.cli.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.cli.Main;
import dev.setpoint.cli.plot.Marks;
import dev.setpoint.curve.Curve;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --plot}: the charts mark what the report prints, and the files are sane images. */
class EvaluatePlotMarksTest {

  private static final Path EXAMPLE = Path.of("..", "examples", "lending_club_bad_hgb_oof.csv");
  private static final List<String> OBJECTIVES = List.of("recall@precision>=0.2", "cost:fn=10,fp=1",
      "recall@precision>=0.99", "threshold=0.1");
  private static final List<Double> AT = List.of(0.1, 0.3);

  @TempDir Path dir;

  private static String[] args(String... more) {
    List<String> args = new ArrayList<>(List.of("evaluate", EXAMPLE.toString(), "--at", "0.1,0.3"));
    OBJECTIVES.forEach(o -> args.addAll(List.of("-O", o)));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    return new String[] {out.toString(), err.toString()};
  }

  private static Marks marks() throws Exception {
    Curve curve = curve(Files.readAllLines(EXAMPLE));
    List<Objective> objectives = OBJECTIVES.stream().map(ObjectiveParser::parse).toList();
    return EvaluateCommand.marks(CurveSummary.of(curve, AT, objectives));
  }

  private static Curve curve(List<String> lines) {
    double[] scores = new double[lines.size() - 1];
    boolean[] labels = new boolean[lines.size() - 1];
    for (int i = 1; i < lines.size(); i++) {
      String[] fields = lines.get(i).split(",");
      scores[i - 1] = Double.parseDouble(fields[0]);
      labels[i - 1] = fields[1].equals("1");
    }
    return Curve.of(scores, labels);
  }

  @Test
  void everyFeasibleObjectiveTheBestF1AndEachAtThresholdAreMarkedWhereTheReportPutsThem()
      throws Exception {
    JsonNode report = new ObjectMapper().readTree(run(args("--format", "json"))[0]);
    List<Double> printed = new ArrayList<>();
    printed.add(report.at("/bestF1/threshold").asDouble());
    for (JsonNode o : report.get("objectives")) {
      if (o.get("feasible").asBoolean()) {
        printed.add(o.get("threshold").asDouble());
      }
    }
    report.get("at").forEach(a -> printed.add(a.get("threshold").asDouble()));
    List<Double> marked = marks().marks().stream().map(Marks.Mark::threshold).toList();
    // threshold=0.1 and --at 0.1 are one point: one marker
    assertThat(marked).containsExactlyElementsOf(printed.stream().distinct().toList());
    assertThat(marked).hasSize(5);
  }

  @Test
  void eachMarkIsNamedByWhatChoseItWithItsThresholdAndRates() throws Exception {
    List<String> labels = marks().marks().stream().map(Marks.Mark::label).toList();
    assertThat(labels.get(0)).startsWith("best F1 0.1916: t=0.0882906")
        .contains("precision 0.1380, recall 0.3133");
    assertThat(labels.get(1)).startsWith("recall@precision>=0.2: t=0.377805")
        .contains("precision 0.2034, recall 0.0232");
    assertThat(labels.get(2)).startsWith("cost:fn=10,fp=1: t=0.0627023");
    assertThat(labels.get(3)).startsWith("threshold=0.1 and --at 0.1: t=0.1")
        .contains("precision 0.1411, recall 0.2708");
    assertThat(labels.get(4)).startsWith("--at 0.3: t=0.3");
    assertThat(String.join("\n", labels)).doesNotContain("precision>=0.99");
  }

  @Test
  void theChartsAreWrittenAsImagesTallEnoughForTheirLegendAndAnUnmarkedObjectiveIsNamed()
      throws Exception {
    Path pr = dir.resolve("pr.png");
    Path roc = dir.resolve("roc.png");
    Path metrics = dir.resolve("metrics.png");
    Path svg = dir.resolve("metrics=m.svg");
    String err = run(args("--plot", pr.toString(), "--plot", roc.toString(), "--plot",
        metrics.toString(), "--plot", "metrics=" + dir.resolve("m.svg")))[1];
    assertThat(err).contains("wrote PR chart to " + pr).contains("wrote ROC chart to " + roc)
        .contains("wrote metrics chart to " + metrics)
        .contains("not marked on the charts: recall@precision>=0.99 chooses no threshold");
    for (Path png : List.of(pr, roc, metrics)) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image.getWidth()).isEqualTo(900);
      // five marks of two legend lines each, and two to five lines: taller than the 800 default
      assertThat(image.getHeight()).isBetween(801, 1100);
    }
    assertThat(Files.readString(dir.resolve("m.svg"))).contains("<svg");
    assertThat(svg).doesNotExist();
    String fewer = run("evaluate", EXAMPLE.toString(), "--plot", pr.toString())[1];
    assertThat(fewer).contains("wrote PR chart");
    assertThat(ImageIO.read(pr.toFile()).getHeight()).isEqualTo(800);
  }
}
