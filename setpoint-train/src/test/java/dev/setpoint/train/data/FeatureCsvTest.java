package dev.setpoint.train.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.data.DataFormatException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCsvTest {

  @TempDir Path dir;

  private Path csv(String text) throws Exception {
    Path file = dir.resolve("data.csv");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void readsTheRequestedFeaturesInTheirOrderWithTheFileDigest() throws Exception {
    Path file = csv("id,b,a,y\nr1,1.5,-2,1\nr2,3e2,0.25,0\n");
    FeatureTable table = FeatureCsv.read(file, "y", List.of("a", "b"));
    FeatureMatrix m = table.matrix();
    assertThat(m.featureNames()).containsExactly("a", "b");
    assertThat(m.row(0)).containsExactly(-2, 1.5);
    assertThat(m.row(1)).containsExactly(0.25, 300);
    assertThat(m.labels()).containsExactly(true, false);
    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    assertThat(table.sha256()).isEqualTo(expected);
  }

  @Test
  void withoutAFeatureListEveryColumnButTheLabelIsAFeature() throws Exception {
    FeatureTable table = FeatureCsv.read(csv("a,y,b\n1,0,2\n3,1,4\n"), "y", List.of());
    assertThat(table.matrix().featureNames()).containsExactly("a", "b");
  }

  @Test
  void aColumnNamedTwiceInTheHeaderIsADataErrorNamingIt() throws Exception {
    Path file = csv("a,b,a,y\n1,2,3,0\n");
    assertThatThrownBy(() -> FeatureCsv.read(file, "y", List.of()))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(file + ", line 1, column 'a'")
        .hasMessageContaining("appears more than once in the header");
  }

  @Test
  void aNonNumericValueIsReportedWithFileLineColumnAndValue() throws Exception {
    Path file = csv("a,b,y\n1,2,0\n3,abc,1\n");
    assertThatThrownBy(() -> FeatureCsv.read(file, "y", List.of("a", "b")))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ", line 3, column 'b': 'abc' is not a number");
  }

  @Test
  void aMissingValueIsAnErrorNamingItsLineAndColumn() throws Exception {
    Path file = csv("a,b,y\n1,,0\n");
    assertThatThrownBy(() -> FeatureCsv.read(file, "y", List.of()))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ", line 2, column 'b': is empty: a feature value is required");
  }

  @Test
  void nanInfinityAndJavaSuffixesAreNotNumbers() throws Exception {
    for (String bad : List.of("NaN", "Infinity", "1d", "0x10", "1e999")) {
      Path file = csv("a,y\n" + bad + ",1\n2,0\n");
      assertThatThrownBy(() -> FeatureCsv.read(file, "y", List.of()))
          .isInstanceOf(DataFormatException.class)
          .hasMessageContaining("line 2, column 'a': '" + bad + "'");
    }
  }

  @Test
  void aLabelOtherThanZeroOrOneIsAnError() throws Exception {
    Path file = csv("a,y\n1,1\n2,yes\n");
    assertThatThrownBy(() -> FeatureCsv.read(file, "y", List.of()))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(file + ", line 3, column 'y': 'yes' is not a label: expected 0 or 1");
  }

  @Test
  void aMissingColumnShortRowAndSingleClassAreErrors() throws Exception {
    Path missing = csv("a,y\n1,1\n2,0\n");
    assertThatThrownBy(() -> FeatureCsv.read(missing, "y", List.of("a", "c")))
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith(missing + ", line 1, column 'c': is missing");
    Path amount = csv("amount,y\n1,1\n2,0\n");
    assertThatThrownBy(() -> FeatureCsv.read(amount, "y", List.of("amuont")))
        .hasMessage(amount + ", line 1, column 'amuont': is missing: no feature column of that name "
            + "in the header [amount, y]; did you mean 'amount'?");
    Path shortRow = csv("a,b,y\n1,2,1\n3,0\n");
    assertThatThrownBy(() -> FeatureCsv.read(shortRow, "y", List.of()))
        .isInstanceOf(DataFormatException.class)
        .hasMessage(shortRow + ", line 3: has 2 fields, expected 3 as in the header");
    Path oneClass = csv("a,y\n1,1\n2,1\n");
    assertThatThrownBy(() -> FeatureCsv.read(oneClass, "y", List.of()))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("has only positive labels in column 'y'");
  }

  @Test
  void forScoringOnlyTheNamedFeaturesAreReadAndNoLabelIsNeeded() throws Exception {
    Path file = csv("b,a\n1,2\n3,4\n");
    FeatureMatrix m = FeatureCsv.readUnlabelled(file, List.of("a", "b"));
    assertThat(m.isLabelled()).isFalse();
    assertThat(m.row(1)).containsExactly(4, 3);
    assertThatThrownBy(m::labels).isInstanceOf(IllegalStateException.class);
    Path bad = csv("a,b\n1,x\n");
    assertThatThrownBy(() -> FeatureCsv.readUnlabelled(bad, List.of("a", "b")))
        .hasMessage(bad + ", line 2, column 'b': 'x' is not a number");
  }
}
