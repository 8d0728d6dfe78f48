package dev.setpoint.train.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.train.model.Model.LogisticRegression;
import dev.setpoint.train.model.Model.MultilayerPerceptron;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DenseNetworkTest {

  /**
   * Checks ∂loss/∂θ_k from forward + loss + backward against the central difference
   * {@code (L(θ + h e_k) − L(θ − h e_k)) / 2h} for every parameter k, on a batch that addresses the
   * rows of a larger matrix out of order. ReLU is piecewise linear and the loss smooth, so the
   * difference is exact up to O(h²) and rounding; the seeded data keeps every pre-activation far from
   * the kink at 0 (checked: the test fails if it were not).
   */
  private static void backwardMatchesCentralDifferences(List<Integer> hidden, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int d = 3;
    DenseNetwork network = new DenseNetwork(d, hidden);
    double[] theta = new double[network.parameterCount()];
    network.initialize(theta, random.split());
    boolean[] weights = network.weightMask();
    for (int k = 0; k < theta.length; k++) {
      if (!weights[k]) {
        theta[k] = random.nextDouble(0.1, 0.5); // biases away from 0, so they are checked too
      } else if (hidden.isEmpty()) {
        theta[k] = random.nextDouble(-1, 1);
      }
    }
    double[] x = new double[12 * d];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble(-2, 2);
    }
    int[] rows = {6, 1, 4, 4, 0, 11, 9, 2, 7, 3};
    boolean[] labels = {true, false, true, false, false, true, true, false, false, true};
    int count = rows.length;
    Network.Scratch scratch = network.scratch(count);
    double[] z = new double[count];
    double[] dz = new double[count];
    network.forward(theta, x, rows, 0, count, z, scratch);
    crossEntropy(z, labels, count, dz);
    double[] analytic = new double[theta.length];
    network.backward(theta, x, rows, 0, count, dz, scratch, analytic);

    int nonZero = 0;
    for (int k = 0; k < theta.length; k++) {
      double h = 1e-6;
      double keep = theta[k];
      theta[k] = keep + h;
      network.forward(theta, x, rows, 0, count, z, scratch);
      double up = crossEntropy(z, labels, count, dz);
      theta[k] = keep - h;
      network.forward(theta, x, rows, 0, count, z, scratch);
      double down = crossEntropy(z, labels, count, dz);
      theta[k] = keep;
      double numeric = (up - down) / (2 * h);
      double error = Math.abs(analytic[k] - numeric) / Math.max(Math.abs(analytic[k]) + Math.abs(numeric), 1e-3);
      assertThat(error).as("hidden %s, parameter %d of %d: analytic %s, numeric %s", hidden, k,
          theta.length, analytic[k], numeric).isLessThan(1e-6);
      if (analytic[k] != 0) {
        nonZero++;
      }
    }
    // Most parameters must have a gradient, or the check proves little (dead units give exact zeros).
    assertThat(nonZero).as("parameters with a non-zero gradient").isGreaterThan(theta.length * 3 / 4);
  }

  /** Mean binary cross-entropy of the logits; writes {@code ∂loss/∂z_i} into {@code dz}. */
  private static double crossEntropy(double[] z, boolean[] labels, int count, double[] dz) {
    double sum = 0;
    for (int i = 0; i < count; i++) {
      sum += labels[i] ? Logistic.softplus(-z[i]) : Logistic.softplus(z[i]);
      dz[i] = (labels[i] ? -Logistic.sigmoid(-z[i]) : Logistic.sigmoid(z[i])) / count;
    }
    return sum / count;
  }

  @Test
  void theBackwardPassOfOneHiddenLayerMatchesCentralDifferencesForEveryParameter() {
    backwardMatchesCentralDifferences(List.of(5), 1);
    backwardMatchesCentralDifferences(List.of(1), 2);
  }

  @Test
  void theBackwardPassOfTwoHiddenLayersMatchesCentralDifferencesForEveryParameter() {
    backwardMatchesCentralDifferences(List.of(5, 4), 3);
    backwardMatchesCentralDifferences(List.of(2, 6), 4);
  }

  @Test
  void theBackwardPassOfLogisticRegressionMatchesCentralDifferencesForEveryParameter() {
    backwardMatchesCentralDifferences(List.of(), 5);
  }

  @Test
  void theForwardPassComputesReluLayersByHand() {
    // 2 inputs, hidden [2], output: W1 = [[1, -1], [2, 0.5]], b1 = [0, -10], w = [3, 7], b = 0.25.
    DenseNetwork network = new DenseNetwork(2, List.of(2));
    double[] theta = {1, -1, 2, 0.5, 0, -10, 3, 7, 0.25};
    double[] z = new double[2];
    network.forward(theta, new double[] {2, 0.5, -1, 4}, new int[] {0, 1}, 0, 2, z,
        network.scratch(2));
    // Row (2, 0.5): a = (1.5, -5.75) → h = (1.5, 0) → z = 4.5 + 0.25. Row (-1, 4): a = (-5, -10) → z = b.
    assertThat(z).containsExactly(4.75, 0.25);
  }

  @Test
  void heInitialisationDrawsWeightsWithVarianceTwoOverFanInAndZeroBiases() {
    DenseNetwork network = new DenseNetwork(200, List.of(100, 50));
    double[] theta = new double[network.parameterCount()];
    network.initialize(theta, new SplittableRandom(8));
    for (int l = 0; l < network.layers(); l++) {
      int from = network.weightOffset(l);
      int to = network.biasOffset(l);
      double sum = 0;
      double squares = 0;
      for (int k = from; k < to; k++) {
        sum += theta[k];
        squares += theta[k] * theta[k];
      }
      int n = to - from;
      double expected = 2.0 / network.inputs(l);
      assertThat(Math.abs(sum / n)).as("layer %d mean", l).isLessThan(4 * Math.sqrt(expected / n));
      // The variance's standard error is expected·√(2/n): 1.4 % for 20,000 weights, 4.5 % for 50.
      assertThat(squares / n).as("layer %d variance", l)
          .isBetween(expected * (1 - 5 * Math.sqrt(2.0 / n)), expected * (1 + 5 * Math.sqrt(2.0 / n)));
      for (int k = to; k < to + network.units(l); k++) {
        assertThat(theta[k]).as("bias %d", k).isZero();
      }
    }
    double[] again = new double[theta.length];
    network.initialize(again, new SplittableRandom(8));
    assertThat(again).isEqualTo(theta);
    network.initialize(again, new SplittableRandom(9));
    assertThat(again).isNotEqualTo(theta);
  }

  @Test
  void logisticRegressionStartsAtZero() {
    DenseNetwork network = new DenseNetwork(4, List.of());
    double[] theta = {1, 2, 3, 4, 5};
    network.initialize(theta, new SplittableRandom(1));
    assertThat(theta).containsOnly(0.0);
    assertThat(network.weightMask()).containsExactly(true, true, true, true, false);
  }

  @Test
  void theParameterVectorIsLaidOutLayerByLayerWeightsThenBiases() {
    DenseNetwork network = new DenseNetwork(3, List.of(4, 2));
    assertThat(network.parameterCount()).isEqualTo(3 * 4 + 4 + 4 * 2 + 2 + 2 + 1);
    assertThat(network.weightOffset(1)).isEqualTo(16);
    assertThat(network.biasOffset(2)).isEqualTo(16 + 10 + 2);
    double[] theta = new double[network.parameterCount()];
    theta[theta.length - 1] = 0.5;
    Model model = network.model(theta);
    assertThat(model).isInstanceOf(MultilayerPerceptron.class);
    assertThat(model.parameterVector()).isEqualTo(theta);
    assertThat(new DenseNetwork(2, List.of()).model(new double[] {1, 2, 3}))
        .isEqualTo(new LogisticRegression(new double[] {1, 2}, 3));
  }

  @Test
  void aBadShapeIsRefusedNamingTheValue() {
    assertThatThrownBy(() -> new DenseNetwork(0, List.of()))
        .hasMessage("a network needs at least one feature, was 0");
    assertThatThrownBy(() -> new DenseNetwork(3, List.of(4, 0)))
        .hasMessage("hidden layer 2 must have at least one unit, was 0");
    assertThatThrownBy(() -> new MultilayerPerceptron(3, List.of(2), new double[3]))
        .hasMessage("a perceptron of 3 features and hidden layers [2] has 11 parameters, was given 3");
  }
}
