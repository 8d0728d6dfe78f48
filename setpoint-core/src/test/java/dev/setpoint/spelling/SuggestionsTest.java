package dev.setpoint.spelling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  @Test
  void distanceCountsInsertionsDeletionsSubstitutionsAndAdjacentSwaps() {
    assertThat(Suggestions.distance("score", "score")).isZero();
    assertThat(Suggestions.distance("scroe", "score")).isEqualTo(1);
    assertThat(Suggestions.distance("label", "labels")).isEqualTo(1);
    assertThat(Suggestions.distance("labels", "label")).isEqualTo(1);
    assertThat(Suggestions.distance("lable", "label")).isEqualTo(1);
    assertThat(Suggestions.distance("scare", "score")).isEqualTo(1);
    assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    assertThat(Suggestions.distance("abc", "")).isEqualTo(3);
    assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
    // Optimal string alignment: a swapped pair is not edited again.
    assertThat(Suggestions.distance("ca", "abc")).isEqualTo(3);
  }

  @Test
  void distanceIsSymmetricAndAtMostTheLongerLength() {
    Random rnd = new Random(20261206);
    for (int i = 0; i < 2_000; i++) {
      String a = randomWord(rnd);
      String b = randomWord(rnd);
      int d = Suggestions.distance(a, b);
      assertThat(Suggestions.distance(b, a)).isEqualTo(d);
      assertThat(d).isBetween(Math.abs(a.length() - b.length()), Math.max(a.length(), b.length()));
      assertThat(d == 0).isEqualTo(a.equals(b));
    }
  }

  @Test
  void suggestsTheClosestIgnoringCase() {
    assertThat(Suggestions.closest("Score", List.of("label", "score"))).contains("score");
    assertThat(Suggestions.closest("minscore", List.of("action", "minScore"))).contains("minScore");
    assertThat(Suggestions.closest("reveiw", List.of("allow", "review", "block")))
        .contains("review");
  }

  @Test
  void suggestsNothingWhenNoCandidateIsCloseEnough() {
    assertThat(Suggestions.closest("amount", List.of("score", "label"))).isEmpty();
    assertThat(Suggestions.closest("anything", List.of())).isEmpty();
    // Short words allow one edit, and never more than half their length.
    assertThat(Suggestions.closest("id", List.of("ab"))).isEmpty();
    assertThat(Suggestions.closest("id", List.of("ix"))).contains("ix");
    assertThat(Suggestions.closest("tier", List.of("tide"))).isEmpty();
    assertThat(Suggestions.closest("x", List.of("y"))).isEmpty();
    // Five letters and more: two edits.
    assertThat(Suggestions.closest("amuont", List.of("amount"))).contains("amount");
    assertThat(Suggestions.closest("scoer", List.of("score"))).contains("score");
    assertThat(Suggestions.closest("scxyz", List.of("score"))).isEmpty();
  }

  @Test
  void theFirstOfEquallyCloseCandidatesWins() {
    assertThat(Suggestions.closest("cat", List.of("bat", "hat"))).contains("bat");
    assertThat(Suggestions.closest("cat", List.of("hat", "bat"))).contains("hat");
    assertThat(Suggestions.closest("cat", List.of("hat", "cat"))).contains("cat");
  }

  private static String randomWord(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int n = rnd.nextInt(7);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + rnd.nextInt(3)));
    }
    return sb.toString();
  }
}
