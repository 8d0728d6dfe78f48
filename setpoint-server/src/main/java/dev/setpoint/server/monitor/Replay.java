package dev.setpoint.server.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.policy.Decider;
import dev.setpoint.policy.tally.Cell;
import dev.setpoint.policy.tally.Comparison;
import dev.setpoint.policy.tally.Counts;
import dev.setpoint.policy.tally.Tally;
import dev.setpoint.server.store.DecisionRecord;
import dev.setpoint.server.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A candidate policy over logged decisions, before it is activated: for each logged decision of the
 * window, the candidate decides on the logged score and attributes; the report counts the decisions
 * whose action changes (and to what), the rows and labelled precision per action under the logged and
 * the candidate policy, and per candidate segment and band. The counting is a {@link Comparison} of
 * the logged cells with the candidate's; this class renders it.
 *
 * <p>The logged attributes are given to the candidate as the service's request reader ({@code
 * BatchRequest}) gives a live request's ({@link #scalar}), so that replaying the version that was
 * active gives the logged decisions back.
 */
public final class Replay {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The order of the candidate's bands: by segment, then by band <em>as text</em> (10 before 2), then
   * by action; the order the answer has always had (its keys were once strings).
   */
  private static final Comparator<Cell> BAND_ORDER = Comparator.comparing(Cell::segment)
      .thenComparing(c -> Integer.toString(c.band())).thenComparing(Cell::action);

  /**
   * The order of the changes: by the logged action, then by the candidate's. Action names are made of
   * letters, digits and {@code _.:/-}, all above the blank, so this is the order of their
   * {@code "from -> to"} keys.
   */
  private static final Comparator<Comparison.ActionChange> CHANGE_ORDER =
      Comparator.comparing(Comparison.ActionChange::from)
          .thenComparing(Comparison.ActionChange::to);

  private Replay() {}

  /** Replays {@code candidate} over the decisions of {@code name} in {@code [from, to)}. */
  public static ObjectNode report(Store store, String name, Instant from, Instant to,
      Decider candidate) {
    return report(each -> store.scanDecisions(name, from, to, each), name, from, to, candidate);
  }

  /** The report over the decisions {@code log} gives, oldest first (those of the window). */
  static ObjectNode report(Consumer<Consumer<Store.LabelledDecision>> log, String name,
      Instant from, Instant to, Decider candidate) {
    List<String> attributes = candidate.attributes();
    Comparison.Counter counter = Comparison.counter(candidate);
    log.accept(l -> {
      DecisionRecord d = l.decision();
      JsonNode logged;
      try {
        logged = JSON.readTree(d.attributes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Object[] values = new Object[attributes.size()];
      for (int i = 0; i < values.length; i++) {
        JsonNode v = logged.get(attributes.get(i));
        values[i] = v == null || v.isNull() ? null : scalar(v);
      }
      counter.add(new Cell(d.segment(), d.band(), d.action()), candidate.decide(d.score(), values),
          l.label().map(Tally.Label::of).orElse(Tally.Label.UNKNOWN), 1);
    });
    Comparison replayed = counter.comparison();
    // Every decision weighs 1: each sum below is a count, written as an integer.
    ObjectNode out = JSON.createObjectNode();
    out.put("policy", name).put("candidateVersion", candidate.version())
        .put("from", from.toString()).put("to", to.toString())
        .put("decisions", replayed.before().decisions())
        .put("changed", (long) replayed.changed().rows());
    ObjectNode changes = out.putObject("changes");
    Map<Comparison.ActionChange, Counts> sorted = new TreeMap<>(CHANGE_ORDER);
    sorted.putAll(replayed.actionChanges());
    sorted.forEach((change, c) -> changes.put(change.from() + " -> " + change.to(), (long) c.rows()));
    ObjectNode actions = out.putObject("actions");
    Map<String, Counts> before = replayed.before().byAction();
    Map<String, Counts> after = replayed.after().byAction();
    Set<String> names = new TreeSet<>(before.keySet());
    after.forEach((action, c) -> {
      if (c.rows() > 0) { // the candidate's tally lists every band, also those no decision took
        names.add(action);
      }
    });
    for (String action : names) {
      ObjectNode a = actions.putObject(action);
      write(before.getOrDefault(action, Counts.ZERO), a.putObject("logged"));
      write(after.getOrDefault(action, Counts.ZERO), a.putObject("candidate"));
    }
    ArrayNode perBand = out.putArray("candidateBands");
    Map<Cell, Counts> bands = new TreeMap<>(BAND_ORDER);
    replayed.after().cells().forEach((cell, c) -> {
      if (c.rows() > 0) {
        bands.put(cell, c);
      }
    });
    bands.forEach((cell, c) -> write(c, perBand.addObject().put("segment", cell.segment())
        .put("band", cell.band()).put("action", cell.action())));
    return out;
  }

  /**
   * A logged attribute (JSON) as the decider takes it: text as {@code String}, integers as {@code
   * Long}, other numbers as {@code Double}, booleans as {@code Boolean}; null for anything else (null,
   * objects, arrays).
   */
  private static @Nullable Object scalar(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.asLong();
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    return null;
  }

  private static void write(Counts c, ObjectNode node) {
    node.put("rows", (long) c.rows()).put("labelled", (long) c.labelled())
        .put("positives", (long) c.positives());
    if (c.labelled() > 0) {
      node.put("precision", c.precision());
    } else {
      node.putNull("precision");
    }
  }
}
