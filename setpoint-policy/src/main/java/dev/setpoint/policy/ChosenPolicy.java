package dev.setpoint.policy;

import dev.setpoint.curve.Confusion;
import dev.setpoint.curve.Curve;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.select.Bands;
import dev.setpoint.select.SegmentedSelection;
import dev.setpoint.select.Selection;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.GuaranteedRecall;
import dev.setpoint.stats.Interval;
import dev.setpoint.stats.IntervalMethod;
import dev.setpoint.stats.Intervals;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns chosen operating points into a policy document: one segment per segment key of the data
 * (matching every segment column's value), then the default; bands from the chosen thresholds; and
 * provenance that records the objective, the data (SHA-256 of the file, rows, positives, score range),
 * the expected counts per band on that segment's own rows, intervals, model, who, when and the tool
 * ({@code docs/policy.md#from-setpoint-choose-to-a-policy}).
 *
 * <p>Shared by {@code setpoint choose -o}, the Spark job and the explorer's "save as policy", so a
 * policy records its provenance the same way whichever wrote it; their {@link Settings} get the same
 * defaults from {@link Settings#builder}. One instance builds one policy at a time (segment names
 * are made unique within it); it is not thread-safe.
 */
public final class ChosenPolicy {

  /**
   * Everything about the policy that does not come from the data.
   *
   * @param name the policy name
   * @param model the model, if named
   * @param scoreRange the model's score range, if known
   * @param flagAction the action of the flagged band of a single-threshold policy
   * @param queue the queue of the review (or flagged) band
   * @param method the interval method for provenance
   * @param confidence the interval level
   * @param createdBy who
   * @param createdAt when
   * @param tool the tool and version
   * @see #builder the defaults every writer of a policy shares
   */
  public record Settings(String name, Optional<ModelRef> model, Optional<ModelRef.ScoreRange> scoreRange,
      String flagAction, Optional<String> queue, IntervalMethod method, double confidence,
      String createdBy, Instant createdAt, String tool) {

    /** Checks that every part is present. */
    public Settings {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(scoreRange, "scoreRange");
      Objects.requireNonNull(flagAction, "flagAction");
      Objects.requireNonNull(queue, "queue");
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(createdBy, "createdBy");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(tool, "tool");
    }

    /**
     * A builder of the settings of the policy named {@code name}, which applies the defaults every
     * writer of a policy shares and reads the time from {@code clock} ({@link SettingsBuilder}).
     *
     * @throws IllegalArgumentException if the name is blank
     */
    public static SettingsBuilder builder(String name, Clock clock) {
      return new SettingsBuilder(name, clock);
    }
  }

  /**
   * The data the thresholds were chosen on.
   *
   * @param source the file as the user named it; recorded in provenance and in error messages
   * @param sha256 the SHA-256 of the file's bytes, lower-case hex
   * @param rows the rows read (all of them, whatever their weights)
   * @param overall the curve of all rows
   * @param segmentColumns the segment columns, empty when none
   * @param segments the curve of every segment key (and of its parents, if fallback used them), in
   *     first-seen order
   * @param segmentRows the rows read of each segment key
   * @param scores the lowest and highest score of all rows when {@code overall}'s thresholds are not
   *     the scores themselves (a score sketch's curve has a point per bin edge); empty: {@code
   *     overall}'s own span
   */
  public record Data(String source, String sha256, long rows, Curve overall,
      List<String> segmentColumns, Map<SegmentKey, Curve> segments, Map<SegmentKey, Long> segmentRows,
      Optional<ModelRef.ScoreRange> scores) {

    /** Copies the collections. */
    public Data {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(sha256, "sha256");
      Objects.requireNonNull(overall, "overall");
      segmentColumns = List.copyOf(segmentColumns);
      segments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(segments));
      segmentRows = Map.copyOf(segmentRows);
      Objects.requireNonNull(scores, "scores");
    }

    /** Data whose curves' thresholds are the scores themselves. */
    public Data(String source, String sha256, long rows, Curve overall, List<String> segmentColumns,
        Map<SegmentKey, Curve> segments, Map<SegmentKey, Long> segmentRows) {
      this(source, sha256, rows, overall, segmentColumns, segments, segmentRows, Optional.empty());
    }

    /** The lowest and highest score of all rows. */
    public Optional<ModelRef.ScoreRange> span() {
      return scores.or(() -> ChosenPolicy.span(overall));
    }

    /** The rows read of a segment (of all rows for {@link SegmentKey#NONE}), whatever their weights. */
    public long rows(SegmentKey key) {
      return key.values().isEmpty() ? rows : segmentRows.getOrDefault(key, 0L);
    }
  }

  private final Settings settings;
  private final Data data;
  private final Set<String> names = new HashSet<>();

  /** A builder of policies from {@code data} with {@code settings}. */
  public ChosenPolicy(Settings settings, Data data) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.data = Objects.requireNonNull(data, "data");
  }

  /**
   * A policy with one threshold per segment: flagged above it, allowed below.
   *
   * @param objective the objective's syntax, recorded in provenance
   * @param choices the choice of every segment, the default's ({@link SegmentKey#NONE}) among them
   * @throws DataFormatException if a segment's effective selection is infeasible (the message says
   *     which and why)
   */
  public Policy single(String objective, List<SegmentedSelection.Choice> choices)
      throws DataFormatException {
    return single(objective, choices, Optional.empty());
  }

  /**
   * {@link #single(String, List)}, with {@code addendum} appended to the default segment's note: how
   * the data was summarised, for instance.
   */
  public Policy single(String objective, List<SegmentedSelection.Choice> choices,
      Optional<String> addendum) throws DataFormatException {
    names.clear();
    List<Segment> segments = new ArrayList<>();
    Segment fallback = null;
    for (SegmentedSelection.Choice c : choices) {
      if (!(c.effective() instanceof Selection.Feasible f)) {
        Selection.Infeasible inf = (Selection.Infeasible) c.effective();
        throw DataFormatException.ofSource(data.source(), "cannot write a policy: " + objective
            + " is infeasible on " + (c.segment() == SegmentKey.NONE ? "all rows" : c.segment().label())
            + " (" + inf.reason() + ")");
      }
      double t = f.point().threshold();
      Curve curve = curveOf(c.segment());
      Optional<String> note = c.reason().or(() -> c.segment() == SegmentKey.NONE
          ? Optional.of(defaultNote() + addendum.map(a -> "; " + a).orElse(""))
          : Optional.empty());
      List<Band> bands = new ArrayList<>();
      List<Provenance.BandExpectation> expected = new ArrayList<>();
      Confusion at = curve.at(t).confusion();
      if (t != Double.POSITIVE_INFINITY) {
        Band flag = Band.above(settings.flagAction(), t);
        bands.add(settings.queue().map(flag::inQueue).orElse(flag));
        expected.add(new Provenance.BandExpectation(settings.flagAction(), at.flagged(),
            at.truePositives()));
      } else {
        note = Optional.of(note.map(n -> n + "; ").orElse("") + "the objective flags nothing here");
      }
      bands.add(Band.rest(Actions.ALLOW));
      expected.add(new Provenance.BandExpectation(Actions.ALLOW, at.total() - at.flagged(),
          at.positives() - at.truePositives()));
      Optional<String> reweighted = reweighted(f.point().confusion(), at);
      if (reweighted.isPresent()) {
        note = Optional.of(note.map(n -> n + "; ").orElse("") + reweighted.get());
      }
      Segment s = segment(c.segment(), bands, provenance(objective, note, c.segment(), curve, at,
          expected, bands));
      if (c.segment() == SegmentKey.NONE) {
        fallback = s;
      } else {
        segments.add(s);
      }
    }
    segments.add(fallback);
    return policy(segments);
  }

  /**
   * A policy with one threshold for every request, certified on this data (the calibration rows) by a
   * {@link Guarantee}: as {@link #single}, but the provenance's interval is the guarantee's, the same
   * whether {@code setpoint choose --guaranteed-precision} or {@code setpoint train --policy} wrote it —
   * {@code method} ({@code learn-then-test} for precision, {@code order-statistic} for recall), {@code
   * confidence} 1 − δ, and {@code precisionLower} or {@code recallLower}, the one-sided 1 − δ
   * Clopper-Pearson bound from the calibration counts at the threshold
   * (docs/definitions.md#guaranteed-selection).
   *
   * @param objective the guarantee in words, recorded in provenance
   * @param certified the guaranteed selection on this data's curve
   * @param guarantee what was certified: the rate, its target and δ
   * @param note replaces the default note ("chosen on all rows") when present
   * @throws DataFormatException if the selection is infeasible: nothing was certified (the message
   *     says why)
   * @throws IllegalArgumentException if the data is weighted (no binomial count)
   */
  public Policy guaranteed(String objective, Selection certified, Guarantee guarantee,
      Optional<String> note) throws DataFormatException {
    Objects.requireNonNull(guarantee, "guarantee");
    Policy policy = single(objective, List.of(new SegmentedSelection.Choice(SegmentKey.NONE,
        certified, certified, SegmentKey.NONE, Optional.empty())));
    // single() refused an infeasible selection.
    Confusion at = data.overall().at(((Selection.Feasible) certified).point().threshold())
        .confusion();
    OptionalDouble bound = OptionalDouble.of(guarantee.lowerBound(at));
    boolean recall = guarantee instanceof GuaranteedRecall;
    Provenance.IntervalRecord record = new Provenance.IntervalRecord(guarantee.method(),
        1 - guarantee.delta(), recall ? OptionalDouble.empty() : bound, OptionalDouble.empty(),
        recall ? bound : OptionalDouble.empty(), OptionalDouble.empty());
    Segment only = policy.segments().get(0);
    Provenance base = only.provenance().orElseThrow();
    Provenance provenance = new Provenance(base.objective(), note.or(base::note), base.data(),
        base.expected(), Optional.of(record), base.model(), base.createdBy(), base.createdAt(),
        base.tool(), base.scores());
    return new Policy(policy.name(), policy.description(), policy.version(), policy.model(),
        policy.actions(), List.of(new Segment(only.name(), only.match(), only.bands(),
            Optional.of(provenance))));
  }

  /**
   * A policy with block, review and allow bands per segment; a segment whose bands are impossible uses
   * the default's thresholds, and its provenance says why.
   *
   * @param objective how the bands were chosen, recorded in provenance
   * @param bands chooses the bands on a curve: {@link Bands#choose}, or {@link Bands#at} for thresholds
   *     set by hand
   * @throws DataFormatException if the bands are impossible on all rows
   */
  public Policy banded(String objective, Function<Curve, Bands.Result> bands)
      throws DataFormatException {
    names.clear();
    Bands.Result overall = bands.apply(data.overall());
    if (overall instanceof Bands.Impossible imp) {
      throw DataFormatException.ofSource(data.source(), "cannot write a policy: the bands are "
          + "impossible on all rows (" + imp.reason() + ")");
    }
    List<Segment> segments = new ArrayList<>();
    List<Map.Entry<SegmentKey, Curve>> sorted = new ArrayList<>(data.segments().entrySet());
    sorted.sort(Map.Entry.comparingByKey(SegmentKey.ORDER));
    for (Map.Entry<SegmentKey, Curve> e : sorted) {
      if (e.getKey().values().size() != data.segmentColumns().size()) {
        continue;
      }
      Bands.InSegment in = Bands.inSegment(e.getKey(), e.getValue(), bands.apply(e.getValue()),
          (Bands.Chosen) overall);
      segments.add(bandedSegment(e.getKey(), objective, in.bands(), in.reason()));
    }
    segments.add(bandedSegment(SegmentKey.NONE, objective, (Bands.Chosen) overall,
        Optional.of(defaultNote())));
    return policy(segments);
  }

  private Segment bandedSegment(SegmentKey key, String objective, Bands.Chosen chosen,
      Optional<String> note) {
    Curve curve = curveOf(key);
    Confusion atBlock = curve.at(chosen.block()).confusion();
    Confusion atReview = curve.at(chosen.review()).confusion();
    List<Band> bands = new ArrayList<>();
    List<Provenance.BandExpectation> expected = new ArrayList<>();
    if (chosen.block() != Double.POSITIVE_INFINITY) {
      bands.add(Band.above(Actions.BLOCK, chosen.block()));
      expected.add(new Provenance.BandExpectation(Actions.BLOCK, atBlock.flagged(),
          atBlock.truePositives()));
    }
    if (chosen.review() < chosen.block()) {
      Band review = Band.above(Actions.REVIEW, chosen.review());
      bands.add(settings.queue().map(review::inQueue).orElse(review));
      expected.add(new Provenance.BandExpectation(Actions.REVIEW,
          atReview.flagged() - atBlock.flagged(), atReview.truePositives() - atBlock.truePositives()));
    }
    bands.add(Band.rest(Actions.ALLOW));
    expected.add(new Provenance.BandExpectation(Actions.ALLOW, atReview.total() - atReview.flagged(),
        atReview.positives() - atReview.truePositives()));
    return segment(key, bands, provenance(objective, note, key, curve, atReview, expected, bands));
  }

  private String defaultNote() {
    return data.segmentColumns().isEmpty() ? "chosen on all rows"
        : "chosen on all rows; serves requests whose " + String.join(", ", data.segmentColumns())
            + " matches no segment above";
  }

  @SuppressWarnings("NullAway") // every key it is given is one of data.segments()
  private Curve curveOf(SegmentKey key) {
    return key == SegmentKey.NONE ? data.overall() : data.segments().get(key);
  }

  private Segment segment(SegmentKey key, List<Band> bands, Provenance provenance) {
    Map<String, Condition> match = new LinkedHashMap<>();
    for (int i = 0; i < key.values().size(); i++) {
      match.put(data.segmentColumns().get(i), Condition.OneOf.of(key.values().get(i)));
    }
    String name = uniqueName(key == SegmentKey.NONE ? "default" : key.label());
    return new Segment(name, key == SegmentKey.NONE ? Match.ALL : new Match(match), bands,
        Optional.of(provenance));
  }

  /** A valid segment name made from a segment label: other characters become '-'. */
  private String uniqueName(String label) {
    String base = label.isEmpty() ? "empty" : label.replaceAll("[^A-Za-z0-9_.:/-]", "-");
    if (!Character.isLetterOrDigit(base.charAt(0))) {
      base = "s" + base;
    }
    base = base.length() > 120 ? base.substring(0, 120) : base;
    String name = base;
    for (int i = 2; !names.add(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  private Provenance provenance(String objective, Optional<String> note, SegmentKey key, Curve curve,
      Confusion flagged, List<Provenance.BandExpectation> expected, List<Band> bands) {
    Optional<ModelRef.ScoreRange> span = key == SegmentKey.NONE ? data.span() : span(curve);
    OptionalDouble min = span.map(r -> OptionalDouble.of(r.min())).orElse(OptionalDouble.empty());
    OptionalDouble max = span.map(r -> OptionalDouble.of(r.max())).orElse(OptionalDouble.empty());
    Provenance.DataFingerprint fingerprint = new Provenance.DataFingerprint(
        Optional.of(data.source()), data.sha256(), key.values(), data.rows(key), curve.positives(),
        OptionalDouble.of(curve.negatives()), min, max);
    Provenance.Expected exp = new Provenance.Expected(defined(flagged.precision()),
        defined(flagged.recall()), defined(flagged.flagRate()), expected);
    Optional<Provenance.IntervalRecord> interval = Optional.empty();
    try {
      Interval p = Intervals.precision(flagged, settings.method(), settings.confidence());
      Interval r = Intervals.recall(flagged, settings.method(), settings.confidence());
      interval = Optional.of(new Provenance.IntervalRecord(
          settings.method().name().toLowerCase(Locale.ROOT).replace('_', '-'), settings.confidence(),
          p.isDefined() ? OptionalDouble.of(p.lower()) : OptionalDouble.empty(),
          p.isDefined() ? OptionalDouble.of(p.upper()) : OptionalDouble.empty(),
          r.isDefined() ? OptionalDouble.of(r.lower()) : OptionalDouble.empty(),
          r.isDefined() ? OptionalDouble.of(r.upper()) : OptionalDouble.empty()));
    } catch (IllegalArgumentException e) {
      // Weighted counts have no binomial interval; the provenance then has none.
    }
    return new Provenance(objective, note, Optional.of(fingerprint), Optional.of(exp), interval,
        settings.model().map(m -> new Provenance.ModelVersion(m.name(), m.version())),
        Optional.of(settings.createdBy()), Optional.of(settings.createdAt()),
        Optional.of(settings.tool()), histogram(curve, bands));
  }

  /** The bins of the reference histogram between band thresholds: its 20-quantiles. */
  static final int QUANTILES = 20;

  /**
   * The segment's score distribution on its own rows, the monitor's reference for drift
   * ({@code docs/definitions.md#drift}): edges at the weighted 20-quantiles of the curve's scores
   * (the lowest score {@code s} with at least {@code (20 - q) / 20} of the weight at or above it,
   * for q = 1…19) and at every band threshold, so the share at or above a threshold is exact; the
   * weight of each bin from the curve's cumulative counts. Empty for a curve without points.
   */
  static Optional<Provenance.ScoreHistogram> histogram(Curve curve, List<Band> bands) {
    int k = curve.size();
    if (k == 0) {
      return Optional.empty();
    }
    double total = atOrAbove(curve, k - 1);
    double lowest = curve.threshold(k - 1);
    java.util.TreeSet<Double> edges = new java.util.TreeSet<>();
    for (int q = 1; q < QUANTILES; q++) {
      double target = total * (QUANTILES - q) / QUANTILES;
      int lo = 0;
      int hi = k - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (atOrAbove(curve, mid) >= target) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      double edge = curve.threshold(lo);
      if (edge > lowest) {
        edges.add(edge);
      }
    }
    for (Band b : bands) {
      b.minScore().ifPresent(t -> edges.add(t == 0.0 ? 0.0 : t));
    }
    List<Double> weights = new ArrayList<>();
    double previous = total;
    for (double e : edges) {
      int i = curve.indexAt(e);
      double above = i < 0 ? 0 : atOrAbove(curve, i);
      weights.add(Math.max(0, previous - above));
      previous = above;
    }
    weights.add(previous);
    return Optional.of(new Provenance.ScoreHistogram(List.copyOf(edges), weights));
  }

  /** The weight of the rows scoring at or above point {@code i}'s threshold. */
  private static double atOrAbove(Curve curve, int i) {
    return curve.truePositives(i) + curve.falsePositives(i);
  }

  /**
   * When the selection's counts are reweighted to a deployment prevalence ({@code ;prevalence=Q}),
   * they differ from this data's, which {@code expected} records: the note says so and gives the rates
   * at that prevalence, the figures {@code setpoint choose} reports. Empty when they are the same.
   */
  private static Optional<String> reweighted(Confusion selected, Confusion sample) {
    if (Math.abs(selected.positives() - sample.positives()) <= 1e-9 * Math.max(1, sample.total())) {
      return Optional.empty();
    }
    return Optional.of(String.format(Locale.ROOT, "expected figures are this data's (prevalence "
        + "%.4f); at the objective's deployment prevalence %.4f it expects precision %s, recall %s, "
        + "flag rate %s", sample.positives() / sample.total(), selected.positives()
        / selected.total(), rate(selected.precision()), rate(selected.recall()),
        rate(selected.flagRate())));
  }

  private static String rate(double v) {
    return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static OptionalDouble defined(double v) {
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }

  private Policy policy(List<Segment> segments) {
    return new Policy(settings.name(), Optional.empty(), Optional.empty(), settings.model().map(m ->
        new ModelRef(m.name(), m.version(), m.trainedAt(), settings.scoreRange())), List.of(),
        segments);
  }

  /** The lowest and highest score of a curve; empty for a curve without points. */
  public static Optional<ModelRef.ScoreRange> span(Curve curve) {
    if (curve.size() == 0) {
      return Optional.empty();
    }
    double first = curve.threshold(0);
    double last = curve.threshold(curve.size() - 1);
    return Optional.of(new ModelRef.ScoreRange(Math.min(first, last), Math.max(first, last)));
  }
}
