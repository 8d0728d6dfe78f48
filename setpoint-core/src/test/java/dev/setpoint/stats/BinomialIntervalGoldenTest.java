package dev.setpoint.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins both interval methods and the Learn-then-Test p-value against SciPy 1.10.1 (Clopper-Pearson from
 * {@code beta.ppf}/{@code beta.isf}, cross-checked there against {@code binomtest(k, n).proportion_ci};
 * Wilson from {@code proportion_ci}; p-values from {@code binom.sf}). The expectations are generated once
 * by {@code src/test/python/make_interval_goldens.py} (command in its docstring) and committed.
 *
 * <p>Tolerances, per case: Clopper-Pearson bounds to 1e-10 relative — Commons Statistics inverts the
 * regularised incomplete beta function with a Brent root finder that stops at about 1e-11 relative
 * (measured: worst 5e-11, at bounds near 1e-9), SciPy with Boost's {@code ibeta_inv} to a few ulps;
 * Wilson to 1e-9 relative, because SciPy computes
 * {@code z = Φ⁻¹(0.5 + 0.5·confidence)} where we compute {@code Φ⁻¹} of the tail {@code α/2} directly
 * (which stays finite at {@code confidence = nextDown(1)}), so at 0.999999 the two z differ in the
 * tenth digit; p-values to 1e-12 relative.
 */
class BinomialIntervalGoldenTest {

  private static JsonNode golden() throws IOException {
    try (InputStream in = BinomialIntervalGoldenTest.class.getResourceAsStream(
        "/goldens/binomial_intervals.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  static Stream<JsonNode> intervals() throws IOException {
    List<JsonNode> cases = new ArrayList<>();
    golden().get("intervals").forEach(cases::add);
    return cases.stream();
  }

  static Stream<JsonNode> pValues() throws IOException {
    List<JsonNode> cases = new ArrayList<>();
    golden().get("pValues").forEach(cases::add);
    return cases.stream();
  }

  @Test
  void goldensComeFromTheRecordedScipy() throws IOException {
    JsonNode golden = golden();
    assertThat(golden.get("scipy").asText()).isEqualTo("1.10.1");
    assertThat(golden.get("intervals")).hasSize(276);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("intervals")
  void intervalsMatchScipy(JsonNode c) {
    IntervalMethod method = IntervalMethod.valueOf(c.get("method").asText());
    long k = c.get("successes").asLong();
    long n = c.get("trials").asLong();
    double confidence = c.get("confidence").asDouble();
    double tolerance = method == IntervalMethod.CLOPPER_PEARSON ? 1e-10 : 1e-9;

    Interval interval = method.interval(k, n, confidence);

    assertClose("lower", interval.lower(), c.get("lower").asDouble(), tolerance);
    assertClose("upper", interval.upper(), c.get("upper").asDouble(), tolerance);
    assertClose("one-sided lower", method.lowerBound(k, n, confidence),
        c.get("oneSidedLower").asDouble(), tolerance);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pValues")
  void learnThenTestPValuesMatchScipy(JsonNode c) {
    double p = GuaranteedPrecision.pValue(c.get("successes").asLong(), c.get("trials").asLong(),
        c.get("target").asDouble());
    assertClose("p-value", p, c.get("pValue").asDouble(), 1e-12);
  }

  private static void assertClose(String what, double actual, double expected, double relative) {
    assertThat(actual).as(what).isCloseTo(expected, within(relative * Math.max(1e-300, Math.abs(expected))));
  }
}
