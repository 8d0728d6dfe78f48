package dev.setpoint.server.explorer;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The data sets the explorer holds in memory, each visible only to the identity that uploaded it
 * (bundled examples to everyone), bounded in all and per identity by {@link Explorer.Limits}.
 * Thread-safe (one lock; every operation is a few map steps over at most {@code maxDatasets}
 * entries).
 *
 * <p>Memory: a data set keeps its curves, 16 bytes per distinct score unweighted (24 weighted), once
 * for all rows and once more per segment column level — about 16 to 48 bytes per row — so the row
 * bound is the memory bound.
 *
 * <p>Making room for a data set, in this order:
 *
 * <ol>
 *   <li>Every data set unused (not loaded or looked up) for the idle expiry is dropped, whoever
 *       owns it, so memory held by people who left comes back without anyone's upload pushing it.
 *   <li>An upload beyond its owner's quota drops that owner's least recently used uploads until the
 *       quota holds. Examples count against no quota.
 *   <li>Beyond a global bound, the least recently used of the caller's own uploads and the examples
 *       go, never another identity's data set (an example is shared, and loading it again gives it
 *       back at the same id). When that is not enough the data set is {@link Admission.Refused
 *       refused} and nothing is dropped.
 * </ol>
 */
final class Datasets {

  /** The answer to {@link #add}. */
  sealed interface Admission {

    /**
     * Added.
     *
     * @param evicted the ids of the caller's own uploads and the examples dropped to make room,
     *     least recently used first
     */
    record Admitted(List<String> evicted) implements Admission {
      public Admitted {
        evicted = List.copyOf(evicted);
      }
    }

    /**
     * Not added, because the global bounds cannot be met without dropping another identity's data
     * sets; nothing was dropped.
     *
     * @param reason a sentence naming the bound and the server options that raise it
     */
    record Refused(String reason) implements Admission {}
  }

  /** A data set and when it was last used. */
  private record Entry(Dataset dataset, Instant used) {}

  private final Explorer.Limits limits;
  private final Clock clock;
  /**
   * In insertion order, which a use keeps as the order of use (it removes and puts the entry
   * again): the least recently used first. Not an access-ordered map, whose every {@code get} would
   * count as a use, even a refused look at another identity's data set.
   */
  private final LinkedHashMap<String, Entry> byId = new LinkedHashMap<>();

  Datasets(Explorer.Limits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * The data set with this id if the identity named {@code caller} may see it, marked as used.
   * Another identity's data set is answered as an unknown id is: empty.
   */
  synchronized Optional<Dataset> get(String id, String caller) {
    Instant now = clock.instant();
    expire(now);
    Entry e = byId.get(id);
    if (e == null || !e.dataset().visibleTo(caller)) {
      return Optional.empty();
    }
    byId.remove(id);
    byId.put(id, new Entry(e.dataset(), now));
    return Optional.of(e.dataset());
  }

  /** Every data set the identity named {@code caller} may see, the most recently used first. */
  synchronized List<Dataset> visibleTo(String caller) {
    expire(clock.instant());
    List<Dataset> list = new ArrayList<>();
    for (Entry e : byId.values()) {
      if (e.dataset().visibleTo(caller)) {
        list.add(e.dataset());
      }
    }
    Collections.reverse(list);
    return list;
  }

  /**
   * Adds a data set on behalf of the identity named {@code caller} (its owner, for an upload), or
   * replaces the one with its id, making room as the class comment says.
   *
   * @throws IllegalArgumentException when an upload is added on behalf of someone else, or has more
   *     rows than its owner's quota (the loader refuses such a file before it gets here)
   * @throws IllegalStateException when another identity's data set has the same id (a collision of
   *     the 64-bit ids)
   */
  synchronized Admission add(Dataset dataset, String caller) {
    if (dataset.owner().isPresent() && !dataset.owner().get().equals(caller)) {
      throw new IllegalArgumentException("an upload of '" + dataset.owner().get()
          + "' added on behalf of '" + caller + "'");
    }
    if (dataset.owner().isPresent() && dataset.rowsUsed() > limits.quotaRows()) {
      throw new IllegalArgumentException("an upload of " + dataset.rowsUsed() + " rows exceeds "
          + "the quota of " + limits.quotaRows() + " rows");
    }
    Instant now = clock.instant();
    expire(now);
    Entry previous = byId.get(dataset.id());
    if (previous != null && !previous.dataset().owner().equals(dataset.owner())) {
      // Ids are derived from the owner (DatasetLoader.id), so this is a collision of 64-bit
      // hashes; replacing the other's data set would push it out.
      throw new IllegalStateException("two owners' data sets share the id " + dataset.id());
    }
    // Plan on the others, least recently used first; drop nothing until the plan works.
    List<Dataset> others = new ArrayList<>();
    for (Entry e : byId.values()) {
      if (!e.dataset().id().equals(dataset.id())) {
        others.add(e.dataset());
      }
    }
    Map<String, Dataset> evict = new LinkedHashMap<>();
    if (dataset.owner().isPresent()) {
      List<Dataset> own = others.stream().filter(d -> d.owner().equals(dataset.owner())).toList();
      int count = own.size();
      long held = own.stream().mapToLong(Dataset::rowsUsed).sum();
      Iterator<Dataset> oldestFirst = own.iterator();
      while (count + 1 > limits.quotaDatasets() || held + dataset.rowsUsed() > limits.quotaRows()) {
        Dataset d = oldestFirst.next(); // there is one: the upload alone fits the quota
        evict.put(d.id(), d);
        count--;
        held -= d.rowsUsed();
      }
    }
    int count = others.size() - evict.size();
    long held = rows(others) - rows(evict.values());
    Iterator<Dataset> oldestFirst = others.iterator();
    while (count + 1 > limits.maxDatasets() || held + dataset.rowsUsed() > limits.maxRows()) {
      if (!oldestFirst.hasNext()) {
        return new Admission.Refused(full(dataset, count + 1 > limits.maxDatasets()));
      }
      Dataset d = oldestFirst.next();
      if (d.visibleTo(caller) && evict.putIfAbsent(d.id(), d) == null) {
        count--;
        held -= d.rowsUsed();
      }
    }
    byId.keySet().removeAll(evict.keySet());
    byId.remove(dataset.id());
    byId.put(dataset.id(), new Entry(dataset, now));
    return new Admission.Admitted(List.copyOf(evict.keySet()));
  }

  private static long rows(Iterable<Dataset> datasets) {
    long sum = 0;
    for (Dataset d : datasets) {
      sum += d.rowsUsed();
    }
    return sum;
  }

  /** Why {@code dataset} does not fit, and what raises the bound it would exceed. */
  private String full(Dataset dataset, boolean byCount) {
    String bound = byCount
        ? String.format(Locale.ROOT, "%,d data sets", limits.maxDatasets())
        : String.format(Locale.ROOT, "%,d rows", limits.maxRows());
    return String.format(Locale.ROOT, "the explorer's memory is full: %s (%,d rows) would exceed "
        + "its bound of %s in all, and the rest is other users' data, which is never pushed out; "
        + "try again later (a data set unused for %s is dropped), or ask the operator to raise %s",
        dataset.name(), dataset.rowsUsed(), bound, idle(),
        byCount ? "--explorer-max-datasets" : "--explorer-max-rows");
  }

  /** The idle expiry in words: "4 hours", "90 minutes". */
  private String idle() {
    long minutes = limits.idleExpiry().toMinutes();
    if (minutes >= 60 && minutes % 60 == 0) {
      return minutes / 60 + (minutes == 60 ? " hour" : " hours");
    }
    return minutes >= 1 ? minutes + (minutes == 1 ? " minute" : " minutes")
        : limits.idleExpiry().toSeconds() + " seconds";
  }

  /**
   * Drops every data set unused for the idle expiry or longer. All are checked, not only the
   * oldest: a clock set back can leave the order of use and the recorded times disagreeing.
   */
  private void expire(Instant now) {
    Instant cutoff = now.minus(limits.idleExpiry());
    byId.values().removeIf(e -> !e.used().isAfter(cutoff));
  }
}
