package dev.setpoint.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * A policy compiled for serving: {@code decide(score, attributes)} picks the segment by table lookups
 * ({@link SegmentTable}: one hash lookup per value-matched attribute, one binary search per
 * range-matched one, then the lowest bit of an AND) and the band by a scan of the segment's few
 * thresholds.
 *
 * <p>Immutable and thread-safe. On the common path (at most 64 segments, every attribute the policy
 * matches on present) a decision allocates nothing: the returned {@link Decision}s are built once, one
 * per segment and band. A request that lacks attributes gets a fresh decision that names them.
 *
 * <p>Decision rule: a score takes the first band whose {@code minScore} it reaches, {@code score >=
 * minScore} ({@code docs/definitions.md#decision-rule}); {@code +Infinity} takes the first band and
 * {@code -Infinity} the last. NaN is refused.
 */
public final class Decider {

  private final Policy policy;
  private final String version;
  private final String[] attributes;
  private final SegmentTable.AttributeIndex[] index;
  private final boolean singleWord;
  private final int words;
  // The common case of at most 64 segments and text values: per value-matched attribute, the segment
  // set of each value the policy names, and of every other value. Everything else (missing values,
  // numbers, ranges, more segments) takes the general path through SegmentTable's classes.
  private final TextMasks[] valueMasks;
  private final int defaultSegment;
  /** Band thresholds of each segment, highest first, without the last band. */
  private final double[][] thresholds;
  private final Decision[][] decisions;
  /** The model's score range, when the policy declares one ({@link #refusal}). */
  private final Optional<ModelRef.ScoreRange> scoreRange;

  private Decider(Policy policy, String version) {
    this.scoreRange = policy.model().flatMap(ModelRef::scoreRange);
    this.policy = policy;
    this.version = version;
    SegmentTable table = SegmentTable.of(policy.segments());
    this.attributes = table.attributes().toArray(new String[0]);
    this.index = new SegmentTable.AttributeIndex[attributes.length];
    for (int a = 0; a < attributes.length; a++) {
      index[a] = table.index(a);
    }
    this.words = table.words();
    this.singleWord = words == 1;
    this.valueMasks = new TextMasks[attributes.length];
    for (int a = 0; a < attributes.length && singleWord; a++) {
      long[][] masks = index[a].masks();
      if (index[a] instanceof SegmentTable.ByValue byValue) {
        Map<String, Long> byText = new HashMap<>();
        byValue.classOf().forEach((value, c) -> byText.put(value, masks[c][0]));
        valueMasks[a] = new TextMasks(byText, masks[masks.length - 1][0]);
      }
    }
    List<Segment> segments = policy.segments();
    this.defaultSegment = segments.size() - 1;
    this.thresholds = new double[segments.size()][];
    this.decisions = new Decision[segments.size()][];
    for (int s = 0; s < segments.size(); s++) {
      Segment segment = segments.get(s);
      List<Band> bands = segment.bands();
      thresholds[s] = new double[bands.size() - 1];
      decisions[s] = new Decision[bands.size()];
      for (int b = 0; b < bands.size(); b++) {
        Band band = bands.get(b);
        if (b < bands.size() - 1) {
          thresholds[s][b] = band.minScore().getAsDouble();
        }
        OptionalDouble threshold = b < bands.size() - 1 ? band.minScore() : OptionalDouble.empty();
        Decision.Route route = s == defaultSegment ? Decision.Route.DEFAULT : Decision.Route.MATCHED;
        decisions[s][b] = new Decision(band.action(), band.queue(), segment.name(), s, b, threshold,
            version, route, List.of());
      }
    }
  }

  /**
   * Compiles a validated policy. Its version is the document's {@code version}, or {@code sha256:}
   * and the first 12 hex digits of the document's hash.
   */
  public static Decider compile(Validation.Valid valid) {
    Policy p = valid.policy();
    return new Decider(p, p.version().orElse("sha256:" + valid.sha256().substring(0, 12)));
  }

  /**
   * Validates and compiles a policy built in memory.
   *
   * @throws IllegalArgumentException listing the errors when the policy is invalid
   */
  public static Decider compile(Policy policy) {
    Validation v = PolicyDocuments.validate(policy);
    if (v instanceof Validation.Invalid invalid) {
      StringBuilder sb = new StringBuilder("policy '" + policy.name() + "' is invalid:");
      invalid.errors().forEach(e -> sb.append("\n  ").append(e.describe(policy.name())));
      throw new IllegalArgumentException(sb.toString());
    }
    return compile((Validation.Valid) v);
  }

  /** The policy this decider was compiled from. */
  public Policy policy() {
    return policy;
  }

  /** The version label every decision carries. */
  public String version() {
    return version;
  }

  /**
   * Why a request's {@code score} cannot be decided under this policy, in words that name the value
   * and say what to send; empty when it can. A score must be a finite number, and inside the model's
   * score range when the policy declares one ({@code model.scoreRange}, {@code
   * docs/policy.md#scores}): a policy's bands were chosen over that range, so a score outside it is a
   * caller's mistake (another model, unscaled output), not a request to decide. The one rule for every
   * front door: the decision service answers it as a 400 for the score's field, {@code setpoint policy
   * explain --score} as a usage error. ({@link #decide} itself takes any non-NaN score.)
   */
  public Optional<String> refusal(double score) {
    Optional<ModelRef.ScoreRange> range = scoreRange;
    if (Double.isFinite(score) && (range.isEmpty() || range.get().contains(score))) {
      return Optional.empty(); // the common case, on every request: no message built
    }
    String send = range.map(r -> "send a finite number in the model's score range [" + r.min()
        + ", " + r.max() + "]").orElse("send a finite number");
    if (Double.isNaN(score)) {
      return Optional.of("NaN is not a number; " + send);
    }
    if (Double.isInfinite(score)) {
      return Optional.of(score + " is not a finite number; " + send);
    }
    if (range.isPresent() && !range.get().contains(score)) {
      return Optional.of(score + " is outside the model's score range [" + range.get().min() + ", "
          + range.get().max() + "]");
    }
    return Optional.empty();
  }

  /** The attributes the policy matches on, in order of first use. */
  public List<String> attributes() {
    return List.of(attributes);
  }

  /**
   * Decides for a score and a request's attributes.
   *
   * @throws IllegalArgumentException if the score is NaN
   */
  public Decision decide(double score, Attributes request) {
    return decideFrom(score, request);
  }

  /** Decides for a score and attributes in a map. */
  public Decision decide(double score, Map<String, ?> request) {
    if (Double.isNaN(score) || !singleWord) {
      return decideRare(score, request);
    }
    // The loop of decideFrom with the map's own lookup: a call site of its own keeps HashMap.get
    // inlined (through decideFrom's shared call site it was not, at 60 % of the speed).
    long set = -1L;
    boolean missing = false;
    for (int a = 0; a < valueMasks.length; a++) {
      Object value = request.get(attributes[a]);
      TextMasks byText = valueMasks[a];
      if (byText != null && value instanceof String text) {
        set &= byText.get(text);
      } else {
        int c = classOf(a, value);
        missing |= c < 0;
        set &= mask(a, c);
      }
    }
    return decision(set, score, missing, request);
  }

  /**
   * Decides for a score and the request's attribute values by position, in {@link #attributes()}
   * order ({@code null} for a missing one): the fastest form, for callers that extract the attributes
   * themselves (the decision service from JSON, {@code setpoint decide} from columns).
   *
   * @throws IllegalArgumentException if the score is NaN or {@code values} has the wrong length
   */
  public Decision decide(double score, Object[] values) {
    if (values.length != attributes.length) {
      throw new IllegalArgumentException("expected " + attributes.length + " attribute values "
          + List.of(attributes) + ", got " + values.length);
    }
    return decideFrom(score, values);
  }

  /**
   * The hot path; {@code source} is an Object[] by position, a Map or an Attributes, so that none
   * needs an adapter.
   */
  private Decision decideFrom(double score, Object source) {
    if (Double.isNaN(score) || !singleWord) {
      return decideRare(score, source);
    }
    long set = -1L;
    boolean missing = false;
    for (int a = 0; a < valueMasks.length; a++) {
      Object value = get(source, a);
      TextMasks byText = valueMasks[a];
      if (byText != null && value instanceof String text) {
        set &= byText.get(text);
      } else {
        int c = classOf(a, value);
        missing |= c < 0;
        set &= mask(a, c);
      }
    }
    return decision(set, score, missing, source);
  }

  /**
   * The decision of segment set {@code set}; {@code missing} says whether an attribute was missing, and
   * only then are the missing ones named (off the common path).
   */
  private Decision decision(long set, double score, boolean missing, Object source) {
    int segment = Long.numberOfTrailingZeros(set);
    Decision d = decisions[segment][band(thresholds[segment], score)];
    return missing ? withMissing(d, source) : d;
  }

  /** NaN scores, and policies of more than 64 segments. */
  private Decision decideRare(double score, Object source) {
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("score must be a number, was NaN");
    }
    return decideWide(score, source);
  }

  /**
   * The segment set (single word) of class {@code c} of attribute {@code a}, as {@link #classOf} gives
   * it: off the fast path (missing, not text, or range-matched).
   */
  private long mask(int a, int c) {
    return index[a].masks()[c < 0 ? -c - 1 : c][0];
  }

  private @Nullable Object get(Object source, int a) {
    if (source instanceof Object[] values) {
      return values[a];
    }
    return source instanceof Map<?, ?> map ? map.get(attributes[a])
        : ((Attributes) source).get(attributes[a]);
  }


  private Decision decideWide(double score, Object request) {
    long[] set = new long[words];
    Arrays.fill(set, -1L);
    boolean missing = false;
    for (int a = 0; a < attributes.length; a++) {
      int c = classOf(a, get(request, a));
      if (c < 0) {
        c = -c - 1;
        missing = true;
      }
      long[] mask = index[a].masks()[c];
      for (int w = 0; w < words; w++) {
        set[w] &= mask[w];
      }
    }
    int segment = Reachability.firstBit(set);
    Decision d = decisions[segment][band(thresholds[segment], score)];
    return missing ? withMissing(d, request) : d;
  }

  private static int band(double[] t, double score) {
    for (int b = 0; b < t.length; b++) {
      if (score >= t[b]) {
        return b;
      }
    }
    return t.length;
  }

  /**
   * The class of a value of attribute {@code a}; for a missing (or, for a range, non-numeric) value the
   * missing class {@code c} is returned as {@code -c - 1}.
   */
  private int classOf(int a, @Nullable Object value) {
    SegmentTable.AttributeIndex idx = index[a];
    int missingClass = idx.masks().length - 1;
    if (value == null) {
      return -missingClass - 1;
    }
    if (idx instanceof SegmentTable.ByValue byValue) {
      Integer c = byValue.classOf().get(text(value));
      return c == null ? missingClass : c;
    }
    double x = number(value);
    return Double.isNaN(x) ? -missingClass - 1 : ((SegmentTable.ByRange) idx).classOf(x);
  }

  /** The text a value compares as ({@code docs/policy.md#matching}). */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (value instanceof Number n) {
      double d = n.doubleValue();
      if (value instanceof Long || value instanceof Integer || value instanceof Short
          || value instanceof Byte) {
        return Long.toString(n.longValue());
      }
      if (d == Math.rint(d) && Math.abs(d) < 0x1p53) {
        return Long.toString((long) d);
      }
      return Double.toString(d);
    }
    return value.toString();
  }

  /** The number a value is for a range, NaN when it is not one. */
  private static double number(Object value) {
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof CharSequence s) {
      try {
        return Double.parseDouble(s.toString().trim());
      } catch (NumberFormatException e) {
        return Double.NaN; // not a number: treated as missing, and named in the decision
      }
    }
    return Double.NaN;
  }

  /** The decision naming the request's missing attributes; {@code d} itself when none is missing. */
  private Decision withMissing(Decision d, Object request) {
    List<String> names = new ArrayList<>();
    for (int a = 0; a < attributes.length; a++) {
      if (classOf(a, get(request, a)) < 0) {
        names.add(attributes[a]);
      }
    }
    if (names.isEmpty()) {
      return d;
    }
    Decision.Route how = d.segmentIndex() == defaultSegment
        ? Decision.Route.DEFAULT_MISSING_ATTRIBUTES : d.route();
    return d.missing(names, how);
  }

  /** Describes the decider, for logs. */
  @Override
  public String toString() {
    return "Decider[" + policy.name() + " " + version + ", " + policy.segments().size()
        + " segments, attributes " + List.of(attributes) + "]";
  }
}
