package dev.setpoint.select;

import dev.setpoint.curve.Curve;
import dev.setpoint.data.SegmentKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The same objective per segment, with a minimum support below which a segment does not get its own
 * threshold but inherits its parent's: for segment columns (country, tier), {@code [DE, premium]} falls
 * back to {@code [DE]}, which falls back to the default (all rows). Every fallback is recorded with the
 * reason ({@code docs/definitions.md#segment-fallback}).
 *
 * <p>A segment has support when it has at least {@code minPositives} positives and its chosen point
 * flags at least {@code minFlags} (weight); an infeasible segment also falls back, since the parent may
 * reach the target. The default has no parent and always answers with its own selection.
 *
 * <p>A segment that falls back uses its ancestor's threshold, but what it reports is its own rows at
 * that threshold: its flags, TP, FP, precision, recall and objective value there ({@link
 * Objective#at}), which is what a policy records for it and what monitoring later sees.
 *
 * @param objective the objective for every segment
 * @param minPositives the fewest positives a segment needs for its own threshold
 * @param minFlags the fewest flags its chosen point must have
 */
public record SegmentedSelection(Objective objective, double minPositives, double minFlags) {

  /** Validates the support limits. */
  public SegmentedSelection {
    Objects.requireNonNull(objective, "objective");
    if (!(minPositives >= 0) || !(minFlags >= 0)) {
      throw new IllegalArgumentException("minimum support must be >= 0, was positives="
          + minPositives + ", flags=" + minFlags);
    }
  }

  /**
   * One segment's outcome.
   *
   * @param segment the segment
   * @param own the selection on the segment's own rows
   * @param effective what the segment will use, on its own rows: its own selection, or the threshold
   *     of an ancestor read on this segment's rows ({@link Objective#at}) — this segment's counts,
   *     rates and objective value at the inherited threshold, never the ancestor's; an ancestor's
   *     {@link Selection.Infeasible} as it is
   * @param source whose threshold is used: the segment itself, a parent prefix, or {@link
   *     SegmentKey#NONE} for the default
   * @param reason why it fell back; empty when it uses its own
   */
  public record Choice(SegmentKey segment, Selection own, Selection effective, SegmentKey source,
      Optional<String> reason) {

    /** Where the threshold comes from. */
    public enum Origin {
      /** The segment's own selection (the default's, for the default). */
      OWN,
      /** A parent prefix's threshold: {@code [60m]} for {@code [60m, A]}. */
      PARENT,
      /** The default's threshold (chosen on all rows). */
      DEFAULT
    }

    /** Whether the threshold is the segment's own, a parent's or the default's. */
    public Origin origin() {
      if (source.equals(segment)) {
        return Origin.OWN;
      }
      return source == SegmentKey.NONE || source.values().isEmpty() ? Origin.DEFAULT : Origin.PARENT;
    }

    /** Where the threshold comes from in words: {@code own}, {@code inherited from 60m}, {@code default}. */
    public String originLabel() {
      return switch (origin()) {
        case OWN -> "own";
        case PARENT -> "inherited from " + source.label();
        case DEFAULT -> "default";
      };
    }
  }

  /**
   * Chooses for every segment.
   *
   * @param overall the curve of all rows (the default)
   * @param curves the curve of every segment key and of every prefix of a multi-column key (parents);
   *     keys of the full width are reported, in {@link SegmentKey#ORDER}
   * @param width the number of segment columns
   * @return one choice per full-width segment, after the default's own choice (source NONE)
   */
  public List<Choice> choose(Curve overall, Map<SegmentKey, Curve> curves, int width) {
    Map<SegmentKey, Selection> own = new LinkedHashMap<>();
    own.put(SegmentKey.NONE, objective.select(overall));
    curves.forEach((key, curve) -> own.put(key, objective.select(curve)));
    List<Choice> choices = new ArrayList<>();
    Selection defaultSelection = selected(own, SegmentKey.NONE);
    choices.add(new Choice(SegmentKey.NONE, defaultSelection, defaultSelection, SegmentKey.NONE,
        Optional.empty()));
    List<Map.Entry<SegmentKey, Curve>> sorted = new ArrayList<>(curves.entrySet());
    sorted.sort(Map.Entry.comparingByKey(SegmentKey.ORDER));
    for (Map.Entry<SegmentKey, Curve> e : sorted) {
      if (e.getKey().values().size() != width) {
        continue;
      }
      SegmentKey key = e.getKey();
      Selection mine = selected(own, key);
      String why = lacksSupport(e.getValue(), mine);
      if (why == null) {
        choices.add(new Choice(key, mine, mine, key, Optional.empty()));
        continue;
      }
      SegmentKey source = key;
      String reason = key.label() + ": " + why;
      while (true) {
        source = parent(source);
        if (source == SegmentKey.NONE) {
          break;
        }
        Curve parentCurve = curves.get(source);
        if (parentCurve == null) {
          throw new IllegalArgumentException("curves has no curve for " + source.label()
              + ", a prefix of " + key.label() + "; build the segments' curves with their parents");
        }
        String parentWhy = lacksSupport(parentCurve, selected(own, source));
        if (parentWhy == null) {
          break;
        }
        reason += "; " + source.label() + ": " + parentWhy;
      }
      Selection theirs = selected(own, source);
      Selection inherited = theirs instanceof Selection.Feasible f
          ? objective.at(e.getValue(), f.threshold()) : theirs;
      choices.add(new Choice(key, mine, inherited, source,
          Optional.of(reason + "; using " + (source == SegmentKey.NONE ? "the default" : source.label()))));
    }
    return choices;
  }

  /** The selection of a key {@link #choose} has put in {@code own}. */
  private static Selection selected(Map<SegmentKey, Selection> own, SegmentKey key) {
    return Objects.requireNonNull(own.get(key), key::label);
  }

  /** Why a segment cannot have its own threshold, or null when it can. */
  private @Nullable String lacksSupport(Curve curve, Selection selection) {
    if (curve.positives() < minPositives) {
      return "only " + Scan.fmt(curve.positives()) + " positives (minimum " + Scan.fmt(minPositives)
          + ")";
    }
    if (selection instanceof Selection.Infeasible inf) {
      return "infeasible on its own (" + inf.reason() + ")";
    }
    double flagged = ((Selection.Feasible) selection).point().confusion().flagged();
    if (flagged < minFlags) {
      return "its threshold flags only " + Scan.fmt(flagged) + " (minimum " + Scan.fmt(minFlags) + ")";
    }
    return null;
  }

  private static SegmentKey parent(SegmentKey key) {
    List<String> values = key.values();
    return values.size() <= 1 ? SegmentKey.NONE : new SegmentKey(values.subList(0, values.size() - 1));
  }
}
