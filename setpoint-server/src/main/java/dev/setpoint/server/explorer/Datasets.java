package dev.setpoint.server.explorer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data sets the explorer holds in memory, bounded by their number and by their total rows: adding
 * one beyond either bound drops the least recently used first. Looking one up counts as a use.
 * Thread-safe (one lock; every operation is a few map steps).
 *
 * <p>Memory: a data set keeps its curves, 16 bytes per distinct score unweighted (24 weighted), once
 * for all rows and once more per segment column level — about 16 to 48 bytes per row — so the row
 * bound is the memory bound.
 */
final class Datasets {

  private final Explorer.Limits limits;
  private final LinkedHashMap<String, Dataset> byId = new LinkedHashMap<>(16, 0.75f, true);
  private long rows;

  Datasets(Explorer.Limits limits) {
    this.limits = limits;
  }

  /** The data set with this id, marked as the most recently used. */
  synchronized Optional<Dataset> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /**
   * Adds a data set (or replaces the one with its id) and drops the least recently used ones until
   * both bounds hold. The caller has checked that it fits the row bound on its own.
   *
   * @return the ids dropped to make room
   */
  synchronized List<String> add(Dataset dataset) {
    Dataset previous = byId.remove(dataset.id());
    if (previous != null) {
      rows -= previous.rowsUsed();
    }
    List<String> dropped = new ArrayList<>();
    Iterator<Map.Entry<String, Dataset>> oldestFirst = byId.entrySet().iterator();
    while (oldestFirst.hasNext() && (byId.size() + 1 > limits.maxDatasets()
        || rows + dataset.rowsUsed() > limits.maxRows())) {
      Dataset old = oldestFirst.next().getValue();
      oldestFirst.remove();
      rows -= old.rowsUsed();
      dropped.add(old.id());
    }
    byId.put(dataset.id(), dataset);
    rows += dataset.rowsUsed();
    return dropped;
  }

  /** Every data set, the most recently used first. */
  synchronized List<Dataset> all() {
    List<Dataset> list = new ArrayList<>(byId.values());
    java.util.Collections.reverse(list);
    return list;
  }
}
