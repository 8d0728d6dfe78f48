package dev.setpoint.cli.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.calibrate.IsotonicCalibration;
import dev.setpoint.calibrate.PlattScaling;
import dev.setpoint.data.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calibrator files: what is written reads back as the same map, bit for bit; bad files are named. */
class CalibratorFileTest {

  @TempDir Path dir;

  private static final CalibratorFile.FitData DATA =
      new CalibratorFile.FitData("cal.csv", "ab12", 500, 120, true);

  @Test
  void aFittedMapReadBackIsTheSameMapWithItsDataAndDate() throws Exception {
    SplittableRandom random = new SplittableRandom(5);
    for (int round = 0; round < 10; round++) {
      double[] scores = new double[400];
      boolean[] labels = new boolean[400];
      for (int i = 0; i < scores.length; i++) {
        labels[i] = random.nextInt(3) == 0;
        scores[i] = random.nextDouble() * 0.7 + (labels[i] ? 0.3 : 0);
      }
      Instant at = Instant.ofEpochSecond(1_800_000_000L + round, 123_456_789);
      for (var calibration : new dev.setpoint.calibrate.Calibration[] {
          IsotonicCalibration.fit(scores, labels), PlattScaling.fit(scores, labels)}) {
        Path file = dir.resolve("c" + round + ".json");
        new CalibratorFile(calibration, DATA, at).write(file);
        CalibratorFile back = CalibratorFile.read(file);
        assertThat(back.calibration()).isEqualTo(calibration);
        assertThat(back.data()).isEqualTo(DATA);
        assertThat(back.fittedAt()).isEqualTo(at);
        for (double s : scores) {
          assertThat(back.calibration().apply(s)).isEqualTo(calibration.apply(s));
        }
      }
    }
  }

  @Test
  void aFileOfAnotherVersionOrWithAMistypedFieldIsRefusedNamingTheFileAndTheField()
      throws Exception {
    Path file = dir.resolve("c.json");
    new CalibratorFile(new PlattScaling(-3, 1), DATA, Instant.EPOCH).write(file);
    String good = Files.readString(file);
    Files.writeString(file, good.replace("\"version\" : 1", "\"version\" : 7"));
    assertThatThrownBy(() -> CalibratorFile.read(file)).isInstanceOf(DataFormatException.class)
        .hasMessage(file + ", /version: '7' is not a supported calibrator file version (this "
            + "Setpoint reads version 1)");
    Files.writeString(file, good.replace("\"a\" : -3.0", "\"a\" : \"-3\""));
    assertThatThrownBy(() -> CalibratorFile.read(file))
        .hasMessage(file + ", /parameters/a: '\"-3\"' is not a number");
    Files.writeString(file, good.replace("\"platt\"", "\"beta\""));
    assertThatThrownBy(() -> CalibratorFile.read(file))
        .hasMessageContaining("/method: 'beta' is not a calibration method (expected isotonic or "
            + "platt)");
    Files.writeString(file, "[1, 2]");
    assertThatThrownBy(() -> CalibratorFile.read(file))
        .hasMessageStartingWith(file + ": is not a calibrator file");
  }
}
