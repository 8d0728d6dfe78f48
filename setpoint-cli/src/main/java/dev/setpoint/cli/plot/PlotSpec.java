package dev.setpoint.cli.plot;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One requested chart: which curve, where, in which image format. Parsed from {@code --plot} values such
 * as {@code pr.png}, {@code roc.svg}, {@code metrics.png} or {@code roc=out/curve.png}.
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
    ROC,
    /**
     * Precision, recall, F1, flag rate (and the total cost, for a cost objective) against the threshold
     * t (x), as R cutpointr's {@code plot_metric}.
     */
    METRICS;

    /** How messages name the chart: "PR chart", "ROC chart", "metrics chart". */
    public String title() {
      return this == METRICS ? "metrics chart" : name() + " chart";
    }
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
   * Parses {@code [pr=|roc=|metrics=]FILE.(png|svg)}. Without a prefix, the kind is read from the file
   * name: it must start with {@code pr}, {@code roc} or {@code metric} (e.g. {@code pr.png}, {@code
   * roc-model2.svg}, {@code metrics.png}).
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
        case "metrics", "metric" -> Kind.METRICS;
        default -> throw new IllegalArgumentException("'" + value + "': unknown chart '"
            + spec.substring(0, eq) + "', expected pr=, roc= or metrics=");
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
      } else if (name.startsWith("metric")) {
        kind = Kind.METRICS;
      } else if (name.startsWith("pr")) {
        kind = Kind.PR;
      } else {
        throw new IllegalArgumentException("'" + value + "': cannot tell which curve to draw; name the"
            + " file pr*.png / roc*.png / metrics*.png, or prefix it: pr=" + spec + ", roc=" + spec
            + " or metrics=" + spec);
      }
    }
    return new PlotSpec(kind, file, format);
  }

  /**
   * The same chart for one segment: the file name gets {@code -SEGMENT} before its extension, with
   * characters other than letters, digits, {@code .}, {@code _} and {@code -} replaced by {@code _}
   * ({@code pr.png} for segment {@code DE/premium} → {@code pr-DE_premium.png}), in the same folder.
   */
  public PlotSpec forSegment(String segment) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String safe = segment.replaceAll("[^A-Za-z0-9._-]", "_");
    Path sibling = file.resolveSibling(name.substring(0, dot) + "-" + safe + name.substring(dot));
    return new PlotSpec(kind, sibling, format);
  }
}
