package dev.setpoint.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per validation rule: the path and the sentence a reviewer sees. */
class PolicyValidationTest {

  static final String BASE = """
      apiVersion: setpoint/v1
      kind: Policy
      name: card-fraud
      model: { name: fraud-gbm, version: "7", scoreRange: { min: 0, max: 1 } }
      segments:
        - name: eu-premium
          match: { jurisdiction: EU, tier: premium }
          bands:
            - { action: block, minScore: 0.97 }
            - { action: review, minScore: 0.62, queue: eu }
            - { action: allow }
        - name: eu
          match: { jurisdiction: EU }
          bands:
            - { action: review, minScore: 0.5 }
            - { action: allow }
        - name: default
          match: {}
          bands:
            - { action: review, minScore: 0.3 }
            - { action: allow }
      """;

  static Validation yaml(String text) {
    return PolicyDocuments.parse(text, PolicyDocuments.Format.YAML, "policy.yaml");
  }

  static List<Problem> errors(String text) {
    Validation v = yaml(text);
    assertThat(v).as("expected errors").isInstanceOf(Validation.Invalid.class);
    return ((Validation.Invalid) v).errors();
  }

  static Problem onlyError(String text) {
    List<Problem> errors = errors(text);
    assertThat(errors).as(errors.toString()).hasSize(1);
    return errors.get(0);
  }

  static List<Problem> warnings(String text) {
    Validation v = yaml(text);
    assertThat(v).as(v.toString()).isInstanceOf(Validation.Valid.class);
    return v.warnings();
  }

  @Test
  void baseDocumentIsValid() {
    Validation v = yaml(BASE);
    assertThat(v).isInstanceOf(Validation.Valid.class);
    Policy p = ((Validation.Valid) v).policy();
    assertThat(p.segments()).extracting(Segment::name).containsExactly("eu-premium", "eu", "default");
    assertThat(p.segments().get(0).bands().get(1).queue()).contains("eu");
  }

  @Test
  void workedExampleIsValidWithoutErrors() throws IOException {
    Validation v = PolicyDocuments.read(Path.of("../examples/policies/card-fraud.yaml"));
    assertThat(v).as(v.toString()).isInstanceOf(Validation.Valid.class);
  }

  @Test
  void unknownFieldIsNamedWithTheFieldItWasMeantToBe() {
    Problem p = onlyError(BASE.replace("{ action: block, minScore: 0.97 }",
        "{ action: block, minscore: 0.97 }"));
    assertThat(p.pointer()).isEqualTo("/segments/0/bands/0/minscore");
    assertThat(p.message()).startsWith("unknown field 'minscore' (did you mean 'minScore'?)");
    assertThat(p.position()).contains(new Problem.Position(9, 26));
  }

  @Test
  void unknownTopLevelField() {
    Problem p = onlyError(BASE + "owner: risk\n");
    assertThat(p.pointer()).isEqualTo("/owner");
    assertThat(p.message()).contains("unknown field 'owner'").contains("allowed here: apiVersion");
  }

  @Test
  void missingDefaultSegment() {
    Problem p = onlyError(BASE.replace("name: default\n    match: {}",
        "name: us\n    match: { jurisdiction: US }"));
    assertThat(p.pointer()).isEqualTo("/segments/2/match");
    assertThat(p.message()).startsWith("the last segment must match every request (match: {})");
  }

  @Test
  void shadowedSegmentNamesWhatTakesItsRequests() {
    // The general segment first: all of EU goes to 'eu', so eu-premium can never match.
    String swapped = BASE.replace("name: eu-premium\n    match: { jurisdiction: EU, tier: premium }",
        "name: tmp\n    match: { jurisdiction: EU }").replace("name: eu\n    match: { jurisdiction: EU }",
        "name: eu-premium\n    match: { jurisdiction: EU, tier: premium }");
    Problem p = onlyError(swapped);
    assertThat(p.pointer()).isEqualTo("/segments/1/match");
    assertThat(p.message()).isEqualTo("segment 'eu-premium' can never match: every request it "
        + "matches is taken first by 'tmp' (/segments/0)");
  }

  @Test
  void segmentShadowedByTheUnionOfEarlierSegments() {
    String text = BASE.replace("match: { jurisdiction: EU, tier: premium }",
        "match: { tier: [premium, gold] }").replace("match: { jurisdiction: EU }\n",
        "match: { tier: standard }\n").replace("  - name: default\n", """
          - name: late
            match: { tier: [gold, standard] }
            bands: [ { action: allow } ]
          - name: default
        """);
    Problem p = onlyError(text);
    assertThat(p.pointer()).isEqualTo("/segments/2/match");
    assertThat(p.message()).contains("'late' can never match")
        .contains("'eu-premium' (/segments/0), 'eu' (/segments/1)");
  }

  @Test
  void duplicateMatchIsReportedAsSuch() {
    Problem p = onlyError(BASE.replace("match: { jurisdiction: EU }\n",
        "match: { tier: premium, jurisdiction: EU }\n"));
    assertThat(p.pointer()).isEqualTo("/segments/1/match");
    assertThat(p.message()).contains("has the same match as 'eu-premium' (/segments/0)");
  }

  @Test
  void duplicateSegmentName() {
    Problem p = onlyError(BASE.replace("name: eu\n", "name: eu-premium\n"));
    assertThat(p.pointer()).isEqualTo("/segments/1/name");
    assertThat(p.message()).isEqualTo("duplicate segment name 'eu-premium' (also /segments/0)");
  }

  @Test
  void matchEverythingBeforeTheEndShadowsTheRest() {
    List<Problem> errors = errors(BASE.replace("match: { jurisdiction: EU }\n", "match: {}\n"));
    assertThat(errors).extracting(Problem::pointer).contains("/segments/1/match");
    assertThat(errors.get(0).message()).contains("matches every request, so the 1 segment(s) after it "
        + "can never match");
  }

  @Test
  void nonMonotoneBands() {
    Problem p = onlyError(BASE.replace("minScore: 0.62", "minScore: 0.99"));
    assertThat(p.pointer()).isEqualTo("/segments/0/bands/1/minScore");
    assertThat(p.message()).isEqualTo("bands must go from the highest minScore down: 0.99 is above "
        + "band 0's 0.97");
  }

  @Test
  void overlappingBands() {
    Problem p = onlyError(BASE.replace("minScore: 0.62", "minScore: 0.97"));
    assertThat(p.pointer()).isEqualTo("/segments/0/bands/1/minScore");
    assertThat(p.message()).startsWith("overlapping bands: minScore 0.97 equals that of band 0");
  }

  @Test
  void thresholdOutsideTheDeclaredScoreRange() {
    Problem p = onlyError(BASE.replace("minScore: 0.97", "minScore: 1.5"));
    assertThat(p.pointer()).isEqualTo("/segments/0/bands/0/minScore");
    assertThat(p.message()).isEqualTo("1.5 is outside the model's score range [0.0, 1.0] "
        + "(/model/scoreRange)");
  }

  @Test
  void nanThresholdInYaml() {
    List<Problem> errors = errors(BASE.replace("minScore: 0.62", "minScore: .nan"));
    assertThat(errors).extracting(Problem::pointer).containsExactly("/segments/0/bands/1/minScore");
    assertThat(errors.get(0).message()).isEqualTo("must be a finite number, was .nan");
  }

  @Test
  void nanThresholdInJson() {
    String json = """
        {"apiVersion":"setpoint/v1","kind":"Policy","name":"p","segments":[
          {"name":"default","match":{},"bands":[{"action":"review","minScore":NaN},{"action":"allow"}]}]}
        """;
    Validation v = PolicyDocuments.parse(json, PolicyDocuments.Format.JSON, "p.json");
    assertThat(v).isInstanceOf(Validation.Invalid.class);
    Problem p = ((Validation.Invalid) v).errors().get(0);
    assertThat(p.pointer()).isEqualTo("/segments/0/bands/0/minScore");
    assertThat(p.message()).isEqualTo("must be a finite number, was NaN");
    assertThat(p.position()).contains(new Problem.Position(2, 60));
  }

  @Test
  void unknownActionWithSuggestion() {
    Problem p = onlyError(BASE.replace("{ action: review, minScore: 0.5 }",
        "{ action: reveiw, minScore: 0.5 }"));
    assertThat(p.pointer()).isEqualTo("/segments/1/bands/0/action");
    assertThat(p.message()).startsWith("unknown action 'reveiw' (did you mean 'review'?)");
  }

  @Test
  void declaredActionsMayBeUsed() {
    String text = BASE.replace("segments:\n", "actions:\n  - name: step-up\nsegments:\n")
        .replace("{ action: review, minScore: 0.5 }", "{ action: step-up, minScore: 0.5 }");
    assertThat(yaml(text)).isInstanceOf(Validation.Valid.class);
  }

  @Test
  void declaringABuiltInActionIsAnError() {
    Problem p = onlyError(BASE.replace("segments:\n", "actions:\n  - name: review\nsegments:\n"));
    assertThat(p.pointer()).isEqualTo("/actions/0/name");
    assertThat(p.message()).isEqualTo("'review' is built in; declare only new actions");
  }

  @Test
  void lastBandMustHaveNoMinScore() {
    Problem p = onlyError(BASE.substring(0, BASE.lastIndexOf("{ action: allow }"))
        + "{ action: allow, minScore: 0.1 }\n");
    assertThat(p.pointer()).isEqualTo("/segments/2/bands/1/minScore");
    assertThat(p.message()).startsWith("the last band takes every score the bands above leave");
  }

  @Test
  void everyBandButTheLastNeedsAMinScore() {
    Problem p = onlyError(BASE.replace("{ action: review, minScore: 0.5 }", "{ action: review }"));
    assertThat(p.pointer()).isEqualTo("/segments/1/bands/0");
    // Bands are numbered from 0, as in the pointer, the decision service's answers and decisions.csv.
    assertThat(p.message()).isEqualTo("missing minScore: every band but the last needs one (band 0 "
        + "of bands 0-1)");
  }

  @Test
  void emptyRangeCanNeverMatch() {
    Problem p = onlyError(BASE.replace("match: { jurisdiction: EU }\n",
        "match: { amount: { gt: 5, lt: 5 } }\n"));
    assertThat(p.pointer()).isEqualTo("/segments/1/match/amount");
    assertThat(p.message()).contains("holds no number");
  }

  @Test
  void attributeMatchedByValueAndByRange() {
    Problem p = onlyError(BASE.replace("match: { jurisdiction: EU }\n",
        "match: { tier: { gte: 3 } }\n"));
    assertThat(p.pointer()).isEqualTo("/segments/1/match/tier");
    assertThat(p.message()).startsWith("attribute 'tier' is matched by range here and by value in "
        + "/segments/0");
  }

  @Test
  void badConditionShapeGetsOneSentence() {
    Problem p = onlyError(BASE.replace("match: { jurisdiction: EU }\n",
        "match: { jurisdiction: { eq: EU } }\n"));
    assertThat(p.pointer()).isEqualTo("/segments/1/match/jurisdiction");
    assertThat(p.message()).startsWith("a condition is a value (tier: premium), a list of values");
  }

  @Test
  void wrongApiVersion() {
    Problem p = onlyError(BASE.replace("setpoint/v1", "setpoint/v2"));
    assertThat(p.pointer()).isEqualTo("/apiVersion");
    assertThat(p.message()).isEqualTo("must be 'setpoint/v1' (text), was 'setpoint/v2' (text)");
  }

  @Test
  void wrongTypeNamesBoth() {
    Problem p = onlyError(BASE.replace("minScore: 0.97", "minScore: high"));
    assertThat(p.pointer()).isEqualTo("/segments/0/bands/0/minScore");
    assertThat(p.message()).isEqualTo("must be a number, was 'high' (text)");
  }

  @Test
  void missingRequiredField() {
    Problem p = onlyError(BASE.replace("name: card-fraud\n", ""));
    assertThat(p.pointer()).isEqualTo("");
    assertThat(p.message()).isEqualTo("missing required field 'name'");
  }

  @Test
  void syntaxErrorHasALine() {
    Problem p = onlyError(BASE.replace("match: { jurisdiction: EU }\n", "match: { jurisdiction: EU\n"));
    assertThat(p.message()).startsWith("not valid YAML");
    assertThat(p.position()).isPresent();
  }

  @Test
  void duplicateKeysAreRefused() {
    Problem p = onlyError(BASE.replace("name: card-fraud\n", "name: card-fraud\nname: other\n"));
    assertThat(p.message()).contains("Duplicate field 'name'");
  }

  @Test
  void emptyDocument() {
    assertThat(onlyError("").message()).isEqualTo("the document is empty");
  }

  @Test
  void badTimestamp() {
    Problem p = onlyError(BASE.replace("scoreRange", "trainedAt: yesterday, scoreRange"));
    assertThat(p.pointer()).isEqualTo("/model/trainedAt");
    assertThat(p.message()).startsWith("must be a date-time such as");
  }

  @Test
  void warnsWhenNoScoreInTheProvenanceDataReachesABand() {
    String text = BASE + """
            provenance:
              objective: "f1"
              data: { sha256: %s, n: 10, positives: 2, maxScore: 0.25 }
              model: { name: fraud-gbm, version: "7" }
        """.formatted("a".repeat(64));
    List<Problem> w = warnings(text);
    assertThat(w).extracting(Problem::pointer).contains("/segments/2/bands/0/minScore");
    assertThat(w.stream().filter(x -> x.pointer().equals("/segments/2/bands/0/minScore")).findFirst()
        .orElseThrow().message()).startsWith("no score in the data these thresholds were chosen on "
        + "reaches 0.3 (the highest was 0.25)");
  }

  @Test
  void warnsWhenProvenanceIsForAnotherModelVersion() {
    String text = BASE + """
            provenance:
              objective: "f1"
              model: { name: fraud-gbm, version: "6" }
        """;
    Problem w = warnings(text).stream().filter(x -> x.pointer().equals("/segments/2/provenance/model"))
        .findFirst().orElseThrow();
    assertThat(w.message()).isEqualTo("the thresholds were chosen on scores of fraud-gbm 6 but the "
        + "policy serves fraud-gbm 7: choose them again on the new model's scores");
  }

  @Test
  void warnsWhenProvenanceIsOlderThanTheModel() {
    String text = BASE.replace("scoreRange", "trainedAt: 2026-11-01T00:00:00Z, scoreRange") + """
            provenance:
              objective: "f1"
              model: { name: fraud-gbm, version: "7" }
              createdAt: 2026-10-01T00:00:00Z
        """;
    assertThat(warnings(text)).extracting(Problem::pointer).contains("/segments/2/provenance/createdAt");
  }

  @Test
  void warnsWhenASegmentHasNoProvenance() {
    assertThat(warnings(BASE)).extracting(Problem::message)
        .contains("segment 'eu' has no provenance: nobody can tell how its thresholds were chosen");
  }

  @Test
  void problemsDescribeThemselvesLikeACompiler() {
    Problem p = onlyError(BASE.replace("minScore: 0.97", "minScore: 1.5"));
    assertThat(p.describe("policy.yaml")).isEqualTo("policy.yaml:9:26: /segments/0/bands/0/minScore: "
        + "1.5 is outside the model's score range [0.0, 1.0] (/model/scoreRange)");
  }

  @Test
  void warnsWhenABandTookNoRowsInTheProvenanceData() {
    String text = BASE + """
            provenance:
              objective: "f1"
              expected:
                bands: [ { action: review, rows: 0, positives: 0 }, { action: allow, rows: 10, positives: 1 } ]
        """;
    assertThat(warnings(text)).extracting(Problem::message)
        .contains("band 'review' took no rows in the data these thresholds were chosen on");
  }

  @Test
  void warnsWhenExpectedCountsAreForOtherBands() {
    String text = BASE + """
            provenance:
              objective: "f1"
              expected:
                bands: [ { action: block, rows: 1, positives: 1 }, { action: allow, rows: 10, positives: 1 } ]
        """;
    Problem w = warnings(text).stream()
        .filter(x -> x.pointer().equals("/segments/2/provenance/expected/bands")).findFirst()
        .orElseThrow();
    assertThat(w.message()).endsWith("the bands were changed after they were chosen");
  }

  @Test
  void warnsWhenTwoBandsActTheSame() {
    String text = BASE.replace("{ action: block, minScore: 0.97 }",
        "{ action: review, minScore: 0.97, queue: eu }");
    assertThat(warnings(text)).extracting(Problem::message).contains("bands 0 and 1 both take action "
        + "'review' to queue 'eu', so they act the same; merge them or give them different queues");
  }

  @Test
  void warnsWhenADeclaredActionIsUnused() {
    String text = BASE.replace("segments:\n", "actions:\n  - name: step-up\nsegments:\n");
    assertThat(warnings(text)).extracting(Problem::message)
        .contains("action 'step-up' is declared but no band uses it");
  }

  @Test
  void invertedScoreRangeIsAnError() {
    Problem p = onlyError(BASE.replace("scoreRange: { min: 0, max: 1 }", "scoreRange: { min: 1, max: 0 }"));
    assertThat(p.pointer()).isEqualTo("/model/scoreRange");
    assertThat(p.message()).isEqualTo("min 1 is above max 0");
  }

  @Test
  void rangeWithBothGteAndGtIsAnError() {
    Problem p = onlyError(BASE.replace("match: { jurisdiction: EU }\n",
        "match: { amount: { gte: 5, gt: 6 } }\n"));
    assertThat(p.pointer()).isEqualTo("/segments/1/match/amount");
    assertThat(p.message()).isEqualTo("give gte or gt, not both");
  }
}
