package dev.setpoint.server.store;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The decision service's persistent state. Every method is atomic and durable when it returns: a
 * policy version, an activation, a batch of decisions or of labels is committed, or the method threw
 * and nothing of it was stored. Implementations are thread-safe.
 */
public interface Store extends AutoCloseable {

  /** The outcome of writing a policy version. */
  sealed interface PutResult {

    /**
     * The new version.
     *
     * @param version what was stored
     */
    record Created(PolicyVersion version) implements PutResult {}

    /**
     * Another version was written since the one the writer read ({@code If-Match}); nothing stored.
     *
     * @param expected the version the writer expected to be the latest
     * @param latest the latest version now, 0 when there is none
     */
    record Conflict(long expected, long latest) implements PutResult {}
  }

  /** The outcome of an activation or rollback. */
  sealed interface ActivateResult {

    /**
     * Recorded.
     *
     * @param event the event
     */
    record Activated(PolicyEvent event) implements ActivateResult {}

    /**
     * The version does not exist.
     *
     * @param latest the latest version of the policy, 0 when it has none
     */
    record UnknownVersion(long latest) implements ActivateResult {}

    /**
     * The version is the active one already; nothing recorded (an event that changes nothing would
     * read as a change in the history).
     *
     * @param since the event that made it active
     */
    record AlreadyActive(PolicyEvent since) implements ActivateResult {}
  }

  /**
   * Stores a new version of a policy: the latest version plus one.
   *
   * @param expectedLatest when present, store only if the latest version is this one (0: the policy
   *     must not exist yet); the guard against two editors overwriting each other
   */
  PutResult putPolicy(String name, String document, String sha256, String createdBy,
      Optional<String> comment, OptionalLong expectedLatest);

  /** One version of a policy. */
  Optional<PolicyVersion> policy(String name, long version);

  /** The latest version of a policy. */
  Optional<PolicyVersion> latest(String name);

  /** Every version of a policy, oldest first. */
  List<PolicyVersion> versions(String name);

  /** The names of all policies, sorted. */
  List<String> policyNames();

  /**
   * Makes {@code version} the active version of the policy and records who did it and why; exactly one
   * version of a policy is active afterwards. Activating (or rolling back to) the version that is active
   * already records nothing and answers {@link ActivateResult.AlreadyActive}.
   */
  ActivateResult activate(String name, long version, PolicyEvent.Kind kind, String by, String reason);

  /** The active version of a policy, if one was ever activated. */
  OptionalLong activeVersion(String name);

  /**
   * A policy's active version and the event that made it so.
   *
   * @param name the policy
   * @param version its active version
   * @param event the {@linkplain PolicyEvent#id() event} that activated it; a later change of the
   *     same policy has a larger one
   */
  record Active(String name, long version, long event) {

    public Active {
      Objects.requireNonNull(name, "name");
    }
  }

  /** The active version of every policy that has one, sorted by name. */
  List<Active> activeVersions();

  /**
   * Hearing of policy changes as they are committed ({@link #watchPolicies}); closing it stops.
   */
  @FunctionalInterface
  interface Watch extends AutoCloseable {

    /**
     * Whether changes are being heard of now. PostgreSQL: its listening connection is up; SQLite:
     * always.
     */
    boolean listening();

    @Override
    default void close() {}
  }

  /**
   * Calls {@code changed} after a policy version is stored, activated or rolled back, by any
   * instance using this database, and once each time it starts listening (a change may have been
   * missed meanwhile). PostgreSQL: a connection of its own listens for the notification each change
   * sends on commit, and reconnects with backoff when it fails; {@code changed} runs on its thread.
   * SQLite: one process, whose server compiles its own changes: never called.
   */
  Watch watchPolicies(Runnable changed);

  /** The activation history of a policy, oldest first. */
  List<PolicyEvent> events(String name);

  /**
   * Appends decisions to the audit log, all in one transaction. The decisions of one request form a
   * group stored together: a single decision's id is its group's id; the decisions of a batch are
   * {@code group.0}, {@code group.1}, …, consecutive, with one time, policy and version.
   *
   * @throws IllegalArgumentException if a group's ids, time, policy or version disagree
   */
  default void appendDecisions(List<DecisionRecord> decisions) {
    appendGroups(DecisionGroup.split(decisions));
  }

  /**
   * Appends groups of decisions, each built by {@link DecisionGroup#of}, in one transaction, with
   * their {@linkplain DecisionGroup#keys() request keys}. A group one of whose keys is already stored
   * (a retry that raced its original, here or on another instance) is left out, keys and all.
   *
   * @return the ids of the groups left out; every other group is stored
   * @throws IllegalArgumentException if a group's id is a UUIDv7 that names a time more than a day
   *     from the group's time (decision ids name the time they were made at, and are looked up
   *     there)
   */
  Set<String> appendGroups(List<DecisionGroup> groups);

  /**
   * The stored request keys of {@code principal} among {@code keys}, by key.
   */
  Map<String, RequestKey> requestKeys(String principal, Collection<String> keys);

  /**
   * Forgets request keys stored before {@code before}: a retry with one of them makes a new
   * decision. The decisions stay.
   *
   * @return how many were forgotten
   */
  long forgetRequestKeys(Instant before);

  /** The decisions of one request: a single decision, or a whole batch; empty when none. */
  List<DecisionRecord> group(String groupId);

  /** One decision's audit record. */
  Optional<DecisionRecord> decision(String id);

  /** The number of decisions in the audit log. */
  long decisionCount();

  /**
   * Streams a policy's decisions in {@code [from, to)}, oldest first, each with its label if it has one.
   */
  void scanDecisions(String policy, Instant from, Instant to,
      Consumer<LabelledDecision> consumer);

  /**
   * A decision and its label.
   *
   * @param decision the decision
   * @param label its label, if one arrived
   */
  record LabelledDecision(DecisionRecord decision, Optional<Boolean> label) {}

  /** Stores labels, all in one transaction; the outcome of each, in order. */
  List<Label.Outcome> putLabels(List<Label> labels);

  /** A decision's label. */
  Optional<Label> label(String decisionId);

  /**
   * Keeps the audit log's time partitions (one per UTC day; PostgreSQL: partitions, made ahead;
   * the embedded store: tables, made by the day's first write): makes those of today and the coming
   * days that are missing and, given a retention, drops each day that ended at or before {@code now}
   * minus it, the day's labels with its decisions. Idempotent and safe to run on several instances
   * (threads, on the embedded store) at once; a run that was killed is completed by the next.
   *
   * @return the days dropped, oldest first (the embedded store: the tables it kept from before it
   *     kept days, emptied, count as the day of their newest decision)
   * @throws StoreException when the database fails or a lock is not had within the commit timeout
   */
  List<LocalDate> maintainAuditLog(Instant now, Optional<Duration> retention);

  /**
   * Checks that the audit log can be written, and writes nothing: a decision group is inserted and
   * rolled back, within the store's commit timeout. What readiness asks when no decision came lately.
   *
   * @throws StoreException if the write fails or times out
   */
  void probeWrite();

  /** Closes the connections; the data stays. */
  @Override
  void close();
}
