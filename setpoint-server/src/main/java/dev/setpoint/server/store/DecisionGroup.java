package dev.setpoint.server.store;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
 * @param keys the clients' request ids that name this group's decisions, stored with them in one
 *     transaction ({@link Store#appendGroups}); not part of the audit record
 */
public record DecisionGroup(String id, Instant at, String policy, long version, int size,
    boolean indexed, String records, List<RequestKey> keys) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public DecisionGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(records, "records");
    keys = List.copyOf(keys);
    if (size < 1 || (!indexed && size != 1)) {
      throw new IllegalArgumentException("a group holds one decision, or a batch of >= 1; was "
          + size + (indexed ? " indexed" : " unindexed"));
    }
  }

  /** A group without request keys, as stored and read back. */
  public DecisionGroup(String id, Instant at, String policy, long version, int size,
      boolean indexed, String records) {
    this(id, at, policy, version, size, indexed, records, List.of());
  }

  /** The same group, stored with these request keys. */
  public DecisionGroup withKeys(List<RequestKey> requestKeys) {
    return new DecisionGroup(id, at, policy, version, size, indexed, records, requestKeys);
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
   * A batch's inputs as its request sent them, as spans of one buffer (the request body), so that the
   * stored group copies bytes instead of re-encoding values; a score's text reads back as the same
   * double. Each span must hold one JSON value of its kind: the caller has parsed it.
   *
   * <p>Requests usually send the same attribute names in the same order; those are stored once, as
   * {@code names}, and a request that sent exactly them, in that order, is stored as its values alone.
   *
   * @param text the buffer, UTF-8 JSON
   * @param spans per decision four offsets: score start, score end, attributes object start, end (end
   *     exclusive); attributes {@code -1, -1} stand for {@code {}}, none sent
   * @param names the attribute names of the values form; empty when no request uses it
   * @param values per decision {@code 2 · names.size()} offsets: each value's start and end, in the
   *     order of {@code names}; a first offset of -1 means the decision is stored by its object
   */
  public record BatchInputs(byte[] text, int[] spans, List<String> names, int[] values) {

    public BatchInputs {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(spans, "spans");
      names = List.copyOf(names);
      Objects.requireNonNull(values, "values");
      if (spans.length % 4 != 0 || values.length != spans.length / 4 * 2 * names.size()) {
        throw new IllegalArgumentException(spans.length + " offsets of objects and "
            + values.length + " of values do not make whole decisions of " + names.size()
            + " named values");
      }
      for (int i = 0; i < spans.length; i += 2) {
        checkSpan(text, spans, i, i % 4 == 2, "span");
      }
      int k = 2 * names.size();
      for (int i = 0; i < values.length; i += 2) {
        if (values[i - i % k] != -1) {
          checkSpan(text, values, i, false, "value span");
        }
      }
    }

    private static void checkSpan(byte[] text, int[] offsets, int i, boolean mayBeNone,
        String what) {
      boolean none = mayBeNone && offsets[i] == -1 && offsets[i + 1] == -1;
      if (!none && (offsets[i] < 0 || offsets[i] >= offsets[i + 1]
          || offsets[i + 1] > text.length)) {
        throw new IllegalArgumentException(what + " " + i / 2 + " [" + offsets[i] + ", "
            + offsets[i + 1] + ") is not a non-empty part of " + text.length + " bytes");
      }
    }

    /** How many decisions. */
    public int size() {
      return spans.length / 4;
    }
  }

  /**
   * The group of a batch's decisions {@code id.0 … id.(n-1)}, from the outcomes the batch's decisions
   * took and its inputs as sent: no per-decision record or id is built.
   *
   * @param id the batch id, without index
   * @throws IllegalArgumentException if the id has an index or the sizes differ
   */
  public static DecisionGroup ofBatch(String id, Instant at, String policy, long version,
      Outcomes outcomes, BatchInputs inputs) {
    if (id.isEmpty() || id.indexOf('.') >= 0) {
      throw new IllegalArgumentException("a batch id has no index, was " + id);
    }
    if (outcomes.size() != inputs.size() || inputs.size() == 0) {
      throw new IllegalArgumentException(outcomes.size() + " outcome indices for "
          + inputs.size() + " decisions");
    }
    Encoder e = new Encoder(outcomes, inputs.names(), inputs.text().length / 2
        + inputs.size() * 6);
    byte[] text = inputs.text();
    int[] spans = inputs.spans();
    int[] values = inputs.values();
    int k = 2 * inputs.names().size();
    for (int i = 0; i < inputs.size(); i++) {
      e.decision(i);
      e.out.append(text, spans[4 * i], spans[4 * i + 1]);
      e.out.append((byte) ',');
      if (k > 0 && values[i * k] != -1) {
        e.out.append((byte) '[');
        for (int v = i * k; v < (i + 1) * k; v += 2) {
          if (v > i * k) {
            e.out.append((byte) ',');
          }
          e.out.append(text, values[v], values[v + 1]);
        }
        e.out.append((byte) ']');
      } else if (spans[4 * i + 2] < 0) {
        e.out.ascii("{}");
      } else {
        e.out.append(text, spans[4 * i + 2], spans[4 * i + 3]);
      }
      e.out.append((byte) ']');
    }
    return new DecisionGroup(id, at, policy, version, inputs.size(), true, e.finish());
  }

  /**
   * The records as JSON, the group's fields left out: {@code {"outcomes": [[segment, band, action,
   * queue, threshold, route, missing], …], "decisions": [[outcome, score, attributes], …]}}, where
   * a decision's first element indexes the outcomes (a batch has few distinct ones), {@code missing}
   * is a comma-separated list and {@code attributes} the request's own JSON object. A batch
   * ({@link #ofBatch}) may add {@code "names": [name, …]}; a decision's attributes are then either its
   * object or an array, the values of those names in order. Groups written before this form are an
   * array of {@code [segment, band, action, queue, threshold, score, route, missing, attributes]};
   * {@link #decode} reads every form.
   */
  private static String encode(List<DecisionRecord> records, Outcomes outcomes) {
    if (outcomes.size() != records.size()) {
      throw new IllegalArgumentException(outcomes.size() + " outcome indices for "
          + records.size() + " decisions");
    }
    Encoder e = new Encoder(outcomes, List.of(), records.size() * 80);
    for (int i = 0; i < records.size(); i++) {
      DecisionRecord d = records.get(i);
      e.decision(i);
      e.out.ascii(Double.toString(d.score()));
      e.out.append((byte) ',');
      e.out.utf8(d.attributes());
      e.out.append((byte) ']');
    }
    return e.finish();
  }

  /**
   * Writes the encoded form ({@link #encode}): the outcomes by Jackson (they are few), then each
   * decision's {@code [outcome, score, attributes]}, the caller writing the score and attributes.
   */
  private static final class Encoder {
    private final Outcomes outcomes;
    private final Utf8 out;

    Encoder(Outcomes outcomes, List<String> names, int sizeHint) {
      this.outcomes = outcomes;
      this.out = new Utf8(256 + sizeHint);
      out.append(header(outcomes, names));
      out.ascii(",\"decisions\":[");
    }

    /** Opens decision {@code i}'s array and writes its outcome index and a comma. */
    void decision(int i) {
      if (i > 0) {
        out.append((byte) ',');
      }
      out.append((byte) '[');
      out.integer(outcomes.of(i));
      out.append((byte) ',');
    }

    String finish() {
      out.ascii("]}");
      return out.toString();
    }
  }

  /** {@code {"outcomes":[…], "names":[…]} } without its closing brace; no names, no field. */
  private static byte[] header(Outcomes outcomes, List<String> names) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 96 * outcomes.distinct().size());
    try (JsonGenerator g = JSON.getFactory().createGenerator(bytes)) {
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
      if (!names.isEmpty()) {
        g.writeArrayFieldStart("names");
        for (String name : names) {
          g.writeString(name);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The decisions go inside the same object: its closing brace is cut off.
    byte[] closed = bytes.toByteArray();
    return Arrays.copyOf(closed, closed.length - 1);
  }

  /** A growable UTF-8 buffer, unsynchronised (the encoding's appends are many and small). */
  private static final class Utf8 {
    private byte[] bytes;
    private int length;

    Utf8(int capacity) {
      bytes = new byte[capacity];
    }

    void append(byte b) {
      ensure(1);
      bytes[length++] = b;
    }

    void append(byte[] b) {
      append(b, 0, b.length);
    }

    void append(byte[] b, int start, int end) {
      ensure(end - start);
      System.arraycopy(b, start, bytes, length, end - start);
      length += end - start;
    }

    /** Text known to be ASCII. */
    void ascii(String s) {
      ensure(s.length());
      for (int i = 0; i < s.length(); i++) {
        bytes[length++] = (byte) s.charAt(i);
      }
    }

    void utf8(String s) {
      append(s.getBytes(StandardCharsets.UTF_8));
    }

    void integer(int n) {
      if (n >= 0 && n < 10) {
        append((byte) ('0' + n));
      } else {
        ascii(Integer.toString(n));
      }
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }

    @Override
    public String toString() {
      return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
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
      throw new StoreException("decision group " + id + " is not readable JSON", e);
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
    JsonNode names = tree.path("names");
    JsonNode decisions = tree.get("decisions");
    for (int i = 0; i < decisions.size(); i++) {
      JsonNode d = decisions.get(i);
      JsonNode o = outcomes.get(d.get(0).asInt());
      JsonNode attributes = d.get(2);
      if (attributes.isArray()) {
        // The values form: the values of the group's names, in order.
        ObjectNode object = JSON.createObjectNode();
        for (int v = 0; v < attributes.size(); v++) {
          object.set(names.get(v).asText(), attributes.get(v));
        }
        attributes = object;
      }
      out.add(record(i, o.get(0), o.get(1), o.get(2), o.get(3), o.get(4), d.get(1), o.get(5),
          o.get(6), attributes));
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
