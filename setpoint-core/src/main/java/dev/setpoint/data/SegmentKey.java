package dev.setpoint.data;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The values of a row's segment columns, in the order the columns were requested; for example
 * {@code [EU, premium]} for {@code --segment jurisdiction,tier}.
 *
 * <p>Readers intern keys, so rows of one segment share one instance and a sink may use it as a map key
 * without allocating per row.
 *
 * @param values the segment column values; empty for {@link #NONE}
 */
public record SegmentKey(List<String> values) {

  /** The key of every row when no segment columns were requested. */
  public static final SegmentKey NONE = new SegmentKey(List.of());

  /**
   * The order reports and policies list segments in: value by value, column by column (a prefix
   * first), so {@link #NONE} comes first and {@code 36m/A} before {@code 36m/B} before {@code 60m/A}.
   */
  public static final Comparator<SegmentKey> ORDER = (a, b) -> {
    int n = Math.min(a.values.size(), b.values.size());
    for (int i = 0; i < n; i++) {
      int c = a.values.get(i).compareTo(b.values.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.values.size(), b.values.size());
  };

  public SegmentKey {
    values = List.copyOf(Objects.requireNonNull(values, "values"));
  }

  /** Returns the values joined by {@code /}, or {@code (all)} for {@link #NONE}. */
  public String label() {
    return values.isEmpty() ? "(all)" : String.join("/", values);
  }

  @Override
  public String toString() {
    return label();
  }
}
