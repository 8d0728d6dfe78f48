package dev.setpoint.bench;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.train.data.FeatureCsv;
import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.data.FourGaussians;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A data set of the §6 experiments, loaded once; {@link #split} re-draws its sets for each seed.
 */
sealed interface ExperimentData {

  /** The name in the results ({@code toy}, {@code breast_cancer}, {@code fashion_mnist_6}, …). */
  String name();

  /** The four sets for one seed. */
  ExperimentSplit split(long seed);

  /** One table cut 60 / 20 / 10 / 10 per seed ({@link ExperimentSplit#of}). */
  record Pooled(String name, FeatureMatrix rows) implements ExperimentData {

    /** Checks the parts. */
    public Pooled {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(rows, "rows");
    }

    @Override
    public ExperimentSplit split(long seed) {
      return ExperimentSplit.of(rows, seed);
    }
  }

  /**
   * A pool cut into train / validation / calibration of fixed sizes per seed, with a fixed test set
   * ({@link ExperimentSplit#withTest}).
   */
  record WithTestSet(String name, FeatureMatrix pool, int trainRows, int validationRows,
      int calibrationRows, FeatureMatrix test) implements ExperimentData {

    /** Checks the parts. */
    public WithTestSet {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(pool, "pool");
      Objects.requireNonNull(test, "test");
    }

    @Override
    public ExperimentSplit split(long seed) {
      return ExperimentSplit.withTest(pool, trainRows, validationRows, calibrationRows, test, seed);
    }
  }

  /**
   * A pool cut into train / validation / calibration of fixed sizes per seed, the pool's rest the test
   * set ({@link ExperimentSplit#fromPool}).
   */
  record PoolTest(String name, FeatureMatrix pool, int trainRows, int validationRows,
      int calibrationRows) implements ExperimentData {

    /** Checks the parts. */
    public PoolTest {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(pool, "pool");
    }

    @Override
    public ExperimentSplit split(long seed) {
      return ExperimentSplit.fromPool(pool, trainRows, validationRows, calibrationRows, seed);
    }
  }

  /** The data seed of the synthetic mixture: the rows are drawn once; the seeds re-draw the split. */
  long TOY_SEED = 20261124;

  /**
   * Global objectives' four-Gaussian toy at ×10 its size (36,500 rows), {@code spread} 1 (the original,
   * {@code toy}) or √(1/0.15) ≈ 2.58 ({@code toy_wide}, the capacity-limited variant of {@code
   * docs/training.md}).
   */
  static ExperimentData toy(boolean wide) {
    double spread = wide ? Math.sqrt(1 / 0.15) : 1;
    return new Pooled(wide ? "toy_wide" : "toy", FourGaussians.draw(36_500, spread, TOY_SEED));
  }

  /** A shared CSV: label column {@code label}, every other column a feature. */
  static ExperimentData csv(String name, Path file) throws IOException, DataFormatException {
    return new Pooled(name, FeatureCsv.read(file, "label", List.of()).matrix());
  }

  /**
   * Fashion-MNIST, one class against the rest: the 784 pixels (0–255) as features; the pool is the
   * official 60,000 training images, the test set the official 10,000 test images.
   *
   * @param directory holds {@code train-images-idx3-ubyte.gz} and the other three files
   * @param positiveClass 0..9 (0 T-shirt/top … 6 Shirt … 9 Ankle boot)
   */
  static ExperimentData fashionMnist(Path directory, int positiveClass, int trainRows,
      int validationRows, int calibrationRows) throws IOException, DataFormatException {
    if (positiveClass < 0 || positiveClass > 9) {
      throw new IllegalArgumentException("fashion-MNIST class must be 0..9, was " + positiveClass);
    }
    FeatureMatrix pool = images(directory, "train", positiveClass);
    FeatureMatrix test = images(directory, "t10k", positiveClass);
    return new WithTestSet("fashion_mnist_" + positiveClass, pool, trainRows, validationRows,
        calibrationRows, test);
  }

  /**
   * Fashion-MNIST, one class against the rest, with every set drawn from the official 60,000 training
   * images: train, validation and calibration as in {@link #fashionMnist}, the test set the pool's rest
   * ({@code fashion_mnist_<class>_pool}). It measures the guarantee on the calibration rows' own
   * population, where {@link #fashionMnist}'s official test images are a shifted one.
   */
  static ExperimentData fashionMnistPoolTest(Path directory, int positiveClass, int trainRows,
      int validationRows, int calibrationRows) throws IOException, DataFormatException {
    if (positiveClass < 0 || positiveClass > 9) {
      throw new IllegalArgumentException("fashion-MNIST class must be 0..9, was " + positiveClass);
    }
    return new PoolTest("fashion_mnist_" + positiveClass + "_pool",
        images(directory, "train", positiveClass), trainRows, validationRows, calibrationRows);
  }

  private static FeatureMatrix images(Path directory, String prefix, int positiveClass)
      throws IOException, DataFormatException {
    Path imageFile = directory.resolve(prefix + "-images-idx3-ubyte.gz");
    Path labelFile = directory.resolve(prefix + "-labels-idx1-ubyte.gz");
    IdxFile images = IdxFile.read(imageFile, 3);
    IdxFile labels = IdxFile.read(labelFile, 1);
    if (images.items() != labels.items()) {
      throw DataFormatException.ofSource(labelFile.toString(), "has " + labels.items()
          + " labels for the " + images.items() + " images of " + imageFile);
    }
    int width = images.itemSize();
    List<String> names = new ArrayList<>(width);
    for (int k = 0; k < width; k++) {
      names.add("pixel" + k);
    }
    double[] values = new double[images.items() * width];
    boolean[] y = new boolean[images.items()];
    for (int i = 0; i < images.items(); i++) {
      for (int k = 0; k < width; k++) {
        values[i * width + k] = images.value(i, k);
      }
      y[i] = labels.value(i, 0) == positiveClass;
    }
    return new FeatureMatrix(names, values, y);
  }
}
