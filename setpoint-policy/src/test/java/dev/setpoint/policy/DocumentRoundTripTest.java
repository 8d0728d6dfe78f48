package dev.setpoint.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.policy.Policy.ActionDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DocumentRoundTripTest {

  @Test
  void writeThenReadGivesTheSamePolicyInBothFormats() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      Policy policy = withProvenance(rnd, DeciderTest.randomPolicy(rnd, 1 + rnd.nextInt(6)));
      for (PolicyDocuments.Format format : PolicyDocuments.Format.values()) {
        String text = PolicyDocuments.write(policy, format);
        Validation v = PolicyDocuments.parse(text, format, "t");
        if (v instanceof Validation.Valid valid) {
          assertThat(valid.policy()).as(text).isEqualTo(policy);
        } else {
          // Random policies may break rules (shadowed segments); reading must still give the same
          // errors as validating the policy in memory.
          assertThat(((Validation.Invalid) v).errors()).extracting(Problem::message)
              .containsExactlyInAnyOrderElementsOf(((Validation.Invalid) PolicyDocuments
                  .validate(policy)).errors().stream().map(Problem::message).toList());
        }
      }
    }
  }

  @Test
  void thresholdsSurviveBitForBit() {
    Random rnd = new Random(11);
    for (int i = 0; i < 2000; i++) {
      double hi = rnd.nextInt(4) == 0 ? Double.longBitsToDouble(rnd.nextLong() & 0x3FEFFFFFFFFFFFFFL)
          : rnd.nextDouble();
      double lo = hi * rnd.nextDouble();
      if (!(lo < hi)) {
        continue;
      }
      Policy p = new Policy("p", Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
          List.of(new Segment("default", Match.ALL, List.of(Band.above("block", hi),
              Band.above("review", lo), Band.rest("allow")), Optional.empty())));
      for (PolicyDocuments.Format format : PolicyDocuments.Format.values()) {
        Validation v = PolicyDocuments.parse(PolicyDocuments.write(p, format), format, "t");
        assertThat(((Validation.Valid) v).policy()).isEqualTo(p);
      }
    }
  }

  static Policy withProvenance(Random rnd, Policy policy) {
    List<Segment> segments = new ArrayList<>();
    for (Segment s : policy.segments()) {
      List<Provenance.BandExpectation> expected = new ArrayList<>();
      for (Band b : s.bands()) {
        expected.add(new Provenance.BandExpectation(b.action(), rnd.nextInt(1000),
            rnd.nextInt(10) / 4.0));
      }
      Provenance p = new Provenance("recall@precision>=0.9", Optional.of("note"),
          Optional.of(new Provenance.DataFingerprint(Optional.of("f.csv"), "ab".repeat(32),
              List.of("EU"), 1000, 12.5, OptionalDouble.of(987.5), OptionalDouble.of(0.0),
              OptionalDouble.of(1.0))),
          Optional.of(new Provenance.Expected(OptionalDouble.of(0.9), OptionalDouble.empty(),
              OptionalDouble.of(0.01), expected)),
          Optional.of(new Provenance.IntervalRecord("clopper-pearson", 0.95, OptionalDouble.of(0.8),
              OptionalDouble.of(0.95), OptionalDouble.empty(), OptionalDouble.empty())),
          Optional.of(new Provenance.ModelVersion("m", "3")), Optional.of("me"),
          Optional.of(Instant.parse("2026-11-23T10:00:00Z")), Optional.of("setpoint test"));
      segments.add(new Segment(s.name(), s.match(), s.bands(), Optional.of(p)));
    }
    return new Policy(policy.name(), Optional.of("d"), Optional.of("v1"),
        Optional.of(new ModelRef("m", "3", Optional.empty(),
            Optional.of(new ModelRef.ScoreRange(0, 1)))),
        List.of(new ActionDef("a0", Optional.empty()), new ActionDef("a1", Optional.of("x")),
            new ActionDef("a2", Optional.empty()), new ActionDef("rest", Optional.empty())),
        segments);
  }
}
