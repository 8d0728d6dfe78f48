package dev.setpoint.cli.choose;

import dev.setpoint.cli.plot.PlotSpec;
import dev.setpoint.select.Bands;
import dev.setpoint.select.Objective;
import dev.setpoint.stats.Guarantee;
import dev.setpoint.stats.IntervalMethod;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@code setpoint choose} was asked for, every option already checked ({@code
 * ChooseOptions#request}, the one place options become a request or a usage error): choices on the
 * rows, or on a sketch of them.
 */
sealed interface ChooseRequest {

  /** Whether -o asks for the choice as a policy document. */
  boolean writesPolicy();

  /**
   * One thing to choose a threshold for. A request on rows may ask several at once, and reports
   * each; a policy is written from exactly one that is not {@link ForExampleCosts}.
   */
  sealed interface Ask {}

  /** {@code -O OBJECTIVE}: the objective's choice, per segment. */
  record ForObjective(Objective objective) implements Ask {}

  /**
   * {@code --block-precision P --review-capacity BUDGET}: block and review bands, chosen jointly.
   *
   * @param bands the bands to choose
   * @param blockPrecision P, as given
   * @param reviewCapacity BUDGET, as given
   */
  record ForBands(Bands bands, double blockPrecision, String reviewCapacity) implements Ask {}

  /**
   * {@code --guaranteed-precision P} or {@code --guaranteed-recall R}.
   *
   * @param guarantee what to certify
   * @param validation the file that fixes the thresholds tested (precision only)
   */
  record ForGuarantee(Guarantee guarantee, Optional<Path> validation) implements Ask {}

  /** {@code --miss-cost C --flag-cost C}: the least total cost, each a column or a constant. */
  record ForExampleCosts(String missCost, String flagCost) implements Ask {}

  /**
   * Choices on the rows themselves.
   *
   * @param asks what to choose, in the order objectives, bands, guarantee, costs; at least one
   * @param minPositives with --segment, the fewest positives for a segment's own threshold
   * @param minFlags with --segment, the fewest rows a segment's threshold must flag
   * @param confidence the level of intervals; empty when none were asked for
   * @param interval the interval method
   * @param bootstrap resamples per objective; empty when none were asked for
   * @param seed the bootstrap's seed
   * @param delta the guarantee's risk, as given
   * @param plots the charts to draw
   * @param writesPolicy whether -o writes the one ask as a policy
   */
  record OnRows(List<Ask> asks, double minPositives, double minFlags, Optional<Double> confidence,
      IntervalMethod interval, Optional<Integer> bootstrap, long seed, double delta,
      List<PlotSpec> plots, boolean writesPolicy) implements ChooseRequest {

    public OnRows {
      asks = List.copyOf(asks);
      plots = List.copyOf(plots);
      if (asks.isEmpty()) {
        throw new IllegalArgumentException("nothing to choose");
      }
    }

    /** The objectives asked for, in order. */
    List<Objective> objectives() {
      return asks.stream().filter(a -> a instanceof ForObjective)
          .map(a -> ((ForObjective) a).objective()).toList();
    }

    /** The ask of the given kind, if asked. */
    <A extends Ask> Optional<A> ask(Class<A> kind) {
      return asks.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }
  }

  /**
   * {@code --sketch} or {@code --merge}: each objective on a sketch, with its proven bound.
   *
   * @param objectives at least one, none a fixed threshold
   * @param writesPolicy whether -o writes the first as a policy
   */
  record OnSketch(List<Objective> objectives, boolean writesPolicy) implements ChooseRequest {

    public OnSketch {
      objectives = List.copyOf(objectives);
      if (objectives.isEmpty()) {
        throw new IllegalArgumentException("nothing to choose");
      }
    }
  }
}
