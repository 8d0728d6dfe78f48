package dev.setpoint.select;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.curve.GoldenTest;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Max recall at precision ≥ p and max F1 on the real score files equal, to the bit, the operating
 * points derived from scikit-learn's own cumulative counts ({@code make_goldens.py}, {@code
 * selections}) and a brute-force scan that recounts every row at every distinct threshold.
 * lending_club_bad reaches no p in {0.5, 0.8, 0.9, 0.95}: it must answer Infeasible with the nearest
 * point, the highest precision reachable.
 */
class SelectionGoldenTest {

  @ParameterizedTest
  @ValueSource(strings = {"breast_cancer_logreg_oof", "lending_club_bad_hgb_oof"})
  void matchesScikitLearnDerivedPointsAndBruteForce(String name) throws IOException {
    JsonNode golden = new ObjectMapper().readTree(GoldenTest.resource("goldens/" + name + ".json"));
    Curve curve = GoldenTest.curveOf(golden);
    for (Map.Entry<String, JsonNode> entry : golden.get("selections").properties()) {
      Objective objective = ObjectiveParser.parse(entry.getKey());
      JsonNode expected = entry.getValue();
      Selection selection = objective.select(curve);
      if (expected.get("feasible").asBoolean()) {
        assertThat(selection).as(entry.getKey()).isInstanceOf(Selection.Feasible.class);
        Selection.Feasible f = (Selection.Feasible) selection;
        assertThat(f.threshold()).as(entry.getKey()).isEqualTo(expected.get("threshold").asDouble());
        assertThat(f.point().confusion().truePositives()).isEqualTo(expected.get("tp").asDouble());
        assertThat(f.point().confusion().falsePositives()).isEqualTo(expected.get("fp").asDouble());
      } else {
        assertThat(selection).as(entry.getKey()).isInstanceOf(Selection.Infeasible.class);
        Selection.Infeasible inf = (Selection.Infeasible) selection;
        assertThat(inf.nearest()).isPresent();
        assertThat(inf.nearest().get().threshold())
            .isEqualTo(expected.get("nearestThreshold").asDouble());
        assertThat(inf.nearest().get().confusion().truePositives())
            .isEqualTo(expected.get("tp").asDouble());
        assertThat(inf.reason()).startsWith("no threshold reaches precision")
            .contains("the highest precision is");
      }
      assertThat(selection).as("brute force, " + entry.getKey())
          .isEqualTo(BruteForce.select(objective, curve));
    }
  }
}
