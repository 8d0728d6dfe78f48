package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.setpoint.policy.Policy;
import dev.setpoint.policy.PolicyDocuments;
import dev.setpoint.policy.Provenance;
import dev.setpoint.policy.Segment;
import dev.setpoint.policy.Validation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The figures {@code setpoint choose --segment} reports for each segment: a segment that falls back
 * reports its own rows at the threshold it inherits, says where that threshold comes from, and the
 * report agrees with the policy written with {@code -o} (docs/definitions.md#segment-fallback).
 */
class ChooseSegmentFiguresTest {

  private static final String SEGMENTS = Path.of("..", "examples",
      "lending_club_bad_hgb_oof_segments.csv").toString();

  @TempDir Path dir;

  private static JsonNode segments(CliRun r) throws IOException {
    assertThat(r.code()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out()).get("objectives").get(0).get("segments");
  }

  private static JsonNode segment(JsonNode segments, String label) {
    for (JsonNode s : segments) {
      List<String> key = new ArrayList<>();
      s.get("segment").forEach(v -> key.add(v.asText()));
      if (String.join("/", key).equals(label)) {
        return s;
      }
    }
    throw new AssertionError("no segment " + label + " in " + segments);
  }

  @Test
  void aSegmentThatFallsBackReportsItsOwnCountsAtTheInheritedThreshold() throws IOException {
    JsonNode all = segments(run("choose", SEGMENTS, "--segment", "term,grade", "--min-positives",
        "30", "-O", "recall@precision>=0.2", "-f", "json"));
    JsonNode sixtyA = segment(all, "60m/A");
    JsonNode sixtyE = segment(all, "60m/E");

    // 60m/A has no positives: at 60m's threshold it flags none of its rows — not 60m's 23 with TP 5.
    assertThat(sixtyA.get("thresholdFrom").asText()).isEqualTo("parent");
    assertThat(sixtyA.get("source").get(0).asText()).isEqualTo("60m");
    JsonNode a = sixtyA.get("selection");
    assertThat(a.get("threshold").asDouble()).isEqualTo(0.4141234933743694);
    assertThat(a.get("tp").asDouble() + a.get("fp").asDouble()).isZero();
    assertThat(a.get("precision").isNull()).isTrue();
    // 60m/E at the same threshold: 7 flagged, 1 caught.
    JsonNode e = sixtyE.get("selection");
    assertThat(e.get("tp").asLong()).isEqualTo(1);
    assertThat(e.get("fp").asLong()).isEqualTo(6);
    assertThat(e.get("objectiveValue").asDouble()).isEqualTo(e.get("recall").asDouble());
    assertThat(segment(all, "60m/D").get("thresholdFrom").asText()).isEqualTo("own");
  }

  @Test
  void theTableSaysWhereEachThresholdComesFromAndGivesTheSegmentsOwnCounts() {
    CliRun r = run("choose", SEGMENTS, "--segment", "term,grade", "--min-positives", "30", "-O",
        "recall@precision>=0.2");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("threshold from")
        .containsPattern("(?m)^  \\(default: all rows\\) .* 59 .* own$")
        .containsPattern("(?m)^  60m/A +0\\.4141234933743694 +0 +0 +0 +- +- +- +inherited from 60m$")
        .containsPattern("(?m)^  60m/E +0\\.4141234933743694 +7 +1 +6 .* inherited from 60m$")
        .containsPattern("(?m)^  36m/D .* own$");
  }

  @Test
  void theReportAndTheWrittenPolicyGiveEverySegmentTheSameCounts() throws IOException {
    for (String objective : List.of("recall@precision>=0.2", "f1", "cost:fn=10,fp=1",
        "budget:rate<=0.01")) {
      Path file = dir.resolve("p" + Math.abs(objective.hashCode()) + ".json");
      JsonNode all = segments(run("choose", SEGMENTS, "--segment", "term,grade", "--min-positives",
          "30", "-O", objective, "-f", "json", "-o", file.toString()));
      Policy policy = ((Validation.Valid) PolicyDocuments.read(file)).policy();
      Map<List<String>, Provenance> written = new HashMap<>();
      for (Segment s : policy.segments()) {
        Provenance p = s.provenance().orElseThrow();
        written.put(p.data().orElseThrow().segment(), p);
      }
      assertThat(written).hasSize(all.size());
      for (JsonNode s : all) {
        List<String> key = new ArrayList<>();
        s.get("segment").forEach(v -> key.add(v.asText()));
        JsonNode sel = s.get("selection");
        Provenance p = written.get(key);
        assertThat(p).as("%s %s", objective, key).isNotNull();
        List<Provenance.BandExpectation> bands = p.expected().orElseThrow().bands();
        double flagged = bands.size() == 2 ? bands.get(0).rows() : 0;
        double caught = bands.size() == 2 ? bands.get(0).positives() : 0;
        assertThat(sel.get("tp").asDouble() + sel.get("fp").asDouble()).as("%s %s flagged",
            objective, key).isEqualTo(flagged);
        assertThat(sel.get("tp").asDouble()).as("%s %s TP", objective, key).isEqualTo(caught);
        if (sel.get("precision").isNull()) {
          assertThat(p.expected().orElseThrow().precision()).as("%s %s", objective, key).isEmpty();
        } else {
          assertThat(p.expected().orElseThrow().precision().getAsDouble()).as("%s %s", objective, key)
              .isEqualTo(sel.get("precision").asDouble());
        }
      }
    }
  }

  @Test
  void segmentsAreListedInKeyOrderInTheTableTheJsonAndThePolicy() throws IOException {
    Path file = dir.resolve("sorted.yaml");
    CliRun table = run("choose", SEGMENTS, "--segment", "term,grade", "-O", "f1");
    JsonNode all = segments(run("choose", SEGMENTS, "--segment", "term,grade", "-O", "f1", "-f",
        "json", "-o", file.toString()));
    Policy policy = ((Validation.Valid) PolicyDocuments.read(file)).policy();

    List<String> expected = List.of("36m/A", "36m/B", "36m/C", "36m/D", "36m/E", "36m/F", "36m/G",
        "60m/A", "60m/B", "60m/C", "60m/D", "60m/E", "60m/F", "60m/G");
    List<String> json = new ArrayList<>();
    for (JsonNode s : all) {
      List<String> key = new ArrayList<>();
      s.get("segment").forEach(v -> key.add(v.asText()));
      json.add(String.join("/", key));
    }
    List<String> withDefault = new ArrayList<>(List.of(""));
    withDefault.addAll(expected);
    assertThat(json).containsExactlyElementsOf(withDefault);
    List<String> rows = new ArrayList<>();
    for (String line : table.out().split("\\R")) {
      if (line.matches("  (\\(default|(36|60)m/).*")) {
        rows.add(line.substring(2).split(" +")[0]);
      }
    }
    List<String> tableOrder = new ArrayList<>(List.of("(default:"));
    tableOrder.addAll(expected);
    assertThat(rows).containsExactlyElementsOf(tableOrder);
    List<String> policyOrder = new ArrayList<>(expected);
    policyOrder.add("default"); // last: it serves what no segment above matches
    assertThat(policy.segments()).extracting(Segment::name).containsExactlyElementsOf(policyOrder);
  }

  @Test
  void bandsPerSegmentAreReportedOnEachSegmentsOwnRowsAsThePolicyRecordsThem() throws IOException {
    Path file = dir.resolve("bands.json");
    CliRun r = run("choose", SEGMENTS, "--segment", "term,grade", "--block-precision", "0.2",
        "--review-capacity", "rate<=0.05", "-f", "json", "-o", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode bands = new ObjectMapper().readTree(r.out()).get("bands");
    Policy policy = ((Validation.Valid) PolicyDocuments.read(file)).policy();
    Map<List<String>, Provenance> written = new HashMap<>();
    for (Segment s : policy.segments()) {
      Provenance p = s.provenance().orElseThrow();
      written.put(p.data().orElseThrow().segment(), p);
    }

    JsonNode segments = bands.get("segments");
    assertThat(segments).hasSize(14);
    for (JsonNode s : segments) {
      List<String> key = new ArrayList<>();
      s.get("segment").forEach(v -> key.add(v.asText()));
      Map<String, Provenance.BandExpectation> expected = new HashMap<>();
      written.get(key).expected().orElseThrow().bands().forEach(b -> expected.put(b.action(), b));
      for (String band : List.of("block", "review", "allow")) {
        Provenance.BandExpectation e = expected.getOrDefault(band,
            new Provenance.BandExpectation(band, 0, 0));
        assertThat(s.get(band).get("rows").asDouble()).as("%s %s rows", key, band)
            .isEqualTo(e.rows());
        assertThat(s.get(band).get("positives").asDouble()).as("%s %s positives", key, band)
            .isEqualTo(e.positives());
      }
    }
    // 60m/C cannot reach block precision 0.2 on its own: the default's thresholds, its own rows.
    JsonNode sixtyC = segments.get(9);
    assertThat(sixtyC.get("segment").toString()).isEqualTo("[\"60m\",\"C\"]");
    assertThat(sixtyC.get("thresholdFrom").asText()).isEqualTo("default");
    assertThat(sixtyC.get("blockThreshold").asDouble()).isEqualTo(bands.get("blockThreshold")
        .asDouble());
    assertThat(sixtyC.get("block").get("rows").asDouble()).isEqualTo(1);
    assertThat(sixtyC.get("fallbackReason").asText()).startsWith("60m/C: the block band cannot "
        + "reach precision 0.2").endsWith("; using the default's thresholds");
  }

  @Test
  void aFallbackSegmentWithoutPositivesSaysItsCountsAtAPrevalenceAreTheSamples() throws IOException {
    JsonNode all = segments(run("choose", SEGMENTS, "--segment", "term,grade", "-O",
        "cost:fn=10,fp=1;prevalence=0.02", "-f", "json"));

    assertThat(segment(all, "60m/A").get("countsNotReweighted").asText())
        .isEqualTo("sample counts, not reweighted: this segment has no positives");
    assertThat(segment(all, "60m/E").has("countsNotReweighted")).isFalse();
  }
}
