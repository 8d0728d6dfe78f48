package dev.setpoint.select;

import dev.setpoint.spelling.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the compact objective syntax used by the CLI and the API. Every objective's {@link
 * Objective#syntax()} reads back to an equal objective.
 *
 * <pre>
 * f1 | fbeta=B                          max F-beta
 * recall@precision&gt;=P                   max recall s.t. precision ≥ P
 * precision@recall&gt;=R                   max precision s.t. recall ≥ R
 * cost:fn=C,fp=C[,tp=C][,tn=C]          min expected cost (fn and fp required, every C &gt;= 0)
 * utility:tp=U,fp=U[,fn=U][,tn=U]       max expected utility (tp and fp required)
 * budget:flags&lt;=K                        at most K flags
 * budget:rate&lt;=X                         flag rate at most X
 * budget:flags&lt;=K/day,volume=V/day      K flags a day out of V scored a day
 * youden                                max Youden's J
 * threshold=T                           a fixed threshold
 * …;prevalence=Q                        any of the above at deployment prevalence Q
 * </pre>
 *
 * <p>Whitespace around tokens is ignored; names are case-insensitive. Errors point at the bad token
 * ({@link ObjectiveSyntaxException}).
 */
public final class ObjectiveParser {

  /** One line per form, for help texts and error messages. */
  public static final String FORMS = "f1, fbeta=B, recall@precision>=P, precision@recall>=R, "
      + "cost:fn=C,fp=C, utility:tp=U,fp=U, budget:flags<=K, budget:rate<=X, "
      + "budget:flags<=K/day,volume=V/day, youden, threshold=T; append ;prevalence=Q for a "
      + "deployment prevalence";

  /** The name part of every form, what a misspelt objective is compared with. */
  private static final List<String> NAMES = List.of("recall@precision>=", "precision@recall>=",
      "f1", "fbeta=", "cost:", "utility:", "budget:", "youden", "threshold=");

  /** A name ending in {@code <} or {@code >} followed by a number: {@code precision@recall>0.9}. */
  private static final Pattern TRAILING_COMPARISON = Pattern.compile("(.*[<>])\\s*[-+.0-9].*");

  private final String input;
  private final String lower;
  private int pos;

  private ObjectiveParser(String input) {
    this.input = input;
    this.lower = input.toLowerCase(Locale.ROOT);
  }

  /**
   * Parses an objective.
   *
   * @throws ObjectiveSyntaxException pointing at the bad token
   */
  public static Objective parse(String text) {
    ObjectiveParser p = new ObjectiveParser(java.util.Objects.requireNonNull(text, "text"));
    return p.objective();
  }

  private Objective objective() {
    skipSpaces();
    Objective base = base();
    Objective result = base;
    skipSpaces();
    if (pos < input.length() && input.charAt(pos) == ';') {
      pos++;
      skipSpaces();
      expect("prevalence=");
      int at = pos;
      double prevalence = number();
      result = construct(at, () -> new AtPrevalence(base, prevalence));
      skipSpaces();
    }
    if (pos < input.length()) {
      throw error(pos, "unexpected '" + input.substring(pos) + "'");
    }
    return result;
  }

  private Objective base() {
    int start = pos;
    if (accept("recall@precision>=")) {
      return ofNumber(Objective::recallAtPrecision);
    }
    if (accept("precision@recall>=")) {
      return ofNumber(Objective::precisionAtRecall);
    }
    if (accept("fbeta=")) {
      return ofNumber(MaxFBeta::new);
    }
    if (accept("threshold=")) {
      return ofNumber(FixedThreshold::new);
    }
    if (accept("cost:")) {
      Map<String, Integer> at = new LinkedHashMap<>();
      Map<String, Double> cells = cells(Set.of("fn", "fp", "tp", "tn"), at);
      require(cells, "cost", "fn", "fp", "C", "cost:fn=10,fp=1");
      for (Map.Entry<String, Double> cell : cells.entrySet()) {
        if (cell.getValue() < 0) {
          throw error(present(at, cell.getKey()), cell.getKey() + "=" + Scan.plain(cell.getValue())
              + " is a negative cost; a cost is >= 0, and a gain is a utility: write it as "
              + "utility:tp=U,fp=U (e.g. utility:tp=120,fp=-4)");
        }
      }
      double fn = present(cells, "fn");
      double fp = present(cells, "fp");
      return construct(start, () -> new MinCost(fn, fp,
          cells.getOrDefault("tp", 0.0), cells.getOrDefault("tn", 0.0)));
    }
    if (accept("utility:")) {
      Map<String, Integer> at = new LinkedHashMap<>();
      Map<String, Double> cells = cells(Set.of("fn", "fp", "tp", "tn"), at);
      require(cells, "utility", "tp", "fp", "U", "utility:tp=120,fp=-4");
      double tp = present(cells, "tp");
      double fp = present(cells, "fp");
      return construct(start, () -> new MaxUtility(tp, fp,
          cells.getOrDefault("fn", 0.0), cells.getOrDefault("tn", 0.0)));
    }
    if (accept("budget:")) {
      return budget();
    }
    if (acceptWord("f1")) {
      return new MaxFBeta(1);
    }
    if (acceptWord("youden")) {
      return new MaxYoudenJ();
    }
    int end = pos;
    while (end < input.length() && input.charAt(end) != ';') {
      end++;
    }
    String word = input.substring(start, end).trim();
    if (word.isEmpty()) {
      throw error(start, "missing objective; expected one of " + FORMS);
    }
    String hint = suggestion(word).map(s -> " (did you mean '" + s + "'?)").orElse("");
    throw error(start, "unknown objective '" + word + "'" + hint + "; expected one of " + FORMS);
  }

  /**
   * The objective a misspelt one most likely meant: its name part — up to the first {@code :} or
   * {@code =}, or before the number after a trailing {@code <}/{@code >} — corrected to the closest
   * {@link #NAMES name} ({@link Suggestions#closest}), followed by the rest as typed.
   */
  private static Optional<String> suggestion(String word) {
    String lowerWord = word.toLowerCase(Locale.ROOT);
    int cut = -1;
    for (int i = 0; i < lowerWord.length() && cut < 0; i++) {
      if (lowerWord.charAt(i) == ':' || lowerWord.charAt(i) == '=') {
        cut = i + 1;
      }
    }
    if (cut < 0) {
      Matcher comparison = TRAILING_COMPARISON.matcher(lowerWord);
      cut = comparison.matches() ? comparison.end(1) : lowerWord.length();
    }
    String rest = word.substring(cut).trim();
    String head = lowerWord.substring(0, cut).replace(" ", "");
    // "precision>=0.9" is a recall@precision>= without its first half: the name that ends with it.
    List<String> completing = NAMES.stream().filter(n -> head.length() >= 4 && n.endsWith(head)
        && !n.equals(head)).toList();
    if (completing.size() == 1) {
      return Optional.of(completing.get(0) + rest);
    }
    return Suggestions.closest(head, NAMES).map(name -> name + rest);
  }

  private Objective budget() {
    skipSpaces();
    if (accept("rate<=")) {
      return ofNumber(FlagBudget::rate);
    }
    if (!accept("flags<=")) {
      throw error(pos, "expected flags<=K or rate<=X after 'budget:'");
    }
    int at = pos;
    double flags = number();
    if (!accept("/day")) {
      return construct(at, () -> FlagBudget.flags(flags));
    }
    skipSpaces();
    if (!accept(",")) {
      throw error(pos, "a per-day budget needs the daily volume: add ,volume=V/day");
    }
    skipSpaces();
    expect("volume=");
    int volumeAt = pos;
    double volume = number();
    expect("/day");
    return construct(volumeAt, () -> FlagBudget.perDay(flags, volume));
  }

  /**
   * Refuses a cost or utility without both of its two required cells, pointing where the missing one
   * would go: {@code cost:fn=10} does not mean "a false positive costs nothing".
   */
  private void require(Map<String, Double> cells, String kind, String first, String second,
      String unit, String example) {
    for (String name : List.of(first, second)) {
      if (!cells.containsKey(name)) {
        throw error(pos, "missing " + name + "=" + unit + ": " + kind + " needs both " + first + "="
            + unit + " and " + second + "=" + unit + ", e.g. " + example);
      }
    }
  }

  /** Reads {@code name=value} cells; {@code at} receives the position of each value. */
  private Map<String, Double> cells(Set<String> names, Map<String, Integer> positions) {
    Map<String, Double> cells = new LinkedHashMap<>();
    do {
      skipSpaces();
      int at = pos;
      int eq = lower.indexOf('=', pos);
      if (eq < 0) {
        throw error(at, "expected name=value, one of " + String.join(", ", new java.util.TreeSet<>(names)));
      }
      String name = lower.substring(pos, eq).trim();
      if (!names.contains(name)) {
        throw error(at, "unknown cell '" + input.substring(pos, eq).trim() + "'; expected one of "
            + String.join(", ", new java.util.TreeSet<>(names)));
      }
      if (cells.containsKey(name)) {
        throw error(at, "'" + name + "' is given twice");
      }
      pos = eq + 1;
      skipSpaces();
      positions.put(name, pos);
      cells.put(name, number());
      skipSpaces();
    } while (accept(","));
    return cells;
  }

  /** Reads a number up to the next delimiter. */
  private double number() {
    skipSpaces();
    int start = pos;
    while (pos < input.length() && ",;/ ".indexOf(input.charAt(pos)) < 0) {
      pos++;
    }
    String token = input.substring(start, pos);
    if (token.isEmpty()) {
      throw error(start, "expected a number");
    }
    double value;
    try {
      value = Double.parseDouble(token);
    } catch (NumberFormatException e) {
      throw error(start, "'" + token + "' is not a number");
    }
    if (!Double.isFinite(value)) {
      throw error(start, "'" + token + "' is not a finite number");
    }
    skipSpaces();
    return value;
  }

  /** A value that {@link #require} or {@link #cells} has put in the map. */
  private static <V> V present(Map<String, V> map, String key) {
    return Objects.requireNonNull(map.get(key), key);
  }

  /** Builds an objective, turning its validation error into one that points at {@code at}. */
  /** The objective made of the number read here; an error it raises points at the number. */
  private Objective ofNumber(DoubleFunction<Objective> of) {
    int at = pos;
    double value = number();
    return construct(at, () -> of.apply(value));
  }

  private Objective construct(int at, java.util.function.Supplier<Objective> factory) {
    try {
      return factory.get();
    } catch (IllegalArgumentException e) {
      throw error(at, String.valueOf(e.getMessage()));
    }
  }

  private boolean accept(String token) {
    if (lower.startsWith(token, pos)) {
      pos += token.length();
      return true;
    }
    return false;
  }

  /** Accepts a bare word only when it ends the objective (or is followed by ';' or a space). */
  private boolean acceptWord(String word) {
    int end = pos + word.length();
    if (lower.startsWith(word, pos) && (end == input.length() || ";".indexOf(input.charAt(end)) >= 0
        || Character.isWhitespace(input.charAt(end)))) {
      pos = end;
      return true;
    }
    return false;
  }

  private void expect(String token) {
    if (!accept(token)) {
      throw error(pos, "expected '" + token + "'");
    }
  }

  private void skipSpaces() {
    while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
      pos++;
    }
  }

  private ObjectiveSyntaxException error(int at, String problem) {
    return new ObjectiveSyntaxException(input, at, problem);
  }
}
