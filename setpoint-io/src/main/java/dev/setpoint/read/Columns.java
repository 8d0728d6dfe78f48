package dev.setpoint.read;

import dev.setpoint.data.DataFormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the requested columns are in a file's header. A missing column is an error that lists the
 * columns the file does have and suggests the closest name, since a typo is the usual cause.
 *
 * @param score index of the score column
 * @param label index of the label column
 * @param weight index of the weight column, -1 when none was requested
 * @param segments indexes of the segment columns, in the requested order
 * @param count the number of columns in the header
 */
record Columns(int score, int label, int weight, int[] segments, int count) {

  /** Resolves the requested columns against a header. */
  static Columns resolve(String source, List<String> header, ReadOptions options)
      throws DataFormatException {
    int score = find(source, header, options.scoreColumn());
    int label = find(source, header, options.labelColumn());
    int weight = options.weightColumn().isPresent()
        ? find(source, header, options.weightColumn().get()) : -1;
    int[] segments = new int[options.segmentColumns().size()];
    for (int i = 0; i < segments.length; i++) {
      segments[i] = find(source, header, options.segmentColumns().get(i));
    }
    return new Columns(score, label, weight, segments, header.size());
  }

  private static int find(String source, List<String> header, String column)
      throws DataFormatException {
    int found = -1;
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equals(column)) {
        if (found >= 0) {
          throw DataFormatException.ofSource(source, "column '" + column + "' appears twice (columns "
              + (found + 1) + " and " + (i + 1) + "), so it is unclear which to read");
        }
        found = i;
      }
    }
    if (found < 0) {
      throw missing(source, header, column);
    }
    return found;
  }

  /** The error for a column that is not in the header. */
  static DataFormatException missing(String source, List<String> header, String column) {
    StringBuilder problem = new StringBuilder("no column '").append(column).append("' (columns: ");
    List<String> shown = header.size() <= 30 ? header : header.subList(0, 30);
    problem.append(String.join(", ", shown));
    if (shown.size() < header.size()) {
      problem.append(", … ").append(header.size() - shown.size()).append(" more");
    }
    problem.append(')');
    String suggestion = closest(header, column);
    if (suggestion != null) {
      problem.append("; did you mean '").append(suggestion).append("'?");
    }
    return DataFormatException.ofSource(source, problem.toString());
  }

  /** The header name within edit distance 2 of the requested one (case-insensitive), if unique. */
  private static String closest(List<String> header, String column) {
    List<String> near = new ArrayList<>();
    int best = 3;
    for (String name : header) {
      int d = distance(name.toLowerCase(java.util.Locale.ROOT), column.toLowerCase(java.util.Locale.ROOT));
      if (d < best) {
        best = d;
        near.clear();
        near.add(name);
      } else if (d == best) {
        near.add(name);
      }
    }
    return near.size() == 1 ? near.get(0) : null;
  }

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
