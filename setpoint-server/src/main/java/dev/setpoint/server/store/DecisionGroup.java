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
        key.indexed(), encode(records));
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

  /** The records as JSON: one array per decision, the group's fields left out. */
  private static String encode(List<DecisionRecord> records) {
    StringWriter out = new StringWriter(records.size() * 120);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartArray();
      for (DecisionRecord d : records) {
        g.writeStartArray();
        g.writeString(d.segment());
        g.writeNumber(d.band());
        g.writeString(d.action());
        if (d.queue().isPresent()) {
          g.writeString(d.queue().get());
        } else {
          g.writeNull();
        }
        if (d.threshold().isPresent()) {
          g.writeNumber(d.threshold().getAsDouble());
        } else {
          g.writeNull();
        }
        g.writeNumber(d.score());
        g.writeString(d.route());
        g.writeString(String.join(",", d.missing()));
        g.writeRawValue(d.attributes());
        g.writeEndArray();
      }
      g.writeEndArray();
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
    JsonNode array;
    try {
      array = JSON.readTree(records);
    } catch (IOException e) {
      throw new StoreException("decision group " + id + " is not readable: " + e.getMessage(), e);
    }
    List<DecisionRecord> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode r = array.get(i);
      String missing = r.get(7).asText();
      out.add(new DecisionRecord(new DecisionKey(id, i, indexed).id(), at, policy, version,
          r.get(0).asText(), r.get(1).asInt(), r.get(2).asText(),
          r.get(3).isNull() ? Optional.empty() : Optional.of(r.get(3).asText()),
          r.get(4).isNull() ? OptionalDouble.empty() : OptionalDouble.of(r.get(4).asDouble()),
          r.get(5).asDouble(), r.get(6).asText(),
          missing.isEmpty() ? List.of() : Arrays.asList(missing.split(",")), r.get(8).toString()));
    }
    return out;
  }
}
