package dev.setpoint.server.explorer;

import dev.setpoint.curve.Curve;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.policy.ChosenPolicy;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A score file as the explorer keeps it: the exact curve of all rows and of every segment key (and of
 * every parent prefix of a multi-column key, which segment fallback needs), never the rows themselves.
 * Immutable.
 *
 * @param id the handle the page uses, derived from the file's SHA-256, how it was read and (for an
 *     upload) its owner, so the same user loading the same file the same way twice gets the same
 *     data set, and two users never share one
 * @param name the file's name as the user gave it
 * @param owner the name of the identity that uploaded it, who alone may see it; empty for a bundled
 *     example, which everyone shares
 * @param sha256 the SHA-256 of the file's bytes, lower-case hex
 * @param format the format it was read as ({@code CSV}, {@code JSON_LINES}, …)
 * @param columns the columns read: score, label, weight (if any), segments
 * @param rowsRead data rows in the file
 * @param rowsUsed rows that reached the curves
 * @param dropped rows dropped as invalid, by reason, when the upload asked to drop them
 * @param segmentColumns the segment columns, empty when none
 * @param overall the curve of all rows
 * @param segments the curve of every segment key and parent prefix, in first-seen order
 * @param segmentRows the rows of each segment key and parent prefix
 * @param loadedAt when it was read
 */
record Dataset(String id, String name, Optional<String> owner, String sha256, String format,
    Map<String, String> columns, long rowsRead, long rowsUsed, Map<String, Long> dropped,
    List<String> segmentColumns, Curve overall, Map<SegmentKey, Curve> segments,
    Map<SegmentKey, Long> segmentRows, Instant loadedAt) {

  Dataset {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(overall, "overall");
    columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
    segmentColumns = List.copyOf(segmentColumns);
    segments = Collections.unmodifiableMap(new LinkedHashMap<>(segments));
    segmentRows = Map.copyOf(segmentRows);
  }

  /** {@code upload} or {@code example} (an example is the only data set without an owner). */
  String origin() {
    return owner.isPresent() ? "upload" : "example";
  }

  /** Whether the identity named {@code caller} may see it: its owner, or anyone for an example. */
  boolean visibleTo(String caller) {
    return owner.isEmpty() || owner.get().equals(caller);
  }

  /** The curve of a segment key or parent prefix; of all rows for {@link SegmentKey#NONE}. */
  Optional<Curve> curve(SegmentKey key) {
    return key.values().isEmpty() ? Optional.of(overall) : Optional.ofNullable(segments.get(key));
  }

  /** The rows of a segment (of all rows for {@link SegmentKey#NONE}). */
  long rows(SegmentKey key) {
    return key.values().isEmpty() ? rowsUsed : segmentRows.getOrDefault(key, 0L);
  }

  /** The full-width segment keys, in first-seen order (the segments a policy gets). */
  List<SegmentKey> fullWidthSegments() {
    return segments.keySet().stream().filter(k -> k.values().size() == segmentColumns.size())
        .toList();
  }

  /** What a policy chosen on this data records as its provenance data. */
  ChosenPolicy.Data policyData(boolean withSegments) {
    if (!withSegments) {
      return new ChosenPolicy.Data(name, sha256, rowsUsed, overall, List.of(), Map.of(), Map.of());
    }
    return new ChosenPolicy.Data(name, sha256, rowsUsed, overall, segmentColumns, segments,
        segmentRows);
  }
}
