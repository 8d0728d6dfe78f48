package dev.setpoint.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link Store} meets; run against the embedded SQLite store and PostgreSQL. */
abstract class StoreContractTest {

  /** A fresh, empty store. */
  abstract Store open() throws Exception;

  /** The same store again, as after a restart. */
  abstract Store reopen() throws Exception;

  Store store;

  @BeforeEach
  void openStore() throws Exception {
    store = open();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static final String DOC = "{\"apiVersion\":\"setpoint/v1\"}";

  private PolicyVersion put(String name, OptionalLong expected) {
    Store.PutResult r = store.putPolicy(name, DOC, "a".repeat(64), "alice", Optional.of("why"),
        expected);
    assertThat(r).isInstanceOf(Store.PutResult.Created.class);
    return ((Store.PutResult.Created) r).version();
  }

  @Test
  void versionsAreNumberedFromOneAndKeptAsWritten() {
    PolicyVersion v1 = put("fraud", OptionalLong.empty());
    PolicyVersion v2 = put("fraud", OptionalLong.of(1));
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(store.policy("fraud", 1)).contains(v1);
    assertThat(store.latest("fraud")).contains(v2);
    assertThat(store.versions("fraud")).containsExactly(v1, v2);
    assertThat(store.policyNames()).containsExactly("fraud");
    assertThat(store.latest("other")).isEmpty();
  }

  @Test
  void staleExpectedVersionIsAConflictAndStoresNothing() {
    put("fraud", OptionalLong.of(0));
    Store.PutResult r = store.putPolicy("fraud", DOC, "b".repeat(64), "bob", Optional.empty(),
        OptionalLong.of(0));
    assertThat(r).isEqualTo(new Store.PutResult.Conflict(0, 1));
    assertThat(store.versions("fraud")).hasSize(1);
  }

  @Test
  void concurrentEditorsNeverLoseAnUpdate() throws Exception {
    int editors = 8;
    int eachWrites = 10;
    ExecutorService pool = Executors.newFixedThreadPool(editors);
    try {
      List<Future<Integer>> conflicts = new ArrayList<>();
      for (int e = 0; e < editors; e++) {
        String who = "editor" + e;
        conflicts.add(pool.submit(() -> {
          int conflicted = 0;
          int written = 0;
          while (written < eachWrites) {
            long latest = store.latest("shared").map(PolicyVersion::version).orElse(0L);
            Store.PutResult r = store.putPolicy("shared", DOC, "c".repeat(64), who, Optional.empty(),
                OptionalLong.of(latest));
            if (r instanceof Store.PutResult.Created) {
              written++;
            } else {
              conflicted++;
            }
          }
          return conflicted;
        }));
      }
      for (Future<Integer> f : conflicts) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<PolicyVersion> versions = store.versions("shared");
    assertThat(versions).hasSize(editors * eachWrites);
    for (int i = 0; i < versions.size(); i++) {
      assertThat(versions.get(i).version()).isEqualTo(i + 1);
    }
  }

  @Test
  void activationIsRecordedAndExactlyOneVersionIsActive() {
    put("fraud", OptionalLong.empty());
    put("fraud", OptionalLong.empty());
    assertThat(store.activeVersion("fraud")).isEmpty();
    Store.ActivateResult a = store.activate("fraud", 2, PolicyEvent.Kind.ACTIVATE, "alice", "launch");
    assertThat(a).isInstanceOf(Store.ActivateResult.Activated.class);
    Store.ActivateResult b = store.activate("fraud", 1, PolicyEvent.Kind.ROLLBACK, "bob",
        "precision dropped");
    PolicyEvent rollback = ((Store.ActivateResult.Activated) b).event();
    assertThat(rollback.previous()).hasValue(2);
    assertThat(store.activeVersion("fraud")).hasValue(1);
    assertThat(store.events("fraud")).extracting(PolicyEvent::kind, PolicyEvent::version,
        PolicyEvent::by, PolicyEvent::reason).containsExactly(
        org.assertj.core.groups.Tuple.tuple(PolicyEvent.Kind.ACTIVATE, 2L, "alice", "launch"),
        org.assertj.core.groups.Tuple.tuple(PolicyEvent.Kind.ROLLBACK, 1L, "bob",
            "precision dropped"));
    assertThat(store.activate("fraud", 3, PolicyEvent.Kind.ACTIVATE, "x", "y"))
        .isEqualTo(new Store.ActivateResult.UnknownVersion(2));
  }

  @Test
  void activatingTheActiveVersionRecordsNothingAndNamesTheEventThatMadeItActive() {
    put("fraud", OptionalLong.empty());
    put("fraud", OptionalLong.empty());
    PolicyEvent launch = ((Store.ActivateResult.Activated) store.activate("fraud", 2,
        PolicyEvent.Kind.ACTIVATE, "alice", "launch")).event();
    assertThat(store.activate("fraud", 2, PolicyEvent.Kind.ROLLBACK, "bob", "again"))
        .isEqualTo(new Store.ActivateResult.AlreadyActive(launch));
    assertThat(store.activate("fraud", 2, PolicyEvent.Kind.ACTIVATE, "bob", "again"))
        .isEqualTo(new Store.ActivateResult.AlreadyActive(launch));
    assertThat(store.events("fraud")).containsExactly(launch);
    assertThat(store.activeVersion("fraud")).hasValue(2);
  }

  @Test
  void concurrentActivationsLeaveOneActiveVersionAndEveryEvent() throws Exception {
    for (int i = 0; i < 5; i++) {
      put("fraud", OptionalLong.empty());
    }
    ExecutorService pool = Executors.newFixedThreadPool(5);
    java.util.concurrent.atomic.AtomicInteger activated = new java.util.concurrent.atomic.AtomicInteger();
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int v = 1; v <= 5; v++) {
        long version = v;
        done.add(pool.submit(() -> {
          for (int k = 0; k < 10; k++) {
            if (store.activate("fraud", version, PolicyEvent.Kind.ACTIVATE, "u" + version, "race")
                instanceof Store.ActivateResult.Activated) {
              activated.incrementAndGet();
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    List<PolicyEvent> events = store.events("fraud");
    // An activation of the version already active records nothing; every other one is an event.
    assertThat(events).hasSize(activated.get()).hasSizeGreaterThanOrEqualTo(5);
    // Each event's "previous" is the version the one before it made active: no interleaving.
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).previous()).hasValue(events.get(i - 1).version());
      assertThat(events.get(i).version()).isNotEqualTo(events.get(i - 1).version());
    }
    assertThat(store.activeVersion("fraud")).hasValue(events.get(events.size() - 1).version());
  }

  static DecisionRecord decision(String id, long atMillis) {
    return new DecisionRecord(id, Instant.ofEpochMilli(atMillis), "fraud", 1, "eu", 1, "review",
        Optional.of("eu-analysts"), OptionalDouble.of(0.62), 0.7, "matched", List.of("tier"),
        "{\"jurisdiction\":\"EU\"}");
  }

  @Test
  void decisionsAreAppendedAndReadBack() {
    DecisionRecord a = decision("d1", 1000);
    DecisionRecord b = new DecisionRecord("d2", Instant.ofEpochMilli(2000), "fraud", 1, "default", 2,
        "allow", Optional.empty(), OptionalDouble.empty(), 0.01, "default", List.of(), "{}");
    store.appendDecisions(List.of(a, b));
    assertThat(store.decision("d1")).contains(a);
    assertThat(store.decision("d2")).contains(b);
    assertThat(store.decision("d3")).isEmpty();
    assertThat(store.decisionCount()).isEqualTo(2);
  }

  @Test
  void labelsAreIdempotentByDecisionId() {
    store.appendDecisions(List.of(decision("d1", 1000), decision("d2", 2000)));
    Instant at = Instant.ofEpochMilli(5000);
    assertThat(store.putLabels(List.of(new Label("d1", true, at, "ops"),
        new Label("d1", true, at, "ops"), new Label("d2", false, at, "ops"),
        new Label("d2", true, at, "ops"), new Label("nope", true, at, "ops"))))
        .containsExactly(Label.Outcome.STORED, Label.Outcome.DUPLICATE, Label.Outcome.STORED,
            Label.Outcome.CONFLICT, Label.Outcome.UNKNOWN_DECISION);
    assertThat(store.label("d2").map(Label::positive)).contains(false);
  }

  @Test
  void scanReturnsTheWindowWithLabels() {
    store.appendDecisions(List.of(decision("d1", 1000), decision("d2", 2000), decision("d3", 3000)));
    store.putLabels(List.of(new Label("d2", true, Instant.ofEpochMilli(9000), "ops")));
    List<Store.LabelledDecision> seen = new ArrayList<>();
    store.scanDecisions("fraud", Instant.ofEpochMilli(1500), Instant.ofEpochMilli(3000), seen::add);
    assertThat(seen).extracting(l -> l.decision().id()).containsExactly("d2");
    assertThat(seen.get(0).label()).contains(true);
  }

  @Test
  void labelsBeyondOneLookupChunkKeepTheirOrderAndOutcomes() {
    List<DecisionRecord> batch = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      batch.add(inBatch("big", i, 5000));
    }
    store.appendDecisions(batch);
    Instant at = Instant.ofEpochMilli(6000);
    store.putLabels(List.of(new Label("big.1100", false, at, "ops")));
    List<Label> labels = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      labels.add(new Label("big." + i, i % 2 == 0, at, "ops"));
    }
    labels.add(new Label("big.3", true, at, "ops"));
    labels.add(new Label("big.1201", true, at, "ops"));
    labels.add(new Label("big", true, at, "ops"));
    List<Label.Outcome> outcomes = store.putLabels(labels);
    assertThat(outcomes).hasSize(1203);
    assertThat(outcomes.subList(0, 1100)).containsOnly(Label.Outcome.STORED);
    assertThat(outcomes.get(1100)).isEqualTo(Label.Outcome.CONFLICT);
    assertThat(outcomes.subList(1101, 1200)).containsOnly(Label.Outcome.STORED);
    assertThat(outcomes.subList(1200, 1203)).containsExactly(Label.Outcome.CONFLICT,
        Label.Outcome.UNKNOWN_DECISION, Label.Outcome.UNKNOWN_DECISION);
    assertThat(store.putLabels(labels.subList(0, 1200)))
        .containsOnly(Label.Outcome.DUPLICATE, Label.Outcome.CONFLICT);
  }

  @Test
  void scanMatchesEachGroupsLabelsAcrossBatchesAndSingles() {
    List<DecisionRecord> all = new ArrayList<>();
    for (int g = 0; g < 30; g++) {
      for (int i = 0; i < 20; i++) {
        all.add(inBatch("b" + g, i, 1000 + g / 3));
      }
      all.add(decision("s" + g, 1000 + g / 3));
    }
    store.appendDecisions(all);
    List<Label> labels = new ArrayList<>();
    for (DecisionRecord d : all) {
      if (d.id().hashCode() % 3 == 0) {
        labels.add(new Label(d.id(), d.id().hashCode() % 2 == 0, Instant.ofEpochMilli(9000), "ops"));
      }
    }
    store.putLabels(labels);
    java.util.Map<String, Boolean> expected = new java.util.HashMap<>();
    labels.forEach(l -> expected.put(l.decisionId(), l.positive()));
    List<Store.LabelledDecision> seen = new ArrayList<>();
    store.scanDecisions("fraud", Instant.ofEpochMilli(0), Instant.ofEpochMilli(10_000), seen::add);
    assertThat(seen).hasSize(all.size());
    for (Store.LabelledDecision l : seen) {
      assertThat(l.label()).as(l.decision().id())
          .isEqualTo(java.util.Optional.ofNullable(expected.get(l.decision().id())));
    }
  }

  @Test
  void everythingSurvivesAReopen() throws Exception {
    put("fraud", OptionalLong.empty());
    store.activate("fraud", 1, PolicyEvent.Kind.ACTIVATE, "alice", "go");
    store.appendDecisions(List.of(decision("d1", 1000)));
    store.close();
    store = reopen();
    assertThat(store.activeVersion("fraud")).hasValue(1);
    assertThat(store.decision("d1")).isPresent();
  }

  static DecisionRecord inBatch(String group, int i, long atMillis) {
    return new DecisionRecord(group + "." + i, Instant.ofEpochMilli(atMillis), "fraud", 2, "eu", i % 3,
        i % 2 == 0 ? "review" : "allow", Optional.empty(), OptionalDouble.empty(), i / 1000.0,
        "default", List.of("tier", "amount"), "{\"n\":" + i + "}");
  }

  @Test
  void aBatchIsStoredAsOneGroupAndEachDecisionIsFoundByItsId() {
    List<DecisionRecord> batch = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      batch.add(inBatch("g1", i, 5000));
    }
    DecisionRecord single = decision("s1", 5000);
    List<DecisionRecord> all = new ArrayList<>(batch);
    all.add(single);
    store.appendDecisions(all);
    assertThat(store.decisionCount()).isEqualTo(1001);
    assertThat(store.decision("g1.0")).contains(batch.get(0));
    assertThat(store.decision("g1.999")).contains(batch.get(999));
    assertThat(store.decision("g1.1000")).isEmpty();
    assertThat(store.decision("g1")).isEmpty();
    assertThat(store.decision("s1.0")).isEmpty();
    assertThat(store.decision("g1.x")).isEmpty();
    assertThat(store.putLabels(List.of(new Label("g1.7", true, Instant.ofEpochMilli(6000), "ops"),
        new Label("g1.1000", true, Instant.ofEpochMilli(6000), "ops"))))
        .containsExactly(Label.Outcome.STORED, Label.Outcome.UNKNOWN_DECISION);
    List<Store.LabelledDecision> seen = new ArrayList<>();
    store.scanDecisions("fraud", Instant.ofEpochMilli(0), Instant.ofEpochMilli(10_000), seen::add);
    assertThat(seen).hasSize(1001);
    assertThat(seen.stream().filter(l -> l.label().isPresent()).map(l -> l.decision().id()))
        .containsExactly("g1.7");
  }

  @Test
  void aGroupWhoseDecisionsDisagreeIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.appendDecisions(List.of(
        inBatch("g2", 0, 1000), inBatch("g2", 2, 1000))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("g2.2");
    assertThat(store.decisionCount()).isZero();
  }

  private static RequestKey key(String principal, String key, String decisionId) {
    return new RequestKey(principal, key, "fp-" + key, decisionId, Instant.ofEpochMilli(1000));
  }

  @Test
  void requestKeysAreStoredWithTheirDecisionsAndFoundByPrincipal() {
    DecisionGroup a = DecisionGroup.of(List.of(decision("a1", 1000)))
        .withKeys(List.of(key("checkout", "k1", "a1")));
    DecisionGroup b = DecisionGroup.of(List.of(decision("b1", 1000)))
        .withKeys(List.of(key("payouts", "k1", "b1")));
    assertThat(store.appendGroups(List.of(a, b))).isEmpty();
    assertThat(store.requestKeys("checkout", List.of("k1", "k2")))
        .containsOnlyKeys("k1").containsValue(key("checkout", "k1", "a1"));
    assertThat(store.requestKeys("payouts", List.of("k1")).get("k1").decisionId()).isEqualTo("b1");
    assertThat(store.requestKeys("nobody", List.of("k1"))).isEmpty();
    assertThat(store.requestKeys("checkout", List.of())).isEmpty();
    assertThat(store.group("a1")).containsExactly(decision("a1", 1000));
    assertThat(store.group("missing")).isEmpty();
  }

  @Test
  void aGroupWhoseKeyIsTakenIsLeftOutWithAllItsKeys() {
    store.appendGroups(List.of(DecisionGroup.of(List.of(decision("first", 1000)))
        .withKeys(List.of(key("p", "taken", "first")))));
    DecisionGroup loser = DecisionGroup.of(List.of(decision("second", 1000)))
        .withKeys(List.of(key("p", "fresh", "second"), key("p", "taken", "second")));
    DecisionGroup winner = DecisionGroup.of(List.of(decision("third", 1000)))
        .withKeys(List.of(key("p", "other", "third")));
    // Two requests with one key in the same commit: the first is stored, the second left out.
    DecisionGroup twin = DecisionGroup.of(List.of(decision("fourth", 1000)))
        .withKeys(List.of(key("p", "other", "fourth")));
    assertThat(store.appendGroups(List.of(loser, winner, twin)))
        .containsExactlyInAnyOrder("second", "fourth");
    assertThat(store.decision("second")).isEmpty();
    assertThat(store.decision("third")).isPresent();
    assertThat(store.decision("fourth")).isEmpty();
    assertThat(store.requestKeys("p", List.of("taken", "fresh", "other")))
        .extractingFromEntries(e -> e.getKey() + "=" + e.getValue().decisionId())
        .containsExactlyInAnyOrder("taken=first", "other=third");
  }

  @Test
  void requestKeysOlderThanTheRetentionAreForgottenAndTheirDecisionsStay() {
    store.appendGroups(List.of(DecisionGroup.of(List.of(decision("old", 1000)))
        .withKeys(List.of(new RequestKey("p", "old", "fp", "old", Instant.ofEpochMilli(1000)))),
        DecisionGroup.of(List.of(decision("new", 5000)))
        .withKeys(List.of(new RequestKey("p", "new", "fp", "new", Instant.ofEpochMilli(5000))))));
    assertThat(store.forgetRequestKeys(Instant.ofEpochMilli(3000))).isEqualTo(1);
    assertThat(store.requestKeys("p", List.of("old", "new"))).containsOnlyKeys("new");
    assertThat(store.decision("old")).isPresent();
  }

  @Test
  void lookupsAndScansGiveTheSameAnswersAcrossADayBoundary() {
    long lastMs = Instant.parse("2026-12-01T23:59:59.999Z").toEpochMilli();
    long firstMs = lastMs + 1;
    String a = Uuid7.next(lastMs);
    String b = Uuid7.next(firstMs);
    // An id that names no time (looked for everywhere), and one that names a time an hour from its
    // decision's, in the day before (looked for within a day of it).
    String legacy = "legacy-1";
    String skewed = Uuid7.next(lastMs - 3_600_000L);
    List<DecisionRecord> batch = List.of(inBatch(b, 0, firstMs), inBatch(b, 1, firstMs),
        inBatch(b, 2, firstMs));
    List<DecisionRecord> all = new ArrayList<>(List.of(decision(a, lastMs)));
    all.addAll(batch);
    all.add(decision(legacy, firstMs));
    all.add(decision(skewed, firstMs));
    store.appendDecisions(all);
    for (DecisionRecord d : all) {
      assertThat(store.decision(d.id())).contains(d);
    }
    assertThat(store.group(b)).isEqualTo(batch);
    assertThat(store.decision(Uuid7.next(firstMs))).isEmpty();
    Instant at = Instant.ofEpochMilli(firstMs + 5000);
    assertThat(store.putLabels(List.of(new Label(a, true, at, "ops"),
        new Label(b + ".1", false, at, "ops"), new Label(legacy, true, at, "ops"),
        new Label(skewed, false, at, "ops"), new Label(b + ".3", true, at, "ops"))))
        .containsExactly(Label.Outcome.STORED, Label.Outcome.STORED, Label.Outcome.STORED,
            Label.Outcome.STORED, Label.Outcome.UNKNOWN_DECISION);
    assertThat(store.putLabels(List.of(new Label(a, false, at, "ops"),
        new Label(skewed, false, at, "ops"))))
        .containsExactly(Label.Outcome.CONFLICT, Label.Outcome.DUPLICATE);
    assertThat(store.label(skewed).map(Label::positive)).contains(false);
    assertThat(store.label(b + ".1").map(Label::positive)).contains(false);
    List<Store.LabelledDecision> seen = new ArrayList<>();
    store.scanDecisions("fraud", Instant.ofEpochMilli(lastMs), Instant.ofEpochMilli(firstMs + 1),
        seen::add);
    assertThat(seen).extracting(l -> l.decision().id()).containsExactlyInAnyOrder(a, b + ".0",
        b + ".1", b + ".2", legacy, skewed);
    assertThat(seen.get(0).decision().id()).isEqualTo(a);
    assertThat(seen).filteredOn(l -> l.label().isPresent())
        .extracting(l -> l.decision().id() + "=" + l.label().orElseThrow())
        .containsExactlyInAnyOrder(a + "=true", b + ".1=false", legacy + "=true",
            skewed + "=false");
    List<Store.LabelledDecision> nextDay = new ArrayList<>();
    store.scanDecisions("fraud", Instant.ofEpochMilli(firstMs), Instant.ofEpochMilli(firstMs + 1),
        nextDay::add);
    assertThat(nextDay).hasSize(5);
    assertThat(store.maintainAuditLog(Instant.ofEpochMilli(firstMs), Optional.empty())).isEmpty();
    assertThat(store.decisionCount()).isEqualTo(6);
  }

  @Test
  void aDecisionWhoseIdNamesATimeMoreThanADayFromItsOwnIsRefused() {
    long at = Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();
    String id = Uuid7.next(at - 86_400_001L);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.appendDecisions(List.of(
        decision(id, at)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(id).hasMessageContaining("more than a day");
    assertThat(store.decisionCount()).isZero();
    store.appendDecisions(List.of(decision(Uuid7.next(at - 86_400_000L), at)));
    assertThat(store.decisionCount()).isEqualTo(1);
  }

  @Test
  void retentionDropsTheDaysPastItWithTheirLabelsAndKeepsTheWindowAcrossARestart() throws Exception {
    java.time.LocalDate first = java.time.LocalDate.parse("2026-12-01");
    List<String> ids = new ArrayList<>();
    for (int d = 0; d < 4; d++) {
      long at = first.plusDays(d).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli()
          + 86_399_999L;
      String id = Uuid7.next(at);
      store.appendDecisions(List.of(decision(id, at)));
      assertThat(store.putLabels(List.of(new Label(id, true, Instant.ofEpochMilli(at), "ops"))))
          .containsExactly(Label.Outcome.STORED);
      ids.add(id);
    }
    // Now 12-05 12:00, two days kept: 12-01 and 12-02 ended at or before 12-03 12:00.
    Instant now = Instant.parse("2026-12-05T12:00:00Z");
    assertThat(store.maintainAuditLog(now, Optional.of(java.time.Duration.ofDays(2))))
        .containsExactly(first, first.plusDays(1));
    store.close();
    store = reopen();
    assertThat(store.maintainAuditLog(now, Optional.of(java.time.Duration.ofDays(2)))).isEmpty();
    assertThat(store.decision(ids.get(0))).isEmpty();
    assertThat(store.label(ids.get(1))).isEmpty();
    assertThat(store.putLabels(List.of(new Label(ids.get(1), false, now, "ops"))))
        .containsExactly(Label.Outcome.UNKNOWN_DECISION);
    assertThat(store.decision(ids.get(2))).isPresent();
    assertThat(store.label(ids.get(3)).map(Label::positive)).contains(true);
    assertThat(store.decisionCount()).isEqualTo(2);
    List<Store.LabelledDecision> seen = new ArrayList<>();
    store.scanDecisions("fraud", Instant.EPOCH, now, seen::add);
    assertThat(seen).extracting(l -> l.decision().id()).containsExactly(ids.get(2), ids.get(3));
  }
}
