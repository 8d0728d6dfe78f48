package dev.setpoint.cli.choose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.cli.Main;
import dev.setpoint.cli.input.ScoredData;
import dev.setpoint.cli.plot.Marks;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.CurveBuilder;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.read.ReadOptions;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.read.ScoreFormat;
import dev.setpoint.select.Objective;
import dev.setpoint.select.ObjectiveParser;
import dev.setpoint.select.SegmentedSelection;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code choose --plot}: one chart per segment, marking the threshold the report prints for it. */
class ChoicePlotsTest {

  private static final Path SEGMENTS = Path.of("..", "examples",
      "lending_club_bad_hgb_oof_segments.csv");
  private static final String OBJECTIVE = "recall@precision>=0.2";

  @TempDir Path dir;

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    assertThat(code).as(err.toString()).isZero();
    return new String[] {out.toString(), err.toString()};
  }

  /** The file's curves by term/grade and by term (parents), read without the CLI. */
  private static ScoredData data() throws Exception {
    List<String> lines = Files.readAllLines(SEGMENTS);
    CurveBuilder overall = Curve.builder();
    Map<SegmentKey, CurveBuilder> builders = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      double score = Double.parseDouble(f[0]);
      boolean positive = f[1].equals("1");
      overall.add(score, positive, 1);
      builders.computeIfAbsent(new SegmentKey(List.of(f[2], f[3])), k -> Curve.builder())
          .add(score, positive, 1);
      builders.computeIfAbsent(new SegmentKey(List.of(f[2])), k -> Curve.builder())
          .add(score, positive, 1);
    }
    Map<SegmentKey, Curve> curves = new LinkedHashMap<>();
    builders.forEach((k, b) -> curves.put(k, b.build()));
    Curve all = overall.build();
    return new ScoredData(SEGMENTS.getFileName().toString(), ReadOptions.defaults(),
        new ReadSummary(SEGMENTS.toString(), ScoreFormat.CSV, lines.size() - 1, lines.size() - 1,
            (long) all.positives(), (long) all.negatives(), Map.of(), List.of()),
        all, List.of("term", "grade"), curves, Map.of());
  }

  @Test
  void eachSegmentsChartMarksTheThresholdTheReportPrintsAndNamesAnInheritedOne() throws Exception {
    JsonNode report = new ObjectMapper().readTree(run("choose", SEGMENTS.toString(), "-O", OBJECTIVE,
        "--segment", "term,grade", "--min-positives", "20", "--format", "json")[0]);
    ScoredData data = data();
    Objective objective = ObjectiveParser.parse(OBJECTIVE);
    Map<SegmentKey, Marks> marks = new ChoicePlots(data).objective(objective,
        new SegmentedSelection(objective, 20, 0).choose(data.overall(), data.segments(), 2)).marks();
    int inherited = 0;
    for (JsonNode s : report.at("/objectives/0/segments")) {
      List<String> values = new ArrayList<>();
      s.get("segment").forEach(v -> values.add(v.asText()));
      SegmentKey key = new SegmentKey(values);
      Marks m = marks.get(key);
      assertThat(m).as(key.label()).isNotNull();
      if (!s.at("/selection/feasible").asBoolean()) {
        assertThat(m.marks()).isEmpty();
        continue;
      }
      assertThat(m.marks()).hasSize(1);
      Marks.Mark mark = m.marks().get(0);
      double threshold = s.at("/selection/threshold").asDouble();
      assertThat(mark.threshold()).as(key.label()).isEqualTo(threshold);
      Curve own = values.isEmpty() ? data.overall() : data.segments().get(key);
      assertThat(mark.point()).isEqualTo(own.at(threshold));
      if (s.has("fallbackReason")) {
        inherited++;
        assertThat(mark.label()).startsWith(OBJECTIVE + " (inherited from ");
      } else {
        assertThat(mark.label()).startsWith(OBJECTIVE + ": t=");
      }
    }
    assertThat(inherited).isPositive();
    assertThat(marks).hasSize(report.at("/objectives/0/segments").size());
  }

  @Test
  void withSegmentsEachSegmentGetsItsOwnFileBesideTheDefaults() throws Exception {
    Path pr = dir.resolve("pr.png");
    String err = run("choose", SEGMENTS.toString(), "-O", OBJECTIVE, "--segment", "term,grade",
        "--min-positives", "20", "--plot", pr.toString())[1];
    assertThat(err).contains("wrote PR chart to " + pr)
        .contains("wrote PR chart of segment 36m/C to " + dir.resolve("pr-36m_C.png"))
        .contains("no PR chart for segment 60m/A: it has only negatives");
    assertThat(dir.resolve("pr-60m_A.png")).doesNotExist();
    BufferedImage image = ImageIO.read(dir.resolve("pr-60m_G.png").toFile());
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(800);
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("pr-"))).hasSize(13);
    }
  }

  @Test
  void withoutSegmentsTheBandsAndTheObjectivesAreMarkedOnOneChart() throws Exception {
    Path metrics = dir.resolve("metrics.png");
    String err = run("choose", SEGMENTS.toString(), "-O", OBJECTIVE, "-O", "f1",
        "--block-precision", "0.2", "--review-capacity", "flags<=500", "--plot",
        metrics.toString())[1];
    assertThat(err).contains("wrote metrics chart to " + metrics);
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(metrics);
    }
    assertThat(ImageIO.read(metrics.toFile()).getHeight()).isGreaterThan(800);
  }
}
