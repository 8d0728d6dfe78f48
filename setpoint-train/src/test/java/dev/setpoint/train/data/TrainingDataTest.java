package dev.setpoint.train.data;

import static dev.setpoint.train.data.StratifiedSplitTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.data.DataFormatException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainingDataTest {

  private static FeatureTable table(String source, FeatureMatrix m) {
    return new FeatureTable(source, "%064x".formatted(source.hashCode() & 0xffffffffL), m);
  }

  private static final FeatureTable MAIN = table("main.csv", rows(1000, 100));
  private static final FeatureTable VALIDATION = table("v.csv", rows(300, 30));
  private static final FeatureTable CALIBRATION = table("c.csv", rows(200, 40));

  @Test
  void theMainFileAloneIsSplitThreeWaysLikeStratifiedSplit() throws DataFormatException {
    StratifiedSplit split = TrainingData.of(MAIN, SplitFractions.DEFAULT).split(5);
    StratifiedSplit direct = StratifiedSplit.of(MAIN.matrix(), SplitFractions.DEFAULT, 5);
    assertThat(split.train().values()).isEqualTo(direct.train().values());
    assertThat(split.validation().values()).isEqualTo(direct.validation().values());
    assertThat(split.calibration().values()).isEqualTo(direct.calibration().values());
  }

  @Test
  void aValidationFileIsUsedWholeAndTheMainFileIsSplitBetweenTrainingAndCalibration()
      throws DataFormatException {
    SplitFractions shares = TrainingData.defaultShares(true, false);
    assertThat(shares).isEqualTo(new SplitFractions(0.75, 0, 0.25));
    StratifiedSplit split = new TrainingData(MAIN, shares, Optional.of(VALIDATION), Optional.empty())
        .split(5);
    assertThat(split.validation()).isSameAs(VALIDATION.matrix());
    assertThat(split.train().rows()).isEqualTo(750);
    assertThat(split.train().positives()).isEqualTo(75);
    assertThat(split.calibration().rows()).isEqualTo(250);
    assertThat(split.calibration().positives()).isEqualTo(25);
  }

  @Test
  void aCalibrationFileIsUsedWholeAndTheMainFileIsSplitBetweenTrainingAndValidation()
      throws DataFormatException {
    SplitFractions shares = TrainingData.defaultShares(false, true);
    assertThat(shares).isEqualTo(new SplitFractions(0.75, 0.25, 0));
    StratifiedSplit split = new TrainingData(MAIN, shares, Optional.empty(), Optional.of(CALIBRATION))
        .split(5);
    assertThat(split.calibration()).isSameAs(CALIBRATION.matrix());
    assertThat(split.train().rows()).isEqualTo(750);
    assertThat(split.validation().rows()).isEqualTo(250);
    assertThat(split.validation().positives()).isEqualTo(25);
  }

  @Test
  void withBothFilesTheMainFileIsAllTrainingRowsInFileOrder() throws DataFormatException {
    SplitFractions shares = TrainingData.defaultShares(true, true);
    assertThat(shares).isEqualTo(new SplitFractions(1, 0, 0));
    StratifiedSplit split = new TrainingData(MAIN, shares, Optional.of(VALIDATION),
        Optional.of(CALIBRATION)).split(5);
    assertThat(split.train().values()).isEqualTo(MAIN.matrix().values());
    assertThat(split.validation()).isSameAs(VALIDATION.matrix());
    assertThat(split.calibration()).isSameAs(CALIBRATION.matrix());
  }

  @Test
  void aSetGivenAsAFileMustHaveShareZeroAndASetNotGivenMustNot() {
    assertThatThrownBy(() -> new TrainingData(MAIN, SplitFractions.DEFAULT, Optional.of(VALIDATION),
        Optional.empty()))
        .hasMessage("the validation rows come from v.csv, so the validation share of main.csv must "
            + "be 0, was 0.2");
    assertThatThrownBy(() -> new TrainingData(MAIN, SplitFractions.DEFAULT, Optional.empty(),
        Optional.of(CALIBRATION)))
        .hasMessage("the calibration rows come from c.csv, so the calibration share of main.csv "
            + "must be 0, was 0.2");
    assertThatThrownBy(() -> TrainingData.of(MAIN, new SplitFractions(0.8, 0, 0.2)))
        .hasMessage("the validation share of main.csv is 0 and no validation file is given: there "
            + "would be no rows to choose the epoch on");
  }

  @Test
  void everyFileMustHaveTheSameFeatures() {
    FeatureTable other = table("w.csv", new FeatureMatrix(List.of("y"), new double[] {1, 2},
        new boolean[] {true, false}));
    assertThatThrownBy(() -> new TrainingData(MAIN, TrainingData.defaultShares(true, false),
        Optional.of(other), Optional.empty()))
        .hasMessage("w.csv has the features [y], not those of main.csv, [x]");
  }

  @Test
  void aValidationFileWithOneClassIsADataErrorNamingIt() {
    FeatureTable onlyNegatives = table("v.csv", rows(50, 0));
    assertThatThrownBy(() -> new TrainingData(MAIN, TrainingData.defaultShares(true, false),
        Optional.of(onlyNegatives), Optional.empty()).split(1))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("v.csv: cannot be the validation set: the validation set has 0 positives among "
            + "50 rows; it needs both classes (more rows, or another validation file)");
  }

  @Test
  void aValidationShareTooSmallForBothClassesIsADataErrorNamingTheMainFile() {
    assertThatThrownBy(() -> TrainingData.of(table("small.csv", rows(40, 2)),
        new SplitFractions(0.79, 0.01, 0.2)).split(1))
        .isInstanceOf(DataFormatException.class)
        .hasMessage("small.csv: cannot be split: the validation set has 0 positives among 0 rows; "
            + "it needs both classes (more rows, or a larger validation share)");
  }
}
