package dev.setpoint.train.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.train.model.Network;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShardedNetworkTest {

  private static final int D = 5;
  private static final Network NETWORK = Network.dense(D, List.of(7, 3));

  private final SplittableRandom random = new SplittableRandom(12);
  private final double[] theta = new double[NETWORK.parameterCount()];
  private final double[] x = new double[40 * D];
  private final int[] rows = new int[33];
  private final double[] dz = new double[rows.length];

  ShardedNetworkTest() {
    NETWORK.initialize(theta, random.split());
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble(-2, 2);
    }
    for (int k = 0; k < rows.length; k++) {
      rows[k] = random.nextInt(40);
      dz[k] = random.nextDouble(-0.1, 0.1);
    }
  }

  private double[] logits(int threads) {
    double[] z = new double[rows.length];
    try (ShardPool pool = new ShardPool(threads)) {
      new ShardedNetwork(NETWORK, pool, rows.length).forward(theta, x, rows, rows.length, z);
    }
    return z;
  }

  private double[] gradient(int threads) {
    double[] g = new double[theta.length];
    Arrays.fill(g, 99); // overwritten, not added to
    try (ShardPool pool = new ShardPool(threads)) {
      ShardedNetwork sharded = new ShardedNetwork(NETWORK, pool, rows.length);
      sharded.forward(theta, x, rows, rows.length, new double[rows.length]);
      sharded.gradient(theta, x, rows, rows.length, dz, g);
    }
    return g;
  }

  /** The backward pass over positions [from, to) alone, as one shard computes it. */
  private double[] partial(int from, int to) {
    Network.Scratch scratch = NETWORK.scratch(to - from);
    NETWORK.forward(theta, x, rows, from, to, new double[rows.length], scratch);
    double[] g = new double[theta.length];
    NETWORK.backward(theta, x, rows, from, to, dz, scratch, g);
    return g;
  }

  @Test
  void logitsAreTheSameBitsForEveryThreadCount() {
    double[] one = logits(1);
    for (int threads = 2; threads <= 5; threads++) {
      assertThat(logits(threads)).as("%d threads", threads).isEqualTo(one);
    }
    double[] validation = new double[rows.length];
    try (ShardPool pool = new ShardPool(3)) {
      // Capacity 2 per shard: the validation pass walks each shard in chunks.
      new ShardedNetwork(NETWORK, pool, 5).logits(theta, x, rows, rows.length, validation);
    }
    assertThat(validation).isEqualTo(one);
  }

  @Test
  void theGradientIsTheShardsPartialSumsAddedInShardOrder() {
    assertThat(gradient(1)).isEqualTo(partial(0, 33));
    // Two shards: [0, 16) and [16, 33).
    double[] first = partial(0, 16);
    double[] second = partial(16, 33);
    double[] expected = new double[theta.length];
    for (int k = 0; k < expected.length; k++) {
      expected[k] = first[k] + second[k];
    }
    assertThat(gradient(2)).isEqualTo(expected);
    // Three shards: [0, 11), [11, 22), [22, 33), added as (g0 + g1) + g2.
    double[] a = partial(0, 11);
    double[] b = partial(11, 22);
    double[] c = partial(22, 33);
    for (int k = 0; k < expected.length; k++) {
      expected[k] = (a[k] + b[k]) + c[k];
    }
    assertThat(gradient(3)).isEqualTo(expected);
  }

  @Test
  void otherThreadCountsGroupTheSumDifferentlyButAgreeToRounding() {
    double[] one = gradient(1);
    boolean anyBitDiffers = false;
    for (int threads = 2; threads <= 5; threads++) {
      double[] many = gradient(threads);
      anyBitDiffers |= !Arrays.equals(many, one);
      for (int k = 0; k < one.length; k++) {
        assertThat(many[k]).as("parameter %d, %d threads", k, threads)
            .isCloseTo(one[k], org.assertj.core.data.Offset.offset(1e-15 * (1 + Math.abs(one[k]))));
      }
    }
    assertThat(anyBitDiffers).as("some thread count rounds differently").isTrue();
  }

  @Test
  void aBatchSmallerThanTheThreadCountLeavesShardsEmpty() {
    double[] z = new double[2];
    try (ShardPool pool = new ShardPool(4)) {
      ShardedNetwork sharded = new ShardedNetwork(NETWORK, pool, 2);
      sharded.forward(theta, x, rows, 2, z);
      double[] g = new double[theta.length];
      sharded.gradient(theta, x, rows, 2, dz, g);
      assertThat(g).isEqualTo(partial(0, 2));
    }
    assertThat(z).isEqualTo(Arrays.copyOf(logits(1), 2));
  }

  @Test
  void aFailingShardIsRethrownAfterEveryShardHasFinished() {
    AtomicInteger finished = new AtomicInteger();
    IllegalStateException boom = new IllegalStateException("boom");
    try (ShardPool pool = new ShardPool(3)) {
      assertThatThrownBy(() -> pool.run(30, (s, from, to) -> {
        if (s == 1) {
          throw boom;
        }
        finished.incrementAndGet();
      })).isSameAs(boom);
      assertThat(finished).hasValue(2);
      // The pool still works after a failure.
      pool.run(30, (s, from, to) -> finished.addAndGet(to - from));
      assertThat(finished).hasValue(32);
    }
    assertThatThrownBy(() -> new ShardPool(0)).hasMessage("threads must be >= 1, was 0");
  }
}
