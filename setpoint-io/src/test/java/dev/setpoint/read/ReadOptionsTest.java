package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ReadOptionsTest {

  @Test
  void positiveAndNegativeLabelsMayNotMatchNumerically() {
    assertThatThrownBy(() -> ReadOptions.defaults().withNegativeLabels(Set.of("1.0")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'1'").hasMessageContaining("'1.0'");
  }

  @Test
  void delimiterCannotBeAQuoteOrLineBreak() {
    assertThatThrownBy(() -> ReadOptions.defaults().withDelimiter('"'))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReadOptions.defaults().withDelimiter('\n'))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ReadOptions.defaults().withDelimiter(';').delimiter()).contains(';');
  }

  @Test
  void twoColumnsCanBeSwappedOneStepAtATime() {
    ReadOptions swapped = ReadOptions.defaults().withScoreColumn("label").withLabelColumn("score");
    assertThat(swapped.scoreColumn()).isEqualTo("label");
    assertThat(swapped.labelColumn()).isEqualTo("score");
  }
}
