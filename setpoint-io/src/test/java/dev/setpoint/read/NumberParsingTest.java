package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.io.NumberInput;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The readers parse numbers with jackson-core's FastDoubleParser for speed; every score must still be
 * exactly the double {@link Double#parseDouble} gives, or curves would differ from other tools.
 */
class NumberParsingTest {

  @Test
  void fastParserGivesBitwiseTheSameDoublesAsTheJdk() {
    SplittableRandom random = new SplittableRandom(11);
    for (int i = 0; i < 200_000; i++) {
      double d = switch (i % 4) {
        case 0 -> random.nextDouble();
        case 1 -> Double.longBitsToDouble(random.nextLong());
        case 2 -> Math.round(random.nextDouble() * 1e4) / 1e4;
        default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-320, 309));
      };
      String text = i % 3 == 0 ? Double.toString(d) : String.format(java.util.Locale.ROOT,
          "%." + random.nextInt(1, 20) + "g", d);
      if (text.contains("NaN") || text.contains("Infinity")) {
        continue;
      }
      assertThat(Double.doubleToRawLongBits(NumberInput.parseDouble(text, true)))
          .as(text).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }
  }

  @Test
  void acceptsAndRejectsWhatTheJdkDoes() {
    for (String text : new String[] {" 0.5 ", "1e-3", "+.5", "-0", "5.", "NaN", "Infinity",
        "-Infinity", "0x1p-3", "1d", "2F", "4.9e-324", "1e400"}) {
      assertThat(Double.doubleToRawLongBits(NumberInput.parseDouble(text, true))).as(text)
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
    }
    for (String text : new String[] {"abc", "1,5", "0.5.1", "--1", "1e", "", " "}) {
      assertThatThrownBy(() -> Double.parseDouble(text)).isInstanceOf(NumberFormatException.class);
      assertThatThrownBy(() -> NumberInput.parseDouble(text, true)).as(text)
          .isInstanceOf(NumberFormatException.class);
    }
  }
}
