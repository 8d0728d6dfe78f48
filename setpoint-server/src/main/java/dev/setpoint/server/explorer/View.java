package dev.setpoint.server.explorer;

import dev.setpoint.data.SegmentKey;
import java.util.OptionalInt;

/**
 * Which curve of a data set a request looks at: all rows or one segment, optionally as the failure-mode
 * lab changes it — scores rounded to a few decimals (ties), or only a few positives kept (intervals).
 * Parsed from the query: {@code segment} (repeated, one value per segment column, in order), {@code
 * round} (0 to 6 decimals), {@code fewPositives} (1 to 100,000) and {@code seed}.
 *
 * @param segment the segment key; {@link SegmentKey#NONE} for all rows
 * @param round round every score to this many decimals first, if present
 * @param fewPositives then keep only this many positives (and negatives in proportion), if present
 * @param seed the seed of that draw
 */
record View(SegmentKey segment, OptionalInt round, OptionalInt fewPositives, long seed) {

  /** The view of a request's query. */
  static View of(Params p) {
    return new View(new SegmentKey(p.all("segment")), p.integer("round", 0, 6),
        p.integer("fewPositives", 1, 100_000), p.integer("seed", 0, Integer.MAX_VALUE).orElse(1));
  }

  /** The same view without the lab's changes: the curve a policy is chosen on. */
  View plain() {
    return new View(segment, OptionalInt.empty(), OptionalInt.empty(), seed);
  }

  boolean isPlain() {
    return round.isEmpty() && fewPositives.isEmpty();
  }
}
