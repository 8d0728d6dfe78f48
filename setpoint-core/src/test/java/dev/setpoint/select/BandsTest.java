package dev.setpoint.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BandsTest {

  // Scores 0.9+ 0.8+ 0.7- 0.6+ 0.5- 0.4+ 0.3- 0.2- 0.1+ (P = 5, N = 4).
  private final Curve curve = Curve.of(
      new double[] {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1},
      new boolean[] {true, true, false, true, false, true, false, false, true});

  @Test
  void blocksThePreciseTopAndReviewsWhatCapacityAllows() {
    Bands.Result r = new Bands(1.0, FlagBudget.flags(3)).choose(curve);

    assertThat(r).isInstanceOf(Bands.Chosen.class);
    Bands.Chosen c = (Bands.Chosen) r;
    // Blocking from 0.9 (then reviewing 0.8, 0.7, 0.6) and from 0.8 (reviewing 0.7, 0.6, 0.5) both
    // catch 3 positives within 3 reviews: the tie goes to the higher block threshold, and the review
    // threshold stops at 0.6 because 0.5 would spend a review on a negative without a catch.
    assertThat(c.block()).isEqualTo(0.9);
    assertThat(c.review()).isEqualTo(0.6);
    assertThat(c.blocked()).isEqualTo(new Bands.Band(1, 1, 0));
    assertThat(c.reviewed()).isEqualTo(new Bands.Band(3, 2, 1));
    assertThat(c.allowed()).isEqualTo(new Bands.Band(5, 2, 3));
    assertThat(c.caughtRecall()).isEqualTo(3.0 / 5);
  }

  @Test
  void impossibleWhenTheBlockBandCannotBePrecise() {
    Curve noisy = Curve.of(new double[] {0.9, 0.8}, new boolean[] {false, true});
    Bands.Result r = new Bands(0.9, FlagBudget.flags(10)).choose(noisy);

    assertThat(r).isInstanceOf(Bands.Impossible.class);
    assertThat(((Bands.Impossible) r).reason()).contains("cannot reach precision 0.9")
        .contains("highest precision is 0.5");
  }

  @Test
  void handSetThresholdsSplitTheRowsIntoThreeBands() {
    Bands.Chosen c = Bands.at(curve, 0.75, 0.55);

    assertThat(c.blocked()).isEqualTo(new Bands.Band(2, 2, 0));
    assertThat(c.reviewed()).isEqualTo(new Bands.Band(2, 1, 1));
    assertThat(c.allowed()).isEqualTo(new Bands.Band(5, 2, 3));
    assertThat(c.caughtRecall()).isEqualTo(3.0 / 5);
    assertThat(Bands.at(curve, Double.POSITIVE_INFINITY, 0.9).blocked()).isEqualTo(
        new Bands.Band(0, 0, 0));
    assertThatThrownBy(() -> Bands.at(curve, 0.5, 0.6)).hasMessageContaining(
        "review threshold (0.6) must be <= the block threshold (0.5)");
  }

  @Test
  void agreesWithAnExhaustiveSearchOverAllPairs() {
    SplittableRandom random = new SplittableRandom(17);
    for (int n = 0; n < 300; n++) {
      int size = 2 + random.nextInt(60);
      double[] scores = new double[size];
      boolean[] labels = new boolean[size];
      for (int i = 0; i < size; i++) {
        scores[i] = random.nextInt(25) / 25.0;
        labels[i] = random.nextDouble() < 0.4;
      }
      Curve c = Curve.of(scores, labels);
      double p = 0.3 + 0.7 * random.nextDouble();
      double cap = random.nextInt(size);
      Bands.Result r = new Bands(p, FlagBudget.flags(cap)).choose(c);
      // Exhaustive: every (block i, review j >= i) pair, best caught, ties to higher block then review.
      int bi = -1;
      int bj = -1;
      double best = -1;
      for (int i = 0; i < c.size(); i++) {
        Confusion hi = c.confusion(i);
        if (!(hi.precision() >= p)) {
          continue;
        }
        for (int j = i; j < c.size(); j++) {
          Confusion lo = c.confusion(j);
          if (lo.flagged() - hi.flagged() <= cap && lo.truePositives() > best) {
            best = lo.truePositives();
            bi = i;
            bj = j;
          }
        }
      }
      if (bi < 0) {
        assertThat(r).as("case %d", n).isInstanceOf(Bands.Impossible.class);
        continue;
      }
      Bands.Chosen chosen = (Bands.Chosen) r;
      assertThat(chosen.block()).as("case %d block", n).isEqualTo(c.threshold(bi));
      assertThat(chosen.review()).as("case %d review", n).isEqualTo(c.threshold(bj));
      assertThat(chosen.blocked().precision()).isGreaterThanOrEqualTo(p);
      assertThat(chosen.reviewed().weight()).isLessThanOrEqualTo(cap);
      assertThat(chosen.blocked().weight() + chosen.reviewed().weight() + chosen.allowed().weight())
          .isEqualTo((double) size);
    }
  }
}
