package dev.setpoint.server.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The decisions of one request as the audit log stores them: one row, the group's fields once, and
 * its decisions encoded as a JSON array of arrays. Built (validated and encoded) on the thread that
 * answers the request, so that the audit log's one writer only writes.
 *
 * @param id the group's id: a single decision's id, or the batch id whose decisions are
 *     {@code id.0}, {@code id.1}, …
 * @param at when its decisions were made
 * @param policy the policy's name
 * @param version the policy version
 * @param size how many decisions it holds
 * @param indexed whether its decisions' ids carry an index (a batch)
 * @param records the decisions, encoded ({@link #decode()})
 */
public record DecisionGroup(String id, Instant at, String policy, long version, int size,
    boolean indexed, String records) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public DecisionGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(records, "records");
    if (size < 1 || (!indexed && size != 1)) {
      throw new IllegalArgumentException("a group holds one decision, or a batch of >= 1; was "
          + size + (indexed ? " indexed" : " unindexed"));
    }
  }

  /**
   * The group of one request's decisions: a single decision with an id without index, or a batch
   * whose ids are {@code g.0 … g.(n-1)} in order, with one time, policy and version.
   *
   * @throws IllegalArgumentException if the records do not form such a group
   */
  public static DecisionGroup of(List<DecisionRecord> records) {
    return of(records, Outcomes.of(records));
  }

  /**
   * The same, with the records' {@linkplain Outcomes outcomes} already computed (a compact batch
   * answer needs them too).
   */
  public static DecisionGroup of(List<DecisionRecord> records, Outcomes outcomes) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("a decision group needs at least one decision");
    }
    DecisionRecord first = records.get(0);
    DecisionKey key = DecisionKey.of(first.id()).orElseThrow(() ->
        new IllegalArgumentException("not a decision id: " + first.id()));
    String group = key.group();
    for (int i = 0; i < records.size(); i++) {
      DecisionRecord d = records.get(i);
      if (!isMember(d.id(), group, i, key.indexed()) || !d.at().equals(first.at())
          || !d.policy().equals(first.policy()) || d.version() != first.version()) {
        throw new IllegalArgumentException("decision " + d.id() + " does not belong to group "
            + group + " as decision " + new DecisionKey(group, i, key.indexed()).id() + " of "
            + first.policy() + " v" + first.version() + " at " + first.at());
      }
    }
    return new DecisionGroup(group, first.at(), first.policy(), first.version(), records.size(),
        key.indexed(), encode(records, outcomes));
  }

  /** Whether {@code id} is decision {@code i} of {@code group}, without building the id. */
  private static boolean isMember(String id, String group, int i, boolean indexed) {
    if (!indexed) {
      return i == 0 && id.equals(group);
    }
    int dot = group.length();
    if (!id.startsWith(group) || id.length() <= dot + 1 || id.charAt(dot) != '.') {
      return false;
    }
    // The suffix must be exactly i's decimal digits: compared from the end, digit by digit.
    int end = id.length();
    int n = i;
    do {
      if (end <= dot + 1 || id.charAt(--end) != (char) ('0' + n % 10)) {
        return false;
      }
      n /= 10;
    } while (n > 0);
    return end == dot + 1;
  }

  /**
   * Decisions grouped by their group id, in the order each group first appears; each group is
   * checked by {@link #of}.
   */
  public static List<DecisionGroup> split(List<DecisionRecord> decisions) {
    Map<String, List<DecisionRecord>> groups = new LinkedHashMap<>();
    for (DecisionRecord d : decisions) {
      DecisionKey key = DecisionKey.of(d.id()).orElseThrow(() ->
          new IllegalArgumentException("not a decision id: " + d.id()));
      groups.computeIfAbsent(key.group(), g -> new ArrayList<>()).add(d);
    }
    List<DecisionGroup> out = new ArrayList<>(groups.size());
    groups.values().forEach(g -> out.add(of(g)));
    return out;
  }

  /**
   * The records as JSON, the group's fields left out: {@code {"outcomes": [[segment, band, action,
   * queue, threshold, route, missing], …], "decisions": [[outcome, score, attributes], …]}}, where
   * {@code outcome} indexes the outcomes (a batch has few distinct ones), {@code missing} is a
   * comma-separated list and {@code attributes} the request's own JSON. Groups written before this
   * form are an array of {@code [segment, band, action, queue, threshold, score, route, missing,
   * attributes]}; {@link #decode} reads both.
   */
  private static String encode(List<DecisionRecord> records, Outcomes outcomes) {
    if (outcomes.size() != records.size()) {
      throw new IllegalArgumentException(outcomes.size() + " outcome indices for "
          + records.size() + " decisions");
    }
    StringWriter out = new StringWriter(64 + records.size() * 80);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("outcomes");
      for (DecisionRecord.Outcome o : outcomes.distinct()) {
        g.writeStartArray();
        g.writeString(o.segment());
        g.writeNumber(o.band());
        g.writeString(o.action());
        if (o.queue().isPresent()) {
          g.writeString(o.queue().get());
        } else {
          g.writeNull();
        }
        if (o.threshold().isPresent()) {
          g.writeNumber(o.threshold().getAsDouble());
        } else {
          g.writeNull();
        }
        g.writeString(o.route());
        g.writeString(String.join(",", o.missing()));
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("decisions");
      for (int i = 0; i < records.size(); i++) {
        DecisionRecord d = records.get(i);
        g.writeStartArray();
        g.writeNumber(outcomes.of(i));
        g.writeNumber(d.score());
        g.writeRawValue(d.attributes());
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /**
   * The decisions of this group.
   *
   * @throws StoreException if the stored records are not readable
   */
  public List<DecisionRecord> decode() {
    JsonNode tree;
    try {
      tree = JSON.readTree(records);
    } catch (IOException e) {
      throw new StoreException("decision group " + id + " is not readable: " + e.getMessage(), e);
    }
    List<DecisionRecord> out = new ArrayList<>(size);
    if (tree.isArray()) {
      // The first form: one array of all fields per decision.
      for (int i = 0; i < tree.size(); i++) {
        JsonNode r = tree.get(i);
        out.add(record(i, r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
            r.get(7), r.get(8)));
      }
      return out;
    }
    JsonNode outcomes = tree.get("outcomes");
    JsonNode decisions = tree.get("decisions");
    for (int i = 0; i < decisions.size(); i++) {
      JsonNode d = decisions.get(i);
      JsonNode o = outcomes.get(d.get(0).asInt());
      out.add(record(i, o.get(0), o.get(1), o.get(2), o.get(3), o.get(4), d.get(1), o.get(5),
          o.get(6), d.get(2)));
    }
    return out;
  }

  private DecisionRecord record(int i, JsonNode segment, JsonNode band, JsonNode action,
      JsonNode queue, JsonNode threshold, JsonNode score, JsonNode route, JsonNode missing,
      JsonNode attributes) {
    String m = missing.asText();
    return new DecisionRecord(new DecisionKey(id, i, indexed).id(), at, policy, version,
        segment.asText(), band.asInt(), action.asText(),
        queue.isNull() ? Optional.empty() : Optional.of(queue.asText()),
        threshold.isNull() ? OptionalDouble.empty() : OptionalDouble.of(threshold.asDouble()),
        score.asDouble(), route.asText(), m.isEmpty() ? List.of() : Arrays.asList(m.split(",")),
        attributes.toString());
  }
}
