package dev.setpoint.server.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.curve.Curve;
import dev.setpoint.server.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The explorer's memory: who sees which data set, and what goes when room is needed. */
class DatasetsTest {

  private final TestClock clock = new TestClock();

  private static Dataset upload(String id, String owner, long rows) {
    return dataset(id, Optional.of(owner), rows);
  }

  private static Dataset example(String id, long rows) {
    return dataset(id, Optional.empty(), rows);
  }

  private static Dataset dataset(String id, Optional<String> owner, long rows) {
    Curve curve = Curve.of(new double[] {0.5}, new boolean[] {true});
    return new Dataset(id, id + ".csv", owner, "0".repeat(64), "CSV", Map.of(), rows, rows,
        Map.of(), List.of(), curve, Map.of(), Map.of(), Instant.EPOCH);
  }

  /** Global bounds, quotas per identity, an hour of idle expiry. */
  private Datasets datasets(int maxDatasets, long maxRows, int quotaDatasets, long quotaRows) {
    return new Datasets(new Explorer.Limits(maxDatasets, maxRows, 1, quotaDatasets, quotaRows,
        Duration.ofHours(1)), clock);
  }

  private static List<String> evicted(Datasets.Admission a) {
    assertThat(a).isInstanceOf(Datasets.Admission.Admitted.class);
    return ((Datasets.Admission.Admitted) a).evicted();
  }

  private static List<String> ids(List<Dataset> list) {
    return list.stream().map(Dataset::id).toList();
  }

  @Test
  void theLeastRecentlyUsedGoFirstWhenTheCountBoundIsReached() {
    Datasets datasets = datasets(2, 1_000, 2, 1_000);
    datasets.add(upload("a", "alice", 1), "alice");
    datasets.add(upload("b", "alice", 1), "alice");
    datasets.get("a", "alice"); // a is now more recent than b
    assertThat(evicted(datasets.add(upload("c", "alice", 1), "alice"))).containsExactly("b");
    assertThat(ids(datasets.visibleTo("alice"))).containsExactly("c", "a");
  }

  @Test
  void asManyAsNeededGoWhenTheRowBoundIsReached() {
    Datasets datasets = datasets(10, 100, 10, 100);
    datasets.add(upload("a", "alice", 40), "alice");
    datasets.add(upload("b", "alice", 40), "alice");
    datasets.add(upload("c", "alice", 10), "alice");
    // 90 more rows fit once a and b are gone (10 + 90 = 100); c stays.
    assertThat(evicted(datasets.add(upload("d", "alice", 90), "alice"))).containsExactly("a", "b");
    assertThat(ids(datasets.visibleTo("alice"))).containsExactly("d", "c");
  }

  @Test
  void loadingTheSameDataSetAgainReplacesItWithoutCountingItTwice() {
    Datasets datasets = datasets(2, 100, 2, 100);
    datasets.add(upload("a", "alice", 60), "alice");
    assertThat(evicted(datasets.add(upload("a", "alice", 60), "alice"))).isEmpty();
    assertThat(evicted(datasets.add(upload("b", "alice", 40), "alice"))).isEmpty();
    assertThat(ids(datasets.visibleTo("alice"))).containsExactly("b", "a");
  }

  @Test
  void anIdentitySeesItsOwnUploadsAndTheExamplesOnly() {
    Datasets datasets = datasets(8, 1_000, 4, 1_000);
    datasets.add(upload("a", "alice", 1), "alice");
    datasets.add(upload("b", "bob", 1), "bob");
    datasets.add(example("ex", 1), "bob");
    assertThat(ids(datasets.visibleTo("alice"))).containsExactly("ex", "a");
    assertThat(ids(datasets.visibleTo("bob"))).containsExactly("ex", "b");
    assertThat(datasets.get("b", "alice")).isEmpty();
    assertThat(datasets.get("a", "bob")).isEmpty();
    assertThat(datasets.get("ex", "alice")).isPresent();
    assertThat(datasets.get("a", "alice")).isPresent();
  }

  @Test
  void aLookupBySomeoneWhoMayNotSeeADataSetIsNoUseOfIt() {
    Datasets datasets = datasets(8, 1_000, 2, 1_000);
    datasets.add(upload("a1", "alice", 1), "alice");
    datasets.add(upload("a2", "alice", 1), "alice");
    datasets.get("a1", "bob"); // refused: must not make a1 more recent than a2
    assertThat(evicted(datasets.add(upload("a3", "alice", 1), "alice"))).containsExactly("a1");
  }

  @Test
  void anUploadBeyondItsOwnersCountQuotaDropsOnlyThatOwnersLeastRecentlyUsed() {
    Datasets datasets = datasets(8, 1_000, 2, 1_000);
    datasets.add(upload("b1", "bob", 1), "bob"); // older than all of alice's
    datasets.add(upload("a1", "alice", 1), "alice");
    datasets.add(upload("a2", "alice", 1), "alice");
    assertThat(evicted(datasets.add(upload("a3", "alice", 1), "alice"))).containsExactly("a1");
    assertThat(ids(datasets.visibleTo("alice"))).containsExactly("a3", "a2");
    assertThat(ids(datasets.visibleTo("bob"))).containsExactly("b1");
  }

  @Test
  void anUploadBeyondItsOwnersRowQuotaDropsAsManyOfThatOwnersAsNeeded() {
    Datasets datasets = datasets(8, 1_000, 4, 100);
    datasets.add(upload("a1", "alice", 40), "alice");
    datasets.add(upload("b1", "bob", 90), "bob");
    datasets.add(upload("a2", "alice", 40), "alice");
    datasets.add(upload("a3", "alice", 20), "alice");
    // 70 more rows fit alice's 100 once a1 and a2 are gone (20 + 70); bob's 90 are not hers.
    assertThat(evicted(datasets.add(upload("a4", "alice", 70), "alice")))
        .containsExactly("a1", "a2");
    assertThat(ids(datasets.visibleTo("alice"))).containsExactly("a4", "a3");
    assertThat(ids(datasets.visibleTo("bob"))).containsExactly("b1");
  }

  @Test
  void examplesCountAgainstNoQuotaButAgainstTheGlobalBound() {
    Datasets datasets = datasets(3, 1_000, 1, 1_000);
    datasets.add(upload("a1", "alice", 1), "alice");
    assertThat(evicted(datasets.add(example("ex1", 1), "alice"))).isEmpty();
    assertThat(evicted(datasets.add(example("ex2", 1), "alice"))).isEmpty();
    assertThat(ids(datasets.visibleTo("alice"))).containsExactly("ex2", "ex1", "a1");
    // A fourth data set: the global bound of 3 drops the least recently used alice may see.
    assertThat(evicted(datasets.add(example("ex3", 1), "alice"))).containsExactly("a1");
  }

  @Test
  void aFullServerDropsTheCallersOwnAndExamplesButNeverAnotherIdentitysData() {
    Datasets datasets = datasets(4, 1_000, 4, 1_000);
    datasets.add(upload("a1", "alice", 1), "alice");
    datasets.add(upload("a2", "alice", 1), "alice");
    datasets.add(example("ex", 1), "bob");
    datasets.add(upload("b1", "bob", 1), "bob");
    // Bob needs one slot: alice's two are older, but only the example and his own may go.
    assertThat(evicted(datasets.add(upload("b2", "bob", 1), "bob"))).containsExactly("ex");
    assertThat(evicted(datasets.add(upload("b3", "bob", 1), "bob"))).containsExactly("b1");
    assertThat(ids(datasets.visibleTo("alice"))).containsExactly("a2", "a1");
  }

  @Test
  void whenOnlyAnotherIdentitysDataCouldMakeRoomTheUploadIsRefusedAndNothingIsDropped() {
    Datasets datasets = datasets(5, 100, 3, 100);
    datasets.add(upload("a1", "alice", 30), "alice");
    datasets.add(upload("a2", "alice", 30), "alice");
    datasets.add(upload("b1", "bob", 10), "bob");
    datasets.add(example("ex", 10), "bob");
    // 50 rows for bob: dropping his b1 and the example frees 20 of the 30 he lacks.
    Datasets.Admission rows = datasets.add(upload("b2", "bob", 50), "bob");
    assertThat(rows).isInstanceOf(Datasets.Admission.Refused.class);
    assertThat(((Datasets.Admission.Refused) rows).reason()).isEqualTo("the explorer's memory is "
        + "full: b2.csv (50 rows) would exceed its bound of 100 rows in all, and the rest is other "
        + "users' data, which is never pushed out; try again later (a data set unused for 1 hour "
        + "is dropped), or ask the operator to raise --explorer-max-rows");
    assertThat(ids(datasets.visibleTo("bob"))).containsExactly("ex", "b1");
    assertThat(ids(datasets.visibleTo("alice"))).containsExactly("ex", "a2", "a1");

    Datasets count = datasets(2, 1_000, 2, 1_000);
    count.add(upload("a1", "alice", 1), "alice");
    count.add(upload("a2", "alice", 1), "alice");
    Datasets.Admission slots = count.add(upload("b1", "bob", 1), "bob");
    assertThat(((Datasets.Admission.Refused) slots).reason()).contains("its bound of 2 data sets")
        .endsWith("raise --explorer-max-datasets");
    assertThat(ids(count.visibleTo("alice"))).containsExactly("a2", "a1");
  }

  @Test
  void dataSetsUnusedForTheIdleExpiryAreDroppedAndAUseKeepsThem() {
    Datasets datasets = datasets(8, 1_000, 4, 1_000);
    datasets.add(upload("a1", "alice", 1), "alice");
    datasets.add(upload("b1", "bob", 1), "bob");
    datasets.add(example("ex", 1), "bob");
    clock.advance(Duration.ofMinutes(40));
    datasets.get("a1", "alice");
    clock.advance(Duration.ofMinutes(19));
    assertThat(ids(datasets.visibleTo("bob"))).containsExactly("ex", "b1");
    clock.advance(Duration.ofMinutes(1)); // an hour since b1 and ex were used; 20 minutes for a1
    assertThat(ids(datasets.visibleTo("bob"))).isEmpty();
    assertThat(datasets.get("ex", "alice")).isEmpty();
    assertThat(ids(datasets.visibleTo("alice"))).containsExactly("a1");
    clock.advance(Duration.ofMinutes(40));
    assertThat(datasets.get("a1", "alice")).isEmpty();
  }

  @Test
  void expiredDataSetsFreeRoomForAnUploadThatWouldOtherwiseBeRefused() {
    Datasets datasets = datasets(2, 1_000, 2, 1_000);
    datasets.add(upload("a1", "alice", 1), "alice");
    datasets.add(upload("a2", "alice", 1), "alice");
    assertThat(datasets.add(upload("b1", "bob", 1), "bob"))
        .isInstanceOf(Datasets.Admission.Refused.class);
    clock.advance(Duration.ofHours(1));
    // Alice's expired on their own: they were not evicted for bob, whose answer names none.
    assertThat(evicted(datasets.add(upload("b1", "bob", 1), "bob"))).isEmpty();
    assertThat(ids(datasets.visibleTo("alice"))).isEmpty();
  }

  @Test
  void anUploadIsAddedOnlyOnItsOwnersBehalf() {
    Datasets datasets = datasets(8, 1_000, 4, 1_000);
    assertThatThrownBy(() -> datasets.add(upload("a1", "alice", 1), "bob"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an upload of 'alice' added on behalf of 'bob'");
    assertThatThrownBy(() -> datasets.add(upload("a2", "alice", 1_001), "alice"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an upload of 1001 rows exceeds the quota of 1000 rows");
  }
}
