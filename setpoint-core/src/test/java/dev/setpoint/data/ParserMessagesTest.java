package dev.setpoint.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParserMessagesTest {

  @Test
  void jacksonsSourcePlaceholderIsDroppedAndTheLocationKept() {
    assertThat(ParserMessages.withoutSourcePlaceholder("Unexpected end-of-input: expected close "
        + "marker for Object (start marker at [Source: REDACTED "
        + "(`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1])"))
        .isEqualTo("Unexpected end-of-input: expected close marker for Object (start marker at "
            + "[line: 1, column: 1])");
  }

  @Test
  void aMessageWithoutThePlaceholderIsUnchanged() {
    assertThat(ParserMessages.withoutSourcePlaceholder("Unexpected character ('x' (code 120))"))
        .isEqualTo("Unexpected character ('x' (code 120))");
    assertThat(ParserMessages.withoutSourcePlaceholder(null)).isEqualTo("null");
  }
}
