package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumberParserTest {

  private final NumberParser parser = new NumberParser();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0.5|0.5", " 0.5 |0.5", "-1|-1", "+2|2", ".25|0.25", "7.|7", "1e-3|0.001", "1E3|1000",
      "0|0", "-0|-0.0"})
  void decimalNumbersParse(String text, double expected) {
    assertThat(parser.parse(text)).isNull();
    assertThat(parser.value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "1d", "1f", "0x1p3", "1,5", "1e", "--1", ".", "e5", "1 2", "½"})
  void textThatJavaWouldStretchToANumberIsNotANumber(String text) {
    assertThat(parser.parse(text)).isEqualTo(Defect.NOT_A_NUMBER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "nan", "inf", "-inf", "+Infinity", "-INFINITY", "1e999", "-1e400"})
  void nanInfinityAndOverflowAreNotFinite(String text) {
    assertThat(parser.parse(text)).isEqualTo(Defect.NOT_FINITE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t"})
  void blankIsEmpty(String text) {
    assertThat(parser.parse(text)).isEqualTo(Defect.EMPTY);
  }
}
