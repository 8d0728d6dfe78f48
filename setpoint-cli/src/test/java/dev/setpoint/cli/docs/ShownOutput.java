package dev.setpoint.cli.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Compares the output a doc shows with the output a command printed, strictly but for one marker.
 *
 * <p>The rule (documented in docs/architecture.md, "Examples are tests"): lines are compared exactly,
 * after removing trailing blanks of each line and blank lines at the end. An ellipsis {@code …} stands
 * for what legitimately varies from run to run or machine to machine: a line that is only {@code …}
 * matches any number of lines (none included), and a {@code …} inside a line matches any run of
 * characters on that line (a timestamp, a version hash, a timing). Everything else, every digit
 * included, must be equal.
 */
final class ShownOutput {

  /** The marker. */
  static final String ANY = "…";

  private ShownOutput() {}

  /** The lines of a text, trailing blanks and trailing blank lines removed. */
  static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      lines.add(line.stripTrailing());
    }
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }

  /** Whether the actual lines are what the shown lines describe. */
  static boolean matches(List<String> shown, List<String> actual) {
    return matches(shown, 0, actual, 0, new Boolean[shown.size() + 1][actual.size() + 1]);
  }

  private static boolean matches(List<String> shown, int s, List<String> actual, int a,
      Boolean[][] memo) {
    if (memo[s][a] != null) {
      return memo[s][a];
    }
    boolean result;
    if (s == shown.size()) {
      result = a == actual.size();
    } else if (shown.get(s).strip().equals(ANY)) {
      result = matches(shown, s + 1, actual, a, memo)
          || (a < actual.size() && matches(shown, s, actual, a + 1, memo));
    } else {
      result = a < actual.size() && lineMatches(shown.get(s), actual.get(a))
          && matches(shown, s + 1, actual, a + 1, memo);
    }
    memo[s][a] = result;
    return result;
  }

  /** Whether one actual line is what one shown line describes ({@code …} matching any characters). */
  static boolean lineMatches(String shown, String actual) {
    if (!shown.contains(ANY)) {
      return shown.equals(actual);
    }
    StringBuilder regex = new StringBuilder();
    String[] parts = shown.split(Pattern.quote(ANY), -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*?");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(actual).matches();
  }

  /**
   * A unified-diff-like view: {@code ' '} lines as shown and printed, {@code '-'} shown but not
   * printed, {@code '+'} printed but not shown, {@code '~'} printed and covered by a {@code …} line
   * (which takes the printed lines after it until a shown line matches again).
   */
  static String diff(List<String> shown, List<String> actual) {
    int n = shown.size();
    int m = actual.size();
    int[][] common = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        common[i][j] = isWildcard(shown.get(i)) || !lineMatches(shown.get(i), actual.get(j))
            ? Math.max(common[i + 1][j], common[i][j + 1])
            : common[i + 1][j + 1] + 1;
      }
    }
    StringBuilder sb = new StringBuilder("--- shown in the doc\n+++ printed by the command\n");
    boolean covered = false;
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && !isWildcard(shown.get(i)) && lineMatches(shown.get(i), actual.get(j))
          && common[i][j] == common[i + 1][j + 1] + 1) {
        sb.append("  ").append(actual.get(j)).append('\n');
        covered = false;
        i++;
        j++;
      } else if (i < n && (j == m || common[i + 1][j] > common[i][j + 1]
          || (common[i + 1][j] == common[i][j + 1] && !covered))) {
        covered = isWildcard(shown.get(i));
        sb.append(covered ? "  " : "- ").append(shown.get(i)).append('\n');
        i++;
      } else {
        sb.append(covered ? "~ " : "+ ").append(actual.get(j)).append('\n');
        j++;
      }
    }
    return sb.toString();
  }

  private static boolean isWildcard(String line) {
    return line.strip().equals(ANY);
  }
}
