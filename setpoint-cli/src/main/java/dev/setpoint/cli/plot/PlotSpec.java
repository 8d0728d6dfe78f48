package dev.setpoint.cli.plot;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One requested chart: which curve, where, in which image format. Parsed from {@code --plot} values such
 * as {@code pr.png}, {@code roc.svg} or {@code roc=out/curve.png}.
 *
 * @param kind the curve to draw
 * @param file the output file
 * @param format the image format, from the file extension
 */
public record PlotSpec(Kind kind, Path file, Format format) {

  /** The curve to draw. */
  public enum Kind {
    /** Precision (y) against recall (x). */
    PR,
    /** True positive rate (y) against false positive rate (x). */
    ROC
  }

  /** The image format. */
  public enum Format {
    PNG,
    SVG
  }

  public PlotSpec {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
  }

  /**
   * Parses {@code [pr=|roc=]FILE.(png|svg)}. Without a prefix, the kind is read from the file name: it
   * must start with {@code pr} or {@code roc} (e.g. {@code pr.png}, {@code roc-model2.svg}).
   *
   * @throws IllegalArgumentException naming the value and what was expected
   */
  public static PlotSpec parse(String value) {
    String spec = value.trim();
    Kind kind = null;
    int eq = spec.indexOf('=');
    if (eq > 0) {
      String prefix = spec.substring(0, eq).toLowerCase(Locale.ROOT);
      kind = switch (prefix) {
        case "pr" -> Kind.PR;
        case "roc" -> Kind.ROC;
        default -> throw new IllegalArgumentException("'" + value + "': unknown curve '"
            + spec.substring(0, eq) + "', expected pr= or roc=");
      };
      spec = spec.substring(eq + 1);
    }
    if (spec.isEmpty()) {
      throw new IllegalArgumentException("'" + value + "': missing file name");
    }
    Path file = Path.of(spec);
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Format format;
    if (name.endsWith(".png")) {
      format = Format.PNG;
    } else if (name.endsWith(".svg")) {
      format = Format.SVG;
    } else {
      throw new IllegalArgumentException(
          "'" + value + "': the file name must end in .png or .svg");
    }
    if (kind == null) {
      if (name.startsWith("roc")) {
        kind = Kind.ROC;
      } else if (name.startsWith("pr")) {
        kind = Kind.PR;
      } else {
        throw new IllegalArgumentException("'" + value + "': cannot tell which curve to draw; name the"
            + " file pr*.png / roc*.png, or prefix it: pr=" + spec + " or roc=" + spec);
      }
    }
    return new PlotSpec(kind, file, format);
  }
}
