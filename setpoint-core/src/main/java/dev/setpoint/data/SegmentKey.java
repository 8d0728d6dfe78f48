package dev.setpoint.data;

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
