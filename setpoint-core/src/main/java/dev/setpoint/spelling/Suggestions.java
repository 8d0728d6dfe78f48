package dev.setpoint.spelling;

import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The known name closest to a misspelt one, for the "did you mean …?" of error messages: column
 * names, policy fields and actions, objectives. One rule everywhere, so a typo that is caught in one
 * place is caught in all.
 */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code word} by {@link #distance edit distance}, ignoring case, if it is
   * close enough to be a typo: at most two edits, at most one for a word of up to four characters, and
   * at most half the word's length (so {@code id} never suggests {@code ab}). On equal distance the
   * first candidate in iteration order wins. Empty when none is that close.
   */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    Objects.requireNonNull(word, "word");
    String w = word.toLowerCase(Locale.ROOT);
    int limit = Math.min(w.length() <= 4 ? 1 : 2, w.length() / 2);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(w, c.toLowerCase(Locale.ROOT));
      if (d <= limit && d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Edit distance with adjacent transpositions (optimal string alignment): inserting, deleting or
   * substituting a character, or swapping two adjacent ones, each costs 1 — so {@code scroe} is one
   * edit from {@code score}, as a typist would count it.
   */
  public static int distance(String a, String b) {
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
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
