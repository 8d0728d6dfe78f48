package dev.setpoint.cli;

import static dev.setpoint.cli.CliRun.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code setpoint policy validate} warns when a segment's recorded expectation falls short of its
 * objective's target (docs/policy.md#validation).
 */
class ValidatePromiseTest {

  private static final String SEGMENTS = Path.of("..", "examples",
      "lending_club_bad_hgb_oof_segments.csv").toString();

  @TempDir Path dir;

  @Test
  void anInheritedThresholdWhosePrecisionInTheSegmentIsBelowTheTargetIsAWarning() {
    Path policy = dir.resolve("segments.yaml");
    CliRun chose = run("choose", SEGMENTS, "--segment", "term,grade", "--min-positives", "30", "-O",
        "recall@precision>=0.2", "-o", policy.toString());
    assertThat(chose.code()).as(chose.err()).isZero();

    CliRun r = run("policy", "validate", policy.toString());
    assertThat(r.code()).as(r.out()).isZero(); // a warning, not an error
    assertThat(r.out()).contains("warning: /segments/9/provenance/expected/precision: segment "
        + "'60m/C' expects precision 0.0000 at its thresholds, below the target 0.2 of its objective "
        + "'recall@precision>=0.2'").contains("accept that it promises nothing there (monitoring "
        + "reports no promise for it)");
    // 60m/E: 1 of 7 flagged is positive.
    assertThat(r.out()).contains("segment '60m/E' expects precision 0.1429 at its thresholds")
        .contains("accept the lower figure, which monitoring holds it to");
    // 36m/G inherits 36m's threshold and reaches 2/7 there: above the target, no warning.
    assertThat(r.out()).doesNotContain("'36m/G' expects").doesNotContain("'60m/D' expects");

    CliRun strict = run("policy", "validate", "--strict", policy.toString());
    assertThat(strict.code()).isEqualTo(ExitCodes.DATA_ERROR);
  }

  @Test
  void aRecallTargetAndABlockPrecisionTargetAreCheckedToo() throws IOException {
    Path policy = Files.writeString(dir.resolve("short.yaml"), """
        apiVersion: setpoint/v1
        kind: Policy
        name: short
        segments:
          - name: eu
            match: {region: eu}
            bands:
              - {action: review, minScore: 0.5}
              - {action: allow}
            provenance:
              objective: precision@recall>=0.8
              expected: {precision: 0.4, recall: 0.6, flagRate: 0.1,
                bands: [{action: review, rows: 10, positives: 4}, {action: allow, rows: 90, positives: 3}]}
          - name: default
            match: {}
            bands:
              - {action: block, minScore: 0.9}
              - {action: allow}
            provenance:
              objective: "bands: block precision>=0.95, review flags<=10"
              expected: {precision: 0.5, recall: 0.5, flagRate: 0.1,
                bands: [{action: block, rows: 10, positives: 5}, {action: allow, rows: 90, positives: 5}]}
        """);

    CliRun r = run("policy", "validate", policy.toString());

    assertThat(r.code()).as(r.out()).isZero();
    assertThat(r.out()).contains("/segments/0/provenance/expected/recall: segment 'eu' expects "
        + "recall 0.6000 at its thresholds, below the target 0.8")
        .contains("/segments/1/provenance/expected/bands/0: segment 'default' expects block "
            + "precision 0.5000 at its thresholds, below the target 0.95");
  }
}
