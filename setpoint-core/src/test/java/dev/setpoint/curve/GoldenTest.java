package dev.setpoint.curve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.curve.Curve.PrCurve;
import dev.setpoint.curve.Curve.RocCurve;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the engine against scikit-learn 1.2.1's {@code precision_recall_curve}, {@code roc_curve}, {@code
 * average_precision_score} and {@code roc_auc_score} at 1e-12 relative. The expectations are generated
 * once by {@code src/test/python/make_goldens.py} (the command is in its docstring) and committed.
 *
 * <p>Two scikit-learn conventions differ from ours in shape, not in value, and are mapped here:
 *
 * <ol>
 *   <li>{@code precision_recall_curve} returns every point in ascending threshold, then appends the
 *       end point (precision 1, recall 0); 1.2 no longer truncates at full recall (that went in 1.1,
 *       scikit-learn PR #23214). Our {@link PrCurve} starts with the end point and then lists the points
 *       in descending threshold, so the reversed arrays must match ours point for point.
 *   <li>{@code roc_curve} in 1.2 prepends the threshold {@code max + 1}; ours is {@code +Infinity}. Rates
 *       are compared everywhere, thresholds from index 1.
 * </ol>
 */
public class GoldenTest {

  private static final double TOLERANCE = 1e-12;
  private static final String[] CASES = {
    "breast_cancer_logreg_oof", "lending_club_bad_hgb_oof", "ties_across_classes",
    "ties_within_class", "all_equal", "one_row_per_class", "weighted_integer", "weighted_fractional",
    "signed_zero_and_extremes", "random_ties_weighted", "random_ties_unweighted"
  };

  static Stream<String> cases() {
    return Stream.of(CASES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesScikitLearn(String name) throws IOException {
    JsonNode golden = new ObjectMapper().readTree(resource("goldens/" + name + ".json"));
    assertThat(golden.get("sklearn").asText()).isEqualTo("1.2.1");
    Curve curve = curveOf(golden);

    assertClose("average precision", curve.averagePrecision(),
        golden.get("averagePrecision").asDouble());
    assertClose("ROC AUC", curve.rocAuc(), golden.get("rocAuc").asDouble());
    comparePr(curve.prCurve(), golden.get("precisionRecallCurve"));
    compareRoc(curve.rocCurve(), golden.get("rocCurve"));
  }

  private static void comparePr(PrCurve ours, JsonNode sk) {
    double[] precision = reversed(doubles(sk.get("precision")));
    double[] recall = reversed(doubles(sk.get("recall")));
    double[] thresholds = reversed(doubles(sk.get("thresholds")));
    // sklearn after reversal: [end point (1, 0), then thresholds descending down to its cut].
    assertThat(ours.precision()[0]).isEqualTo(precision[0]);
    assertThat(ours.recall()[0]).isEqualTo(recall[0]);
    for (int i = 0; i < thresholds.length; i++) {
      assertThat(ours.thresholds()[i + 1]).as("PR threshold %d", i).isEqualTo(thresholds[i]);
      assertClose("precision at " + thresholds[i], ours.precision()[i + 1], precision[i + 1]);
      assertClose("recall at " + thresholds[i], ours.recall()[i + 1], recall[i + 1]);
    }
    assertThat(ours.size()).as("PR points").isEqualTo(thresholds.length + 1);
  }

  private static void compareRoc(RocCurve ours, JsonNode sk) {
    double[] fpr = doubles(sk.get("fpr"));
    double[] tpr = doubles(sk.get("tpr"));
    double[] thresholds = doubles(sk.get("thresholds"));
    assertThat(ours.thresholds()).hasSameSizeAs(thresholds);
    assertThat(ours.thresholds()[0]).isEqualTo(Double.POSITIVE_INFINITY);
    for (int i = 0; i < thresholds.length; i++) {
      if (i > 0) {
        assertThat(ours.thresholds()[i]).as("ROC threshold %d", i).isEqualTo(thresholds[i]);
      }
      assertClose("FPR " + i, ours.falsePositiveRate()[i], fpr[i]);
      assertClose("TPR " + i, ours.truePositiveRate()[i], tpr[i]);
    }
  }

  static void assertClose(String what, double actual, double expected) {
    double scale = Math.max(Math.abs(actual), Math.abs(expected));
    assertThat(Math.abs(actual - expected))
        .as("%s: actual %s, expected %s", what, actual, expected)
        .isLessThanOrEqualTo(TOLERANCE * scale);
  }

  /** The curve of a golden case's data. */
  public static Curve curveOf(JsonNode golden) throws IOException {
    double[] scores;
    boolean[] labels;
    if (!golden.get("dataFile").isNull()) {
      List<String> lines = new ArrayList<>();
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(
          resource(golden.get("dataFile").asText()), StandardCharsets.UTF_8))) {
        reader.readLine(); // header score,label
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.add(line);
        }
      }
      scores = new double[lines.size()];
      labels = new boolean[lines.size()];
      for (int i = 0; i < lines.size(); i++) {
        String[] fields = lines.get(i).split(",");
        scores[i] = Double.parseDouble(fields[0]);
        labels[i] = Integer.parseInt(fields[1]) == 1;
      }
    } else {
      scores = doubles(golden.get("scores"));
      JsonNode y = golden.get("labels");
      labels = new boolean[y.size()];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = y.get(i).asInt() == 1;
      }
    }
    JsonNode weights = golden.get("weights");
    return weights.isNull() ? Curve.of(scores, labels) : Curve.of(scores, labels, doubles(weights));
  }

  /** A test resource, which must exist. */
  public static InputStream resource(String name) {
    InputStream in = GoldenTest.class.getClassLoader().getResourceAsStream(name);
    assertThat(in).as("test resource %s", name).isNotNull();
    return in;
  }

  private static double[] doubles(JsonNode array) {
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asDouble();
    }
    return values;
  }

  private static double[] reversed(double[] values) {
    double[] r = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      r[i] = values[values.length - 1 - i];
    }
    return r;
  }
}
