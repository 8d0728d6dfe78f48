package dev.setpoint.cli.calibrate;

import dev.setpoint.calibrate.BinStrategy;
import dev.setpoint.calibrate.Calibration;
import dev.setpoint.calibrate.Calibration.ThresholdTransfer;
import dev.setpoint.calibrate.IsotonicCalibration;
import dev.setpoint.calibrate.PlattScaling;
import dev.setpoint.calibrate.ReliabilityTable;
import dev.setpoint.cli.input.InputOptions;
import dev.setpoint.cli.input.ScoreArrays;
import dev.setpoint.cli.output.OutputPath;
import dev.setpoint.cli.report.Numbers;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.Sha256;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code setpoint calibrate FILE}: fit a calibration, show reliability before and after, move thresholds. */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Fits Platt scaling or isotonic regression on a calibration file's scores and labels, and "
          + "reports reliability (bins of predicted vs observed rate, ECE, Brier score) before and "
          + "after calibration, and the raw-score threshold equivalent to each calibrated-probability "
          + "threshold asked for (docs/definitions.md#threshold-transfer).",
      "",
      "The fit is in-sample on FILE: use a held-out calibration set (not the training data), and "
          + "judge reliability on yet other data when you can.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  setpoint calibrate calibration.csv --method isotonic --plot reliability.png",
      "  setpoint calibrate calibration.csv --method platt --probability 0.3,0.5",
      "  setpoint calibrate calibration.csv -o calibrator.json && \\",
      "    setpoint score --model model.json new.csv --calibrator calibrator.json",
      "",
      "Exit codes: 0 ok, 2 usage error, 3 data error."
    })
public final class CalibrateCommand implements Callable<Integer> {

  /** The calibration method. */
  public enum Method {
    PLATT,
    ISOTONIC
  }

  @Spec private CommandSpec spec;

  @Mixin private InputOptions input;

  @Option(names = "--method", paramLabel = "METHOD", defaultValue = "isotonic",
      description = "Calibration: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private Method method;

  @Option(names = "--bins", paramLabel = "N", defaultValue = "10",
      description = "Reliability bins (default: ${DEFAULT-VALUE}).")
  private int bins;

  @Option(names = "--bin-strategy", paramLabel = "STRATEGY", defaultValue = "EQUAL_WIDTH",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private BinStrategy strategy;

  @Option(names = "--probability", paramLabel = "P", split = ",",
      description = "Calibrated-probability thresholds to translate into raw-score thresholds.")
  private List<Double> probabilities = new ArrayList<>();

  @Option(names = "--plot", converter = OutputPath.class, paramLabel = "FILE",
      description = "Draw the reliability diagram (.png or .svg).")
  private @Nullable Path plot;

  @Option(names = {"-o", "--output"}, converter = OutputPath.class, paramLabel = "FILE.json",
      description = "Save the fitted map as a calibrator file (method, its parameters or knots, the "
          + "data's name, SHA-256 and counts, the date), for 'setpoint score --calibrator'.")
  private @Nullable Path output;

  @Override
  public Integer call() throws IOException, DataFormatException {
    if (bins < 1) {
      throw new ParameterException(spec.commandLine(), "--bins must be >= 1, was " + bins);
    }
    ScoreArrays rows = input.readRows();
    double[] scores = rows.scores();
    boolean[] labels = rows.labels();
    double[] weights = rows.weightsOrNull();
    Calibration calibration = fit(scores, labels, weights);
    double[] calibrated = calibration.apply(scores);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%s: %,d rows; %s%n", input.file(), scores.length, describe(calibration));
    ReliabilityTable before = inUnitInterval(scores) ? table(scores, labels, weights) : null;
    ReliabilityTable after = table(calibrated, labels, weights);
    if (before != null) {
      print(out, "raw scores", before);
    } else {
      out.println();
      out.println("raw scores are not all in [0, 1]: no reliability table for them");
    }
    print(out, "calibrated (" + method.name().toLowerCase(Locale.ROOT) + ")", after);
    out.println();
    out.println("in-sample: the calibrated ECE and Brier score are measured on the rows the map was "
        + "fitted to, so they flatter it; judge it on other data");
    if (!probabilities.isEmpty()) {
      out.println();
      out.printf(Locale.ROOT, "  %-24s %-24s %s%n", "calibrated >= p", "raw score >=", "rows flagged");
      for (double p : probabilities) {
        ThresholdTransfer t = calibration.toRawThreshold(p, scores);
        if (t instanceof ThresholdTransfer.Equivalent e) {
          out.printf(Locale.ROOT, "  %-24s %-24s %,d%n", Numbers.brief(p),
              Numbers.threshold(e.threshold()), e.flagged());
        } else {
          out.printf(Locale.ROOT, "  %-24s no equivalent: %s%n", Numbers.brief(p),
              ((ThresholdTransfer.NotEquivalent) t).reason());
        }
      }
    }
    out.flush();
    if (output != null) {
      long positives = 0;
      for (boolean label : labels) {
        positives += label ? 1 : 0;
      }
      new CalibratorFile(calibration, new CalibratorFile.FitData(input.file().toString(),
          Sha256.hex(input.file()), scores.length, positives, weights != null), Instant.now())
          .write(output);
      out.println("calibrator written to " + output + "; apply it with 'setpoint score --calibrator "
          + output + "'");
      out.flush();
    }
    if (plot != null) {
      ReliabilityPlot.write(input.displayName(), before, after, method.name().toLowerCase(Locale.ROOT),
          plot);
      spec.commandLine().getErr().printf("wrote reliability diagram to %s%n", plot);
      spec.commandLine().getErr().flush();
    }
    return 0;
  }

  private Calibration fit(double[] scores, boolean[] labels, double @Nullable [] weights)
      throws DataFormatException {
    try {
      if (method == Method.PLATT) {
        return weights == null ? PlattScaling.fit(scores, labels)
            : PlattScaling.fit(scores, labels, weights);
      }
      return weights == null ? IsotonicCalibration.fit(scores, labels)
          : IsotonicCalibration.fit(scores, labels, weights);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw DataFormatException.ofSource(input.file().toString(), "cannot fit a "
          + method.name().toLowerCase(Locale.ROOT) + " calibration: " + e.getMessage());
    }
  }

  private ReliabilityTable table(double[] p, boolean[] labels, double @Nullable [] weights) {
    return weights == null ? ReliabilityTable.of(p, labels, bins, strategy)
        : ReliabilityTable.of(p, labels, weights, bins, strategy);
  }

  private static boolean inUnitInterval(double[] scores) {
    for (double s : scores) {
      if (!(s >= 0 && s <= 1)) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Calibration c) {
    if (c instanceof PlattScaling p) {
      return String.format(Locale.ROOT, "Platt scaling p = 1 / (1 + exp(%s·s + %s))",
          Numbers.brief(p.a()), Numbers.brief(p.b()));
    }
    return "isotonic regression with " + ((IsotonicCalibration) c).size() + " knots";
  }

  private static void print(PrintWriter out, String title, ReliabilityTable t) {
    out.println();
    out.printf(Locale.ROOT, "%s: ECE %s, Brier %s%n", title, Numbers.rate(t.expectedCalibrationError()),
        Numbers.rate(t.brierScore()));
    out.printf(Locale.ROOT, "  %-20s %10s %14s %14s %9s%n", "bin", "rows", "mean predicted",
        "observed rate", "gap");
    for (ReliabilityTable.Bin b : t.bins()) {
      out.printf(Locale.ROOT, "  %-20s %,10d %14s %14s %9s%n",
          String.format(Locale.ROOT, "(%.3f, %.3f]", b.lower(), b.upper()), b.rows(),
          Numbers.rate(b.meanPredicted()), Numbers.rate(b.observedRate()), Numbers.rate(b.gap()));
    }
  }
}
