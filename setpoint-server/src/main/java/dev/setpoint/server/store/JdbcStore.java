package dev.setpoint.server.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Store} over JDBC, for both dialects: the embedded SQLite file (WAL journal, {@code
 * synchronous=FULL}, so a commit is on disk when it returns; writes serialised by a lock, since SQLite
 * has one writer; the data directory locked against a second process, since SQLite is single-node) and
 * PostgreSQL (a pool; per-policy advisory locks serialise version numbering and activation; each policy
 * change notifies every instance on the database, {@link PolicyListener}). The schema is migrated by
 * Flyway on open.
 */
public final class JdbcStore implements Store {

  /** The two supported databases. */
  public enum Dialect {
    SQLITE,
    POSTGRESQL
  }

  /** How long a write may take when no other is given: {@link #DEFAULT_COMMIT_TIMEOUT}. */
  public static final Duration DEFAULT_COMMIT_TIMEOUT = Duration.ofSeconds(5);

  private final Dialect dialect;
  private final HikariDataSource pool;
  private final Duration commitTimeout;
  private final Clock clock;
  /** SQLite: one writer at a time, in this process. PostgreSQL: unused. */
  private final ReentrantLock writeLock = new ReentrantLock();
  /** PostgreSQL: the database, for the connections that listen for policy changes; SQLite: null. */
  private final @Nullable String jdbcUrl;
  /** SQLite: the data directory's lock, held while the store is open; PostgreSQL: nothing. */
  private final @Nullable DataDirLock exclusive;
  /** PostgreSQL: what {@link #watchPolicies} started, closed with the store. */
  private final List<PolicyListener> listeners = new CopyOnWriteArrayList<>();
  /** PostgreSQL: the audit log's day partitions. SQLite: null (its days: {@link SqliteDays}). */
  private final @Nullable AuditPartitions partitions;

  private JdbcStore(Dialect dialect, HikariDataSource pool, Duration commitTimeout, Clock clock,
      @Nullable String jdbcUrl, @Nullable DataDirLock exclusive) {
    this.dialect = dialect;
    this.pool = pool;
    this.commitTimeout = commitTimeout;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.jdbcUrl = jdbcUrl;
    this.exclusive = exclusive;
    // Writes queue behind a partition change that waits for its locks: a tenth of the commit
    // timeout keeps them well within theirs.
    this.partitions = dialect == Dialect.POSTGRESQL
        ? new AuditPartitions(pool, commitTimeout.dividedBy(10)) : null;
  }

  /**
   * How far a commit of the embedded store is durable when it returns.
   */
  public enum Durability {
    /** On disk: survives a power loss (an fsync per commit; SQLite {@code synchronous=FULL}). */
    POWER_LOSS,
    /**
     * In the operating system: survives a crash of the process, not of the machine (SQLite {@code
     * synchronous=NORMAL} in WAL mode: the log is synced at checkpoints, not at every commit).
     */
    PROCESS_CRASH
  }

  /** Opens (creating if needed) the embedded store {@code setpoint.db} in {@code dataDir}. */
  public static JdbcStore sqlite(Path dataDir) {
    return sqlite(dataDir, Durability.POWER_LOSS);
  }

  /** Opens the embedded store with the given durability of commits. */
  public static JdbcStore sqlite(Path dataDir, Durability durability) {
    return sqlite(dataDir, durability, DEFAULT_COMMIT_TIMEOUT);
  }

  /**
   * Opens the embedded store with the given durability of commits; a write that cannot finish within
   * {@code commitTimeout} (another process holds the database's write lock) fails.
   */
  public static JdbcStore sqlite(Path dataDir, Durability durability, Duration commitTimeout) {
    return sqlite(dataDir, durability, commitTimeout, Clock.systemUTC());
  }

  /**
   * Opens the embedded store as {@link #sqlite(Path, Durability, Duration)} does, recording the
   * times of policy versions, events and labels by {@code clock}.
   */
  public static JdbcStore sqlite(Path dataDir, Durability durability, Duration commitTimeout,
      Clock clock) {
    checkTimeout(commitTimeout);
    DataDirLock lock = DataDirLock.acquire(dataDir);
    try {
      return new JdbcStore(Dialect.SQLITE, Pools.sqlite(dataDir, durability, commitTimeout),
          commitTimeout, clock, null, lock);
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Opens the embedded store in {@code dataDir} for reading only, beside a {@code serve} that may be
   * writing it: no lock on the directory, no migration; a write fails.
   *
   * @throws StoreException when there is no readable store of this version's schema there
   */
  public static JdbcStore sqliteReader(Path dataDir) {
    return new JdbcStore(Dialect.SQLITE, Pools.sqliteReadOnly(dataDir), DEFAULT_COMMIT_TIMEOUT,
        Clock.systemUTC(), null, null);
  }

  /**
   * Opens a PostgreSQL store.
   *
   * @param jdbcUrl for example {@code jdbc:postgresql://127.0.0.1:5432/setpoint?user=postgres}
   */
  public static JdbcStore postgresql(String jdbcUrl) {
    return postgresql(jdbcUrl, DEFAULT_COMMIT_TIMEOUT);
  }

  /**
   * Opens a PostgreSQL store whose writes fail when they cannot finish within {@code commitTimeout}
   * (a lock held elsewhere, a server that does not answer): each write transaction sets {@code
   * statement_timeout}, and a connection is waited for at most that long.
   */
  public static JdbcStore postgresql(String jdbcUrl, Duration commitTimeout) {
    return postgresql(jdbcUrl, commitTimeout, Clock.systemUTC());
  }

  /**
   * Opens a PostgreSQL store as {@link #postgresql(String, Duration)} does, recording the times of
   * policy versions, events and labels by {@code clock}.
   */
  public static JdbcStore postgresql(String jdbcUrl, Duration commitTimeout, Clock clock) {
    checkTimeout(commitTimeout);
    JdbcStore store = new JdbcStore(Dialect.POSTGRESQL, Pools.postgresql(jdbcUrl, commitTimeout),
        commitTimeout, clock, jdbcUrl, null);
    try {
      store.maintainAuditLog(clock.instant(), Optional.empty());
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private static void checkTimeout(Duration commitTimeout) {
    if (commitTimeout.isNegative() || commitTimeout.isZero()) {
      throw new IllegalArgumentException("the commit timeout must be positive, was " + commitTimeout);
    }
  }

  /** Which database this store uses. */
  public Dialect dialect() {
    return dialect;
  }

  // ---- transactions ----

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  /** Work that answers nothing. */
  @FunctionalInterface
  private interface Step {
    void run(Connection c) throws SQLException;
  }

  /** {@code step} as work that answers true, for the transactions that answer nothing. */
  private static Work<Boolean> done(Step step) {
    return c -> {
      step.run(c);
      return true;
    };
  }

  /**
   * Runs {@code work} in a write transaction, serialised per policy {@code key} (or globally), and
   * commits it — or, with {@code commit} false, rolls it back (a probe).
   */
  private <T> T write(@Nullable String key, boolean commit, Work<T> work) {
    boolean locked = dialect == Dialect.SQLITE;
    if (locked) {
      lockWriter();
    }
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        if (dialect == Dialect.POSTGRESQL) {
          try (Statement timeout = c.createStatement()) {
            // Bounds every statement of this transaction, lock waits included (a table locked
            // elsewhere): the write fails instead of holding its callers.
            timeout.execute("SET LOCAL statement_timeout = " + commitTimeout.toMillis());
          }
          if (key != null) {
            try (PreparedStatement lock = c.prepareStatement(
                "SELECT pg_advisory_xact_lock(hashtext(?))")) {
              lock.setString(1, key);
              lock.execute();
            }
          }
        }
        T result = work.run(c);
        if (commit) {
          c.commit();
        } else {
          c.rollback();
        }
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("store write failed: " + SqlErrors.reason(e), e);
    } finally {
      if (locked) {
        writeLock.unlock();
      }
    }
  }

  private <T> T write(@Nullable String key, Work<T> work) {
    return write(key, true, work);
  }

  /** SQLite: takes this process's write lock, waiting at most the commit timeout. */
  private void lockWriter() {
    try {
      if (!writeLock.tryLock(commitTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new StoreException("store write failed: another write has held the embedded store "
            + "for over " + commitTimeout.toMillis() + " ms", null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("store write failed: interrupted while waiting for the writer", e);
    }
  }

  private <T> T read(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("store read failed: " + SqlErrors.reason(e), e);
    }
  }

  @Override
  public void probeWrite() {
    long at = clock.millis();
    DecisionGroup probe = new DecisionGroup("probe-" + java.util.UUID.randomUUID(),
        Instant.ofEpochMilli(at), "", 1, 1, false, "[]");
    writeDecisions(List.of(probe), false, done(c -> DecisionTable.insert(c, List.of(probe),
        Set.of())));
  }

  // ---- policies ----

  @Override
  public PutResult putPolicy(String name, String document, String sha256, String createdBy,
      Optional<String> comment, OptionalLong expectedLatest) {
    return write(name, c -> {
      PutResult r = PolicyTable.put(c, name, document, sha256, now(), createdBy, comment,
          expectedLatest);
      if (r instanceof PutResult.Created) {
        announce(c, name);
      }
      return r;
    });
  }

  @Override
  public Optional<PolicyVersion> policy(String name, long version) {
    return read(c -> PolicyTable.versions(c, "WHERE name = ? AND version = ?", name,
        OptionalLong.of(version))).stream().findFirst();
  }

  @Override
  public Optional<PolicyVersion> latest(String name) {
    return read(c -> PolicyTable.versions(c, "WHERE name = ? ORDER BY version DESC LIMIT 1", name,
        OptionalLong.empty())).stream().findFirst();
  }

  @Override
  public List<PolicyVersion> versions(String name) {
    return read(c -> PolicyTable.versions(c, "WHERE name = ? ORDER BY version", name,
        OptionalLong.empty()));
  }

  @Override
  public List<String> policyNames() {
    return read(PolicyTable::names);
  }

  @Override
  public ActivateResult activate(String name, long version, PolicyEvent.Kind kind, String by,
      String reason) {
    return write(name, c -> {
      ActivateResult r = PolicyTable.activate(c, name, version, kind, now(), by, reason);
      if (r instanceof ActivateResult.Activated) {
        announce(c, name);
      }
      return r;
    });
  }

  /**
   * PostgreSQL: tells every instance listening on the database that policy {@code name} changed, in
   * the transaction of the change, so the notification is delivered when, and only if, it commits.
   * SQLite: one process, whose server compiles its own changes; nothing to tell.
   */
  private void announce(Connection c, String name) throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
        s.setString(1, PolicyListener.CHANNEL);
        s.setString(2, name);
        s.execute();
      }
    }
  }

  @Override
  public OptionalLong activeVersion(String name) {
    return read(c -> PolicyTable.activeVersion(c, name));
  }

  @Override
  public List<Active> activeVersions() {
    return read(PolicyTable::active);
  }

  @Override
  public Watch watchPolicies(Runnable changed) {
    if (jdbcUrl == null) {
      return () -> true;
    }
    PolicyListener listener = new PolicyListener(jdbcUrl, changed);
    listeners.add(listener);
    listener.start();
    return listener;
  }

  @Override
  public List<PolicyEvent> events(String name) {
    return read(c -> PolicyTable.events(c, "WHERE name = ? ORDER BY id", name));
  }

  // ---- decisions ----

  @Override
  public Set<String> appendGroups(List<DecisionGroup> groups) {
    if (groups.isEmpty()) {
      return Set.of();
    }
    DecisionTable.checkTimes(groups);
    return writeDecisions(groups, true, c -> {
      Set<String> refused = RequestKeyTable.insert(c, groups);
      DecisionTable.insert(c, groups, refused);
      return refused;
    });
  }

  /**
   * Writes {@code groups} by {@code work} as {@link #write(String, boolean, Work)} does. On
   * PostgreSQL, a write that fails a check (23514, which is also what a row without a partition fails) creates
   * the partitions of its days, if missing, and is tried once more: a day not made ahead (a clock
   * jump, a write for an old day) costs a retry, and no row is refused for want of a partition.
   */
  private <T> T writeDecisions(List<DecisionGroup> groups, boolean commit, Work<T> work) {
    try {
      return write(null, commit, work);
    } catch (StoreException e) {
      if (partitions == null || !(e.getCause() instanceof SQLException sql)
          || !"23514".equals(sql.getSQLState())) {
        throw e;
      }
      partitions.create(groups.stream().map(g -> AuditPartitions.day(g.at().toEpochMilli()))
          .toList());
      return write(null, commit, work);
    }
  }

  @Override
  public Map<String, RequestKey> requestKeys(String principal, Collection<String> keys) {
    return keys.isEmpty() ? Map.of()
        : read(c -> RequestKeyTable.find(c, dialect, principal, keys));
  }

  @Override
  public long forgetRequestKeys(Instant before) {
    return write(null, c -> RequestKeyTable.forget(c, before));
  }

  @Override
  public List<DecisionRecord> group(String groupId) {
    return read(c -> DecisionTable.group(c, groupId));
  }

  @Override
  public Optional<DecisionRecord> decision(String id) {
    Optional<DecisionKey> key = DecisionKey.of(id);
    return key.isEmpty() ? Optional.empty() : read(c -> DecisionTable.decision(c, key.get()));
  }

  @Override
  public long decisionCount() {
    return read(DecisionTable::count);
  }

  @Override
  public void scanDecisions(String policy, Instant from, Instant to,
      Consumer<LabelledDecision> consumer) {
    read(done(c -> DecisionScan.run(c, dialect, policy, from, to, consumer)));
  }

  @Override
  public List<LocalDate> maintainAuditLog(Instant now, Optional<Duration> retention) {
    if (partitions == null) {
      return retention.isEmpty() ? List.of() : dropDays(now.minus(retention.get()).toEpochMilli());
    }
    partitions.createAhead(now);
    return retention.isEmpty() ? List.of() : partitions.dropBefore(now.minus(retention.get()));
  }

  /** Pages the embedded store returns to the file system per write transaction after a drop. */
  private static final int VACUUM_PAGES = 2048;

  /**
   * The embedded store's retention ({@link SqliteDays}): drops each day that ended at or before
   * {@code cutoffMs}, one write transaction a day, oldest first, then empties the undated tables if
   * their newest decision is that old; then, in a file made with {@code auto_vacuum=INCREMENTAL},
   * gives the freed pages back {@value #VACUUM_PAGES} a transaction, so writes wait at most one
   * short step. Each step is whole or not at all: a run killed anywhere is completed by the next.
   */
  private List<LocalDate> dropDays(long cutoffMs) {
    List<LocalDate> dropped = new ArrayList<>();
    for (AuditPart p : read(SqliteDays::all)) {
      LocalDate day = p.day().orElse(null);
      if (day != null && (day.toEpochDay() + 1) * 86_400_000L <= cutoffMs
          && write(null, c -> SqliteDays.drop(c, day))) {
        dropped.add(day);
      }
    }
    write(null, c -> SqliteDays.emptyUndatedBefore(c, cutoffMs)).ifPresent(dropped::add);
    dropped.sort(null);
    if (!dropped.isEmpty() && read(c -> pragma(c, "auto_vacuum")) == 2) {
      long free = read(c -> pragma(c, "freelist_count"));
      while (free > 0) {
        long before = free;
        free = write(null, c -> {
          try (Statement s = c.createStatement()) {
            s.execute("PRAGMA incremental_vacuum(" + VACUUM_PAGES + ")");
          }
          return pragma(c, "freelist_count");
        });
        if (free >= before) {
          break; // no progress (another process holds a read of the pages): the next run goes on
        }
      }
    }
    return dropped;
  }

  private static long pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("PRAGMA " + name)) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  // ---- labels ----

  @Override
  public List<Label.Outcome> putLabels(List<Label> labels) {
    return write(null, c -> LabelTable.put(c, labels));
  }

  @Override
  public Optional<Label> label(String decisionId) {
    return read(c -> LabelTable.find(c, decisionId));
  }

  private Instant now() {
    return Instant.ofEpochMilli(clock.millis());
  }

  @Override
  public void close() {
    listeners.forEach(PolicyListener::close);
    pool.close();
    if (exclusive != null) {
      exclusive.close();
    }
  }
}
