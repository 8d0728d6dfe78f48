package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCommandTest {

  private static final String LOANS = Path.of("..", "examples", "lending_club_bad_hgb_oof.csv")
      .toString();

  @TempDir Path dir;

  @Test
  void isotonicCalibrationIsReliableInSampleAndTransfersThresholds() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Path png = dir.resolve("reliability.png");
    int code = Main.run(new String[] {"calibrate", LOANS, "--method", "isotonic", "--probability",
        "0.1", "--plot", png.toString()}, new PrintWriter(out), new PrintWriter(err));

    assertThat(code).as(err.toString()).isZero();
    // In-sample isotonic regression matches each bin's rate exactly: ECE 0.
    assertThat(out.toString()).contains("isotonic regression with").contains("ECE 0.0000")
        .contains("raw scores: ECE 0.0228");
    // P(bad) >= 0.1 after calibration is the same rule as the raw score >= the best-F1 threshold here.
    assertThat(out.toString()).containsPattern("0\\.1 +0\\.08829055881917662 +1,174");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(760);
  }

  @Test
  void plattFitReportsItsParameters() {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"calibrate", LOANS, "--method", "platt"},
        new PrintWriter(out), new PrintWriter(new StringWriter()));

    assertThat(code).isZero();
    assertThat(out.toString()).contains("Platt scaling p = 1 / (1 + exp(");
  }

  @Test
  void theReportSaysItsCalibratedEceIsInSample() {
    StringWriter out = new StringWriter();
    int code = Main.run(new String[] {"calibrate", LOANS}, new PrintWriter(out),
        new PrintWriter(new StringWriter()));

    assertThat(code).isZero();
    assertThat(out.toString()).contains("in-sample: the calibrated ECE and Brier score are "
        + "measured on the rows the map was fitted to");
  }
}
