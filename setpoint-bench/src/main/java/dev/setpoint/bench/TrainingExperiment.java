package dev.setpoint.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.select.Objective;
import dev.setpoint.train.data.FeatureMatrix;
import dev.setpoint.train.data.FeatureTable;
import dev.setpoint.train.data.StratifiedSplit;
import dev.setpoint.train.fit.EpochReport;
import dev.setpoint.train.fit.Trainer;
import dev.setpoint.train.fit.TrainingConfig;
import dev.setpoint.train.fit.TrainingMethod;
import dev.setpoint.train.fit.TrainingResult;
import dev.setpoint.train.model.TrainedModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * The §6 experiments of {@code constrained_training.md}: in one JVM, for every data set × model ×
 * method × target × seed, trains with the {@code setpoint-train} API, certifies a threshold with
 * Learn-then-Test on the calibration set and measures it on the test set ({@link RunMetrics}); one CSV
 * row per run ({@link ExperimentRow}). {@link ExperimentSummary} turns the CSV into the §6 table.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.setpoint.bench.TrainingExperiment --out runs.csv
 * [options]}; {@code setpoint-bench/train-experiments.sh} runs it with the quick or the full settings.
 * Options (defaults in brackets): {@code --datasets} [toy,toy_wide,breast_cancer,lending_club_bad,
 * fashion_mnist], {@code --resume} (keep the runs {@code --out} already holds and append the rest;
 * seeds run outermost, so a stopped run leaves whole seeds), {@code --models} [lr,mlp64] (also
 * {@code mlp64-32}), {@code --methods}
 * [bce,weighted_bce,dual_bce,eban,proxy_lagrangian], {@code --targets} [0.95], {@code --seeds} [3],
 * {@code --epochs} [200], {@code --patience} [20], {@code --max-seconds} [none], {@code --batch-size}
 * [256], {@code --learning-rate} [0.01], {@code --l2} [1e-4], {@code --delta} [0.05], {@code
 * --negative-weights} [weighted_bce's grid, 3,10,30], {@code --eban-dual-factors} [none: eban at its
 * defaults; else a grid of factors f, each training eban with multiplier rate f × learning rate, the
 * best on validation kept], {@code --data-dir} [../shared/data], {@code
 * --fashion-dir} [/usr/share/datasets/fashion-mnist], {@code --fashion-class} [6], {@code
 * --fashion-rows} [train,validation,calibration rows from the 60,000 training images: 40000,10000,10000].
 * Data set {@code fashion_mnist_pool} draws its test set from the rest of the training images instead
 * of the official test images (so the three cuts must leave some).
 * Logistic regression runs on one thread, a perceptron on two ({@code docs/training.md}, "Speed").
 *
 * <p>{@code --scan-classes} instead trains BCE logistic regression (seed 1) for each fashion-MNIST class
 * and prints its exact validation R@P at each target, to pick the class §6 asks for.
 */
final class TrainingExperiment {

  /** A model's zero digest: the experiment keeps no model file, so provenance is never written. */
  private static final String NO_FILE = "0".repeat(64);

  /** The JVM's CPU time: a training's CPU seconds stay comparable when other work shares the machine. */
  private static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final Options options;

  private TrainingExperiment(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws IOException, DataFormatException {
    Options options = Options.parse(args);
    TrainingExperiment experiment = new TrainingExperiment(options);
    if (options.flag("scan-classes")) {
      experiment.scanClasses();
    } else {
      experiment.run(Path.of(options.required("out")));
    }
  }

  private void run(Path out) throws IOException, DataFormatException {
    List<String> models = options.list("models", "lr,mlp64");
    List<String> methods = options.list("methods", "bce,weighted_bce,dual_bce,eban,proxy_lagrangian");
    List<Double> targets = options.list("targets", "0.95").stream().map(Double::parseDouble).toList();
    int seeds = options.integer("seeds", 3);
    boolean resume = options.flag("resume") && Files.exists(out);
    Set<String> done = resume ? RunKey.done(out) : Set.of();
    Files.createDirectories(out.toAbsolutePath().getParent());
    List<ExperimentData> data = new ArrayList<>();
    for (String dataName : options.list("datasets",
        "toy,toy_wide,breast_cancer,lending_club_bad,fashion_mnist")) {
      data.add(load(dataName));
    }
    if (resume) {
      System.err.println("== resuming " + out + ": " + done.size() + " runs already there");
    }
    try (PrintWriter csv = new PrintWriter(resume
        ? Files.newBufferedWriter(out, StandardCharsets.UTF_8, StandardOpenOption.APPEND)
        : Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      if (!resume) {
        csv.println(ExperimentRow.HEADER);
      }
      // Seeds outermost, so a run stopped part-way (and resumed later) leaves whole seeds behind.
      for (long seed = 1; seed <= seeds; seed++) {
        for (ExperimentData d : data) {
          ExperimentSplit split = null;
          for (String model : models) {
            for (String method : methods) {
              for (double target : targets) {
                if (done.contains(RunKey.of(d.name(), model, method, target, seed))) {
                  continue;
                }
                if (split == null) {
                  split = d.split(seed);
                  System.err.println("== " + d.name() + " seed " + seed + ": " + split.describe());
                }
                ExperimentRow row = runOne(d.name(), split, model, method, target, seed);
                csv.println(row.csv());
                csv.flush();
                System.err.println(row.summary());
              }
            }
          }
        }
      }
    }
  }

  /** Which runs a CSV already holds: data set, model, method, target and seed. */
  private static final class RunKey {
    private RunKey() {}

    static String of(String dataset, String model, String method, double target, long seed) {
      return String.join("|", dataset, model, method, Double.toString(target), Long.toString(seed));
    }

    static Set<String> done(Path csv) throws IOException {
      String text = Files.readString(csv, StandardCharsets.UTF_8);
      if (!text.isEmpty() && !text.endsWith("\n")) {
        // A run killed while writing its line: drop the partial line, that run is made again.
        String kept = text.substring(0, text.lastIndexOf('\n') + 1);
        System.err.println("== " + csv + " ends in a partial line; dropped it: "
            + text.substring(kept.length()));
        Files.writeString(csv, kept, StandardCharsets.UTF_8);
        text = kept;
      }
      List<String> lines = text.lines().toList();
      if (lines.isEmpty() || !lines.get(0).equals(ExperimentRow.HEADER)) {
        throw new IllegalArgumentException("--resume: " + csv + " does not start with this version's "
            + "header; move it away or run without --resume to start again");
      }
      List<String> header = List.of(lines.get(0).split(",", -1));
      int dataset = header.indexOf("dataset");
      int model = header.indexOf("model");
      int method = header.indexOf("method");
      int target = header.indexOf("target");
      int seed = header.indexOf("seed");
      Set<String> keys = new HashSet<>();
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",", -1);
        if (f.length != header.size()) {
          throw new IllegalArgumentException("--resume: " + csv + " line " + (i + 1) + " has "
              + f.length + " fields, the header " + header.size() + " (a run cut off while writing? "
              + "delete that line)");
        }
        keys.add(of(f[dataset], f[model], f[method], Double.parseDouble(f[target]),
            Long.parseLong(f[seed])));
      }
      return keys;
    }
  }

  private ExperimentData load(String name) throws IOException, DataFormatException {
    Path dataDir = Path.of(options.value("data-dir", "../shared/data"));
    return switch (name) {
      case "toy" -> ExperimentData.toy(false);
      case "toy_wide" -> ExperimentData.toy(true);
      case "breast_cancer", "lending_club_bad" ->
          ExperimentData.csv(name, dataDir.resolve(name + ".csv"));
      case "fashion_mnist", "fashion_mnist_pool" -> {
        List<Integer> rows = options.list("fashion-rows", "40000,10000,10000").stream()
            .map(Integer::parseInt).toList();
        if (rows.size() != 3) {
          throw new IllegalArgumentException("--fashion-rows needs train,validation,calibration, was "
              + rows);
        }
        int positiveClass = options.integer("fashion-class", 6);
        yield name.equals("fashion_mnist")
            ? ExperimentData.fashionMnist(fashionDir(), positiveClass, rows.get(0), rows.get(1),
                rows.get(2))
            : ExperimentData.fashionMnistPoolTest(fashionDir(), positiveClass, rows.get(0),
                rows.get(1), rows.get(2));
      }
      default -> throw new IllegalArgumentException("unknown data set '" + name + "' (toy, toy_wide, "
          + "breast_cancer, lending_club_bad, fashion_mnist, fashion_mnist_pool)");
    };
  }

  private Path fashionDir() {
    return Path.of(options.value("fashion-dir", "/usr/share/datasets/fashion-mnist"));
  }

  private ExperimentRow runOne(String dataName, ExperimentSplit split, String model, String method,
      double target, long seed) {
    long started = System.nanoTime();
    long cpuStarted = PROCESS.getProcessCpuTime();
    TrainingResult best;
    Optional<Double> negativeWeight = Optional.empty();
    Optional<Double> dualFactor = Optional.empty();
    // weighted_bce's negative weight and eban's dual factor are chosen on validation from small
    // grids (§6 (b), (d)); the seconds are those of the whole grid.
    if (method.equals("weighted_bce")) {
      Tuned tuned = tune(split, model, target, seed, options.list("negative-weights", "3,10,30"),
          w -> TrainingMethod.weightedBce(1, w));
      best = tuned.result();
      negativeWeight = Optional.of(tuned.value());
    } else if (method.equals("eban") && options.flag("eban-dual-factors")) {
      TrainingMethod.Eban defaults = TrainingMethod.Eban.defaults();
      double learningRate = options.decimal("learning-rate", 0.01);
      Tuned tuned = tune(split, model, target, seed, options.list("eban-dual-factors", ""),
          f -> new TrainingMethod.Eban(f * learningRate, defaults.cap(), defaults.initial(),
              defaults.step()));
      best = tuned.result();
      dualFactor = Optional.of(tuned.value());
    } else {
      best = train(split, model, method(method), target, seed);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuSeconds = (PROCESS.getProcessCpuTime() - cpuStarted) / 1e9;
    TrainedModel trained = best.model(
        new FeatureTable(dataName, NO_FILE, split.train()), Instant.EPOCH);
    RunMetrics metrics = RunMetrics.measure(scored(trained, split.validation()),
        scored(trained, split.calibration()), scored(trained, split.test()), target,
        options.decimal("delta", 0.05));
    EpochReport kept = best.best();
    OptionalDouble lambda = kept.multipliers().stream().filter(m -> m.name().equals("lambda"))
        .mapToDouble(m -> m.value()).findFirst();
    return new ExperimentRow(dataName, model, method, negativeWeight, dualFactor, target, seed,
        split.train().rows(), split.test().rows(), metrics, seconds, cpuSeconds, lambda,
        best.history().size(), best.bestEpoch(), best.stop().describe());
  }

  /** The grid value whose training did best on validation, and that training. */
  private record Tuned(double value, TrainingResult result) {}

  /** Trains once per grid value and keeps the best on validation (exact R@P, AP tie-break). */
  private Tuned tune(ExperimentSplit split, String model, double target, long seed, List<String> grid,
      DoubleFunction<TrainingMethod> method) {
    Tuned best = null;
    for (double v : grid.stream().map(Double::parseDouble).toList()) {
      TrainingResult candidate = train(split, model, method.apply(v), target, seed);
      if (best == null || candidate.bestValidation().betterThan(best.result().bestValidation())) {
        best = new Tuned(v, candidate);
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("the tuning grid of " + model + " is empty");
    }
    return best;
  }

  private TrainingResult train(ExperimentSplit split, String model, TrainingMethod method, double target,
      long seed) {
    List<Integer> hidden = switch (model) {
      case "lr" -> List.of();
      case "mlp64" -> List.of(64);
      case "mlp64-32" -> List.of(64, 32);
      default -> throw new IllegalArgumentException("unknown model '" + model
          + "' (lr, mlp64, mlp64-32)");
    };
    double maxSeconds = options.decimal("max-seconds", 0);
    TrainingConfig config = new TrainingConfig(method, Objective.recallAtPrecision(target),
        options.integer("epochs", 200), options.integer("batch-size", 256),
        options.decimal("learning-rate", 0.01), options.decimal("l2", 1e-4),
        options.integer("patience", 20), seed,
        maxSeconds > 0 ? OptionalDouble.of(maxSeconds) : OptionalDouble.empty(), hidden,
        hidden.isEmpty() ? 1 : 2);
    return new Trainer(config).train(
        new StratifiedSplit(split.train(), split.validation(), split.calibration()), r -> { });
  }

  private static TrainingMethod method(String name) {
    return switch (name) {
      case "bce" -> TrainingMethod.bce();
      case "dual_bce" -> TrainingMethod.DualWeighted.defaults();
      case "eban" -> TrainingMethod.Eban.defaults();
      case "proxy_lagrangian" -> TrainingMethod.ProxyLagrangian.defaults();
      case "naive_stop" -> new TrainingMethod.NaiveStop();
      case "naive_reweight" -> new TrainingMethod.NaiveReweight();
      default -> throw new IllegalArgumentException("unknown method '" + name + "' (bce, weighted_bce, "
          + "dual_bce, eban, proxy_lagrangian, naive_stop, naive_reweight)");
    };
  }

  private static RunMetrics.Scored scored(TrainedModel model, FeatureMatrix rows) {
    return new RunMetrics.Scored(model.scores(rows), rows.labels());
  }

  private void scanClasses() throws IOException, DataFormatException {
    List<Integer> rows = options.list("fashion-rows", "40000,10000,10000").stream()
        .map(Integer::parseInt).toList();
    List<Double> targets = options.list("targets", "0.95").stream().map(Double::parseDouble).toList();
    for (int c = 0; c <= 9; c++) {
      ExperimentSplit split = ExperimentData.fashionMnist(fashionDir(), c, rows.get(0), rows.get(1),
          rows.get(2)).split(1);
      StringBuilder line = new StringBuilder("class " + c);
      for (double target : targets) {
        TrainingResult t = train(split, "lr", TrainingMethod.bce(), target, 1);
        double value = t.bestValidation().value();
        line.append(String.format(Locale.ROOT, "  validation R@P%.2f %s", target,
            Double.isNaN(value) ? "infeasible" : String.format(Locale.ROOT, "%.4f", value)));
      }
      System.out.println(line);
    }
  }

  /** {@code --name value} options and {@code --flag}s. */
  private record Options(Map<String, String> values) {

    static Options parse(String[] args) {
      Map<String, String> values = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (!args[i].startsWith("--")) {
          throw new IllegalArgumentException("expected an option, got '" + args[i] + "' in "
              + Arrays.toString(args));
        }
        String name = args[i].substring(2);
        boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
        values.put(name, hasValue ? args[++i] : "");
      }
      return new Options(values);
    }

    boolean flag(String name) {
      return values.containsKey(name);
    }

    String required(String name) {
      String v = values.get(name);
      if (v == null || v.isEmpty()) {
        throw new IllegalArgumentException("--" + name + " is required");
      }
      return v;
    }

    String value(String name, String fallback) {
      return values.getOrDefault(name, fallback);
    }

    List<String> list(String name, String fallback) {
      return List.of(value(name, fallback).split(","));
    }

    int integer(String name, int fallback) {
      return parsed(name, fallback, Integer::parseInt, "a whole number");
    }

    double decimal(String name, double fallback) {
      return parsed(name, fallback, Double::parseDouble, "a number");
    }

    private <T> T parsed(String name, T fallback, Function<String, T> parse,
        String what) {
      String v = values.get(name);
      try {
        return v == null ? fallback : parse.apply(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + ": '" + v + "' is not " + what, e);
      }
    }
  }
}
