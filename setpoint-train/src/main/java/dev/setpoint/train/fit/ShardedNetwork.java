package dev.setpoint.train.fit;

import dev.setpoint.train.model.Network;
import java.util.Arrays;

/**
 * A network's passes over a batch, split into the {@link ShardPool}'s contiguous shards, with the
 * parameter gradient summed in a fixed order.
 *
 * <p>Determinism. Shard {@code s} computes the logits of its own positions (each logit depends on its
 * row only, so the logits are the same for every number of shards) and the partial gradient
 * {@code g_s = Σ_{k in shard s} dz_k·∂z_k/∂θ}, summed in increasing k into its own buffer; then
 * {@code g = ((g_0 + g_1) + g_2) + …} in shard order on the calling thread. The same seed and the same
 * number of threads therefore give bit-identical weights. A different number of threads groups the
 * same terms differently, and floating-point addition is not associative, so the weights then differ in
 * the last bits — and, over many steps, by more: not bit-identical, though the same in distribution.
 * With one thread, {@code g} is the plain sum in batch order.
 */
final class ShardedNetwork {

  private final Network network;
  private final ShardPool pool;
  private final Network.Scratch[] scratch;
  private final double[][] partial;

  /** @param batch the largest batch {@link #forward} and {@link #gradient} will see */
  ShardedNetwork(Network network, ShardPool pool, int batch) {
    this.network = network;
    this.pool = pool;
    int shards = pool.shards();
    int capacity = Math.max(1, (batch + shards - 1) / shards);
    scratch = new Network.Scratch[shards];
    partial = new double[shards][];
    for (int s = 0; s < shards; s++) {
      scratch[s] = network.scratch(capacity);
      // Shard 0 sums straight into the caller's gradient; the others into their own buffers.
      partial[s] = s == 0 ? null : new double[network.parameterCount()];
    }
  }

  /** The logits of batch positions {@code [0, count)}, keeping what {@link #gradient} needs. */
  void forward(double[] theta, double[] x, int[] rows, int count, double[] logits) {
    pool.run(count, (s, from, to) ->
        network.forward(theta, x, rows, from, to, logits, scratch[s]));
  }

  /**
   * Overwrites {@code gradient} with {@code Σ_k dz[k]·∂z_k/∂θ} over the batch of the last
   * {@link #forward}, summing the shards' partial gradients in shard order.
   */
  void gradient(double[] theta, double[] x, int[] rows, int count, double[] dz, double[] gradient) {
    pool.run(count, (s, from, to) -> {
      double[] g = s == 0 ? gradient : partial[s];
      Arrays.fill(g, 0);
      network.backward(theta, x, rows, from, to, dz, scratch[s], g);
    });
    for (int s = 1; s < partial.length; s++) {
      double[] g = partial[s];
      for (int k = 0; k < gradient.length; k++) {
        gradient[k] += g[k];
      }
    }
  }

  /** The logits of {@code count} positions, any number of them (validation, scoring), in parallel. */
  void logits(double[] theta, double[] x, int[] rows, int count, double[] logits) {
    pool.run(count, (s, from, to) -> {
      int capacity = scratch[s].capacity();
      for (int start = from; start < to; start += capacity) {
        network.forward(theta, x, rows, start, Math.min(to, start + capacity), logits, scratch[s]);
      }
    });
  }
}
