package dev.setpoint.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link ExactSum} against {@link BigDecimal}, which adds doubles exactly: the result must be the double
 * nearest to the exact sum, ties to even, whatever the order and grouping of the terms.
 */
class ExactSumTest {

  private static final int CASES = 3_000;

  @Test
  void roundsTheExactSumToTheNearestDoubleTiesToEven() {
    SplittableRandom random = new SplittableRandom(11);
    for (int c = 0; c < CASES; c++) {
      double[] terms = terms(random);
      ExactSum sum = new ExactSum();
      BigDecimal exact = BigDecimal.ZERO;
      for (double t : terms) {
        sum.add(t);
        exact = exact.add(new BigDecimal(t));
      }
      assertCorrectlyRounded("case " + c, exact, sum.doubleValue());
    }
  }

  @Test
  void orderAndGroupingChangeNothing() {
    SplittableRandom random = new SplittableRandom(12);
    for (int c = 0; c < CASES; c++) {
      double[] terms = terms(random);
      ExactSum forward = new ExactSum();
      for (double t : terms) {
        forward.add(t);
      }
      // Backwards, in two halves merged: another order and another grouping.
      int cut = random.nextInt(terms.length + 1);
      ExactSum first = new ExactSum();
      ExactSum second = new ExactSum();
      for (int i = terms.length - 1; i >= 0; i--) {
        (i < cut ? first : second).add(terms[i]);
      }
      ExactSum merged = new ExactSum(second).add(first);
      assertThat(Double.doubleToRawLongBits(merged.doubleValue())).as("case " + c)
          .isEqualTo(Double.doubleToRawLongBits(forward.doubleValue()));
      assertThat(merged).as("case " + c).isEqualTo(forward);
    }
  }

  @Test
  void aPlainFloatSumIsOrderDependentWhereTheExactSumIsNot() {
    // 0.1 + 0.2 + 0.3 = 0.6000000000000001 but 0.3 + 0.2 + 0.1 = 0.6: the reason ExactSum exists.
    assertThat(0.1 + 0.2 + 0.3).isNotEqualTo(0.3 + 0.2 + 0.1);
    double a = new ExactSum().add(0.1).add(0.2).add(0.3).doubleValue();
    double b = new ExactSum().add(0.3).add(0.2).add(0.1).doubleValue();
    assertThat(a).isEqualTo(b);
    assertCorrectlyRounded("0.1+0.2+0.3", new BigDecimal(0.1).add(new BigDecimal(0.2))
        .add(new BigDecimal(0.3)), a);
  }

  @Test
  void handlesSubnormalsTheLargestDoubleAndOverflow() {
    assertThat(new ExactSum().doubleValue()).isEqualTo(0.0);
    assertThat(new ExactSum().add(Double.MIN_VALUE).add(Double.MIN_VALUE).doubleValue())
        .isEqualTo(2 * Double.MIN_VALUE);
    assertThat(new ExactSum().add(Double.MAX_VALUE).doubleValue()).isEqualTo(Double.MAX_VALUE);
    assertThat(new ExactSum().add(Double.MAX_VALUE).add(Double.MIN_VALUE).doubleValue())
        .isEqualTo(Double.MAX_VALUE);
    assertThat(new ExactSum().add(Double.MAX_VALUE).add(Double.MAX_VALUE).doubleValue())
        .isEqualTo(Double.POSITIVE_INFINITY);
    // 1 + 2^-53 is exactly half-way between 1 and nextUp(1): ties to even gives 1; a further 2^-1074
    // breaks the tie upwards (the sticky bit far below the window).
    assertThat(new ExactSum().add(1).add(0x1p-53).doubleValue()).isEqualTo(1.0);
    assertThat(new ExactSum().add(1).add(0x1p-53).add(Double.MIN_VALUE).doubleValue())
        .isEqualTo(Math.nextUp(1.0));
  }

  @Test
  void manyAdditionsPropagateTheirCarries() {
    ExactSum sum = new ExactSum();
    int n = (1 << 28) + 5; // past the pending-carry limit
    for (int i = 0; i < n; i++) {
      sum.add(0.75);
    }
    assertThat(sum.doubleValue()).isEqualTo(0.75 * n);
  }

  @Test
  void serialisationKeepsTheExactSumInAFewBytes() throws Exception {
    ExactSum sum = new ExactSum().add(0.1).add(0.2).add(1e-300).add(3e10);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(sum);
      out.writeObject(new ExactSum());
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      ExactSum copy = (ExactSum) in.readObject();
      assertThat(copy).isEqualTo(sum);
      assertThat(copy.add(0.3).doubleValue()).isEqualTo(new ExactSum(sum).add(0.3).doubleValue());
      assertThat(((ExactSum) in.readObject()).isZero()).isTrue();
    }
    // 1e-300 and 3e10 lie 34 digits apart: a few hundred bytes, not the 560-byte array.
    assertThat(bytes.size()).isLessThan(400);
  }

  @Test
  void refusesNegativeNanAndInfiniteTerms() {
    for (double bad : new double[] {-1e-300, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new ExactSum().add(bad))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(bad));
    }
  }

  /** Terms over a few binades (sometimes all of them), with repeats and zeros. */
  private static double[] terms(SplittableRandom random) {
    int n = 1 + random.nextInt(40);
    double[] terms = new double[n];
    int mode = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      terms[i] = switch (mode) {
        case 0 -> random.nextDouble(); // weights in [0, 1)
        case 1 -> Math.round(random.nextDouble() * 100) / 10.0; // 0.0, 0.1, …, 10.0
        case 2 -> Double.longBitsToDouble(random.nextLong(0x7FEFFFFFFFFFFFFFL)) / n; // any binade
        default -> Math.scalb(1.0 + random.nextInt(8), random.nextInt(-60, 60)); // exact halves, ties
      };
    }
    return terms;
  }

  private static void assertCorrectlyRounded(String what, BigDecimal exact, double actual) {
    assertThat(Double.isFinite(actual)).as(what + " finite").isTrue();
    BigDecimal error = new BigDecimal(actual).subtract(exact).abs();
    for (double neighbour : new double[] {Math.nextUp(actual), Math.nextDown(actual)}) {
      if (!Double.isFinite(neighbour)) {
        continue;
      }
      int cmp = error.compareTo(new BigDecimal(neighbour).subtract(exact).abs());
      assertThat(cmp).as(what + ": " + actual + " is not nearest to " + exact).isLessThanOrEqualTo(0);
      if (cmp == 0) {
        assertThat(Double.doubleToRawLongBits(actual) & 1).as(what + " tie to even").isZero();
      }
    }
  }
}
