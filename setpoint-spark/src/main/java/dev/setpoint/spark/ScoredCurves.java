package dev.setpoint.spark;

import dev.setpoint.curve.Curve;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.data.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The exact curves of a DataFrame: of all rows, and of every segment key and every prefix of a
 * multi-column key (the parents that segment fallback needs, {@code docs/definitions.md#segment-fallback}),
 * keys in sorted order. Each curve equals bit for bit what {@link dev.setpoint.curve.CurveBuilder} gives
 * for the same rows in any order.
 *
 * @param segmentColumns the segment columns; empty when none
 * @param overall the curve of all rows
 * @param rows the rows of the DataFrame, whatever their weights
 * @param segments the curve of each segment key and parent
 * @param segmentRows the rows of each segment key and parent, whatever their weights
 */
public record ScoredCurves(List<String> segmentColumns, Curve overall, long rows,
    Map<SegmentKey, Curve> segments, Map<SegmentKey, Long> segmentRows) {

  /** Copies the collections, keeping the map order. */
  public ScoredCurves {
    segmentColumns = List.copyOf(segmentColumns);
    Objects.requireNonNull(overall, "overall");
    segments = Collections.unmodifiableMap(new LinkedHashMap<>(segments));
    segmentRows = Collections.unmodifiableMap(new LinkedHashMap<>(segmentRows));
  }

  /**
   * A fingerprint of the data the curves were built from, for a policy's provenance where a file
   * would give the SHA-256 of its bytes: the SHA-256 of every curve's bits (its key, then each point's
   * threshold, TP and FP as IEEE-754 doubles, big-endian), the overall curve first, then the segments in
   * their order. The same rows in any order or partitioning give the same fingerprint; any change to a
   * score, label or weight that moves a count changes it. Lower-case hex.
   */
  public String fingerprint() {
    MessageDigest digest = Sha256.digest();
    update(digest, SegmentKey.NONE, overall);
    segments.forEach((key, curve) -> update(digest, key, curve));
    return Sha256.hex(digest);
  }

  private static void update(MessageDigest digest, SegmentKey key, Curve curve) {
    for (String value : key.values()) {
      digest.update(value.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
    }
    digest.update((byte) 1);
    ByteBuffer point = ByteBuffer.allocate(24);
    for (int i = 0; i < curve.size(); i++) {
      point.clear();
      point.putDouble(curve.threshold(i)).putDouble(curve.truePositives(i))
          .putDouble(curve.falsePositives(i));
      digest.update(point.array());
    }
  }
}
