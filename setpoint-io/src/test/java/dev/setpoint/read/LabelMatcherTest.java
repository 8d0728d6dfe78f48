package dev.setpoint.read;

import static dev.setpoint.read.LabelMatcher.EMPTY;
import static dev.setpoint.read.LabelMatcher.NEGATIVE;
import static dev.setpoint.read.LabelMatcher.POSITIVE;
import static dev.setpoint.read.LabelMatcher.UNDECLARED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LabelMatcherTest {

  private final LabelMatcher defaults = new LabelMatcher(Set.of("1", "true"), Set.of("0", "false"));

  @ParameterizedTest
  @ValueSource(strings = {"1", "1.0", "1e0", "01", " 1 ", "+1", "1.000", "true", "TRUE", "True"})
  void numericAndBooleanFormsOfOneArePositive(String raw) {
    assertThat(defaults.classify(raw)).isEqualTo(POSITIVE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.0", "-0", "0e5", "false", "FALSE"})
  void numericAndBooleanFormsOfZeroAreNegative(String raw) {
    assertThat(defaults.classify(raw)).isEqualTo(NEGATIVE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"2", "yes", "0.5", "t", "NaN", "1d"})
  void otherValuesAreUndeclaredWhenNegativesAreDeclared(String raw) {
    assertThat(defaults.classify(raw)).isEqualTo(UNDECLARED);
  }

  @Test
  void blankIsEmptyNeverALabel() {
    LabelMatcher implicit = new LabelMatcher(Set.of("fraud"), Set.of());
    assertThat(defaults.classify("")).isEqualTo(EMPTY);
    assertThat(implicit.classify("  ")).isEqualTo(EMPTY);
  }

  @Test
  void withoutDeclaredNegativesEveryOtherValueIsNegative() {
    LabelMatcher m = new LabelMatcher(Set.of("fraud"), Set.of());
    assertThat(m.classify("fraud")).isEqualTo(POSITIVE);
    assertThat(m.classify(" fraud ")).isEqualTo(POSITIVE);
    assertThat(m.classify("Fraud")).isEqualTo(NEGATIVE);
    assertThat(m.classify("legit")).isEqualTo(NEGATIVE);
    assertThat(m.classify(1L)).isEqualTo(NEGATIVE);
    assertThat(m.classify(true)).isEqualTo(NEGATIVE);
  }

  @Test
  void typedValuesFollowTheTextRules() {
    assertThat(defaults.classify(true)).isEqualTo(POSITIVE);
    assertThat(defaults.classify(false)).isEqualTo(NEGATIVE);
    assertThat(defaults.classify(1L)).isEqualTo(POSITIVE);
    assertThat(defaults.classify(0L)).isEqualTo(NEGATIVE);
    assertThat(defaults.classify(2L)).isEqualTo(UNDECLARED);
    assertThat(defaults.classify(1.0)).isEqualTo(POSITIVE);
    assertThat(defaults.classify(-0.0)).isEqualTo(NEGATIVE);
    assertThat(defaults.classify(0.5)).isEqualTo(UNDECLARED);
    assertThat(defaults.classify(Double.NaN)).isEqualTo(UNDECLARED);
    LabelMatcher half = new LabelMatcher(Set.of("0.5"), Set.of("0.25"));
    assertThat(half.classify(0.5)).isEqualTo(POSITIVE);
    assertThat(half.classify(0.25)).isEqualTo(NEGATIVE);
  }

  @Test
  void cacheNeverChangesAnAnswer() {
    // More distinct strings than the cache holds, twice over, in a repeating order.
    for (int round = 0; round < 3; round++) {
      for (int i = 0; i < 20; i++) {
        String raw = i % 2 == 0 ? "1." + "0".repeat(i) : "x" + i;
        assertThat(defaults.classify(raw)).isEqualTo(i % 2 == 0 ? POSITIVE : UNDECLARED);
      }
    }
  }

  @Test
  void labelsEqualByTheRulesCannotBeOnBothSides() {
    assertThatThrownBy(() -> new LabelMatcher(Set.of("1"), Set.of("1.0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'1'").hasMessageContaining("'1.0'");
    assertThatThrownBy(() -> new LabelMatcher(Set.of("TRUE"), Set.of("true")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LabelMatcher(Set.of(" "), Set.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
  }

  @Test
  void describeListsDeclaredValuesSorted() {
    assertThat(defaults.describe()).isEqualTo("positive: 1, true; negative: 0, false");
    assertThat(new LabelMatcher(Set.of("fraud"), Set.of()).describe())
        .isEqualTo("positive: fraud; every other value is negative");
  }
}
