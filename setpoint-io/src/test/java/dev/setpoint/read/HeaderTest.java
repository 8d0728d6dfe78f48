package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.data.DataFormatException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HeaderTest {

  @Test
  void columnsMatchAfterTrimming() throws DataFormatException {
    Header header = new Header("s.csv", List.of(" score", "label "));
    assertThat(header.require("score", "line 1")).isZero();
    assertThat(header.require("label", "line 1")).isEqualTo(1);
  }

  @Test
  void missingColumnListsExistingColumnsAndSuggestsTheClosest() {
    Header header = new Header("scores.csv", List.of("score", "label", "amount"));
    assertThatThrownBy(() -> header.require("scroe", "line 1"))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("scores.csv: no column 'scroe' (columns: score, label, amount);"
            + " did you mean 'score'?");
  }

  @Test
  void noSuggestionWhenNothingIsClose() {
    Header header = new Header("scores.csv", List.of("score", "label"));
    assertThatThrownBy(() -> header.require("weight", "line 1"))
        .hasMessage("scores.csv: no column 'weight' (columns: score, label)");
    assertThatThrownBy(() -> new Header("s.csv", List.of("ab")).require("id", ""))
        .hasMessage("s.csv: no column 'id' (columns: ab)");
  }

  @Test
  void longColumnListsAreCutShort() {
    List<String> names = IntStream.range(0, 30).mapToObj(i -> "f" + i).collect(Collectors.toList());
    assertThatThrownBy(() -> new Header("wide.csv", names).require("score", ""))
        .hasMessageContaining("f19, ... and 10 more)");
  }

  @Test
  void aRequestedColumnThatAppearsTwiceIsAnError() {
    Header header = new Header("s.csv", List.of("score", "label", "score"));
    assertThatThrownBy(() -> header.require("score", "line 1"))
        .hasMessage("s.csv, line 1, column 'score': appears more than once (fields 1 and 3)");
  }
}
