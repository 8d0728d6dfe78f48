package dev.setpoint.server.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.policy.Decider;
import dev.setpoint.policy.Decision;
import dev.setpoint.server.audit.AttributeValues;
import dev.setpoint.server.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A candidate policy over logged decisions, before it is activated: for each logged decision of the
 * window, the candidate decides on the logged score and attributes; the report counts the decisions
 * whose action changes (and to what), the rows and labelled precision per action under the logged and
 * the candidate policy, and per candidate segment and band.
 */
public final class Replay {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Replay() {}

  private static final class Counts {
    long rows;
    long labelled;
    long positives;

    void add(java.util.Optional<Boolean> label) {
      rows++;
      if (label.isPresent()) {
        labelled++;
        positives += label.get() ? 1 : 0;
      }
    }

    void write(ObjectNode node) {
      node.put("rows", rows).put("labelled", labelled).put("positives", positives);
      if (labelled > 0) {
        node.put("precision", (double) positives / labelled);
      } else {
        node.putNull("precision");
      }
    }
  }

  /** Replays {@code candidate} over the decisions of {@code name} in {@code [from, to)}. */
  public static ObjectNode report(Store store, String name, Instant from, Instant to,
      Decider candidate) {
    return report(each -> store.scanDecisions(name, from, to, each), name, from, to, candidate);
  }

  /** The report over the decisions {@code log} gives, oldest first (those of the window). */
  static ObjectNode report(Consumer<Consumer<Store.LabelledDecision>> log, String name,
      Instant from, Instant to, Decider candidate) {
    List<String> attributes = candidate.attributes();
    Map<String, Counts> before = new TreeMap<>();
    Map<String, Counts> after = new TreeMap<>();
    Map<String, Counts> bands = new TreeMap<>();
    Map<String, Long> moves = new TreeMap<>();
    long[] totals = new long[2];
    log.accept(l -> {
      JsonNode logged;
      try {
        logged = JSON.readTree(l.decision().attributes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Object[] values = new Object[attributes.size()];
      for (int i = 0; i < values.length; i++) {
        JsonNode v = logged.get(attributes.get(i));
        values[i] = v == null || v.isNull() ? null : AttributeValues.scalar(v);
      }
      Decision d = candidate.decide(l.decision().score(), values);
      totals[0]++;
      before.computeIfAbsent(l.decision().action(), k -> new Counts()).add(l.label());
      after.computeIfAbsent(d.action(), k -> new Counts()).add(l.label());
      bands.computeIfAbsent(d.segment() + "\u0000" + d.band() + "\u0000" + d.action(),
          k -> new Counts()).add(l.label());
      if (!d.action().equals(l.decision().action())) {
        totals[1]++;
        moves.merge(l.decision().action() + " -> " + d.action(), 1L, Long::sum);
      }
    });
    ObjectNode out = JSON.createObjectNode();
    out.put("policy", name).put("candidateVersion", candidate.version())
        .put("from", from.toString()).put("to", to.toString())
        .put("decisions", totals[0]).put("changed", totals[1]);
    ObjectNode changes = out.putObject("changes");
    moves.forEach(changes::put);
    ObjectNode actions = out.putObject("actions");
    java.util.Set<String> names = new java.util.TreeSet<>(before.keySet());
    names.addAll(after.keySet());
    for (String action : names) {
      ObjectNode a = actions.putObject(action);
      before.getOrDefault(action, new Counts()).write(a.putObject("logged"));
      after.getOrDefault(action, new Counts()).write(a.putObject("candidate"));
    }
    ArrayNode perBand = out.putArray("candidateBands");
    bands.forEach((key, c) -> {
      String[] k = key.split("\u0000");
      ObjectNode node = perBand.addObject().put("segment", k[0]).put("band", Integer.parseInt(k[1]))
          .put("action", k[2]);
      c.write(node);
    });
    return out;
  }
}
