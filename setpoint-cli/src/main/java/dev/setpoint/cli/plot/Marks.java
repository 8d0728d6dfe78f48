package dev.setpoint.cli.plot;

import dev.setpoint.cli.report.Numbers;
import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.OperatingPoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The operating points a chart marks, each named in the legend by what chose it and its threshold, e.g.
 * {@code recall@precision>=0.2: t=0.377805 (precision 0.2034, recall 0.0232)}.
 *
 * <p>Labels go to the legend, never next to the marker, so two labels can never collide. Two marks at
 * the same threshold are the same point of the curve: they become one marker whose label names both
 * ({@code best F1 and --at 0.088: t=0.088 …}), instead of two markers drawn on top of each other.
 * Marks at different thresholds get different colours and shapes, so near neighbours stay apart.
 *
 * @param marks in the order first added
 */
public record Marks(List<Mark> marks) {

  /**
   * One marker.
   *
   * @param label the legend text
   * @param point the operating point (its threshold and confusion matrix)
   */
  public record Mark(String label, OperatingPoint point) {
    public Mark {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(point, "point");
    }

    /** The threshold t of the marked point. */
    public double threshold() {
      return point.threshold();
    }
  }

  public Marks {
    marks = List.copyOf(marks);
  }

  /** Nothing to mark. */
  public static Marks none() {
    return new Marks(List.of());
  }

  /** Collects marks; points at the same threshold are merged. */
  public static Builder builder() {
    return new Builder();
  }

  /** Collects marks in order. */
  public static final class Builder {
    private final Map<Double, List<String>> names = new LinkedHashMap<>();
    private final Map<Double, OperatingPoint> points = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Marks a point.
     *
     * @param what what chose it, e.g. {@code best F1 0.1916} or {@code recall@precision>=0.2}
     */
    public Builder add(String what, OperatingPoint point) {
      double t = point.threshold() + 0.0;
      names.computeIfAbsent(t, k -> new ArrayList<>()).add(what);
      points.putIfAbsent(t, point);
      return this;
    }

    public Marks build() {
      List<Mark> marks = new ArrayList<>();
      names.forEach((t, whats) -> {
        // add() puts a point under every threshold it names.
        OperatingPoint point = Objects.requireNonNull(points.get(t));
        Confusion c = point.confusion();
        marks.add(new Mark(String.format(Locale.ROOT, "%s: t=%s\n    precision %s, recall %s",
            String.join(" and ", whats), t == Double.POSITIVE_INFINITY ? "+inf" : Numbers.brief(t),
            rate(c.precision()), rate(c.recall())), point));
      });
      return new Marks(marks);
    }

    private static String rate(double value) {
      return Double.isNaN(value) ? "undefined (nothing flagged)" : Numbers.rate(value);
    }
  }
}
