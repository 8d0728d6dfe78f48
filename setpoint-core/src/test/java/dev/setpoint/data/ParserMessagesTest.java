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

  @Test
  void aYamlParsersMessageOfSeveralLinesIsReducedToItsSentencesOnOneLine() {
    assertThat(ParserMessages.oneLine("while parsing a flow node\n in 'reader', line 4, column 1:\n"
        + "    tokens: [\n             ^\nexpected the node content, but found '<stream end>'\n"
        + " in 'reader', line 4, column 1:\n    \n    ^\n"))
        .isEqualTo("while parsing a flow node; expected the node content, but found the end of "
            + "the file");
    assertThat(ParserMessages.oneLine("Unexpected character ('x' (code 120))"))
        .isEqualTo("Unexpected character ('x' (code 120))");
  }
}
