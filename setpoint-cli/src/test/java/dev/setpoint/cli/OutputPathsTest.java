package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every option that names a file to write is checked when the command line is read: a path that
 * cannot be written is a usage error of one line naming the option and the path, before any work
 * (nothing on stdout, no other file written).
 */
class OutputPathsTest {

  private static final String SCORES = Path.of("..", "examples", "breast_cancer_logreg_oof.csv")
      .toString();

  @TempDir Path dir;

  /** Each command with one output option, the output's path given by the function. */
  private List<Case> cases() {
    String policy = Path.of("..", "examples", "policies", "card-fraud.yaml").toString();
    return List.of(
        new Case("--plot", out -> List.of("evaluate", SCORES, "--plot", out.apply("pr.png"))),
        new Case("--plot", out -> List.of("evaluate", SCORES, "--plot", "roc=" + out.apply("c.svg"))),
        new Case("--curve", out -> List.of("evaluate", SCORES, "--curve", out.apply("c.csv"))),
        new Case("--save-sketch", out -> List.of("evaluate", SCORES, "--sketch", "--save-sketch",
            out.apply("s.spsk"))),
        new Case("--output", out -> List.of("choose", SCORES, "-O", "f1", "-o", out.apply("p.yaml"))),
        new Case("--output", out -> List.of("decide", "--policy", policy, SCORES, "-o",
            out.apply("d.csv"))),
        new Case("--plot", out -> List.of("calibrate", SCORES, "--plot", out.apply("r.png"))),
        new Case("--output", out -> List.of("calibrate", SCORES, "-o", out.apply("c.json"))),
        new Case("--plot", out -> List.of("choose", SCORES, "-O", "f1", "--plot",
            out.apply("metrics.png"))),
        new Case("--output", out -> List.of("train", SCORES, "--label", "label", "--features",
            "score", "-o", out.apply("m.json"))),
        new Case("--policy", out -> List.of("train", SCORES, "--label", "label", "--features",
            "score", "-o", dir.resolve("m.json").toString(), "--policy", out.apply("p.yaml"))),
        new Case("--output", out -> List.of("score", "--model", dir.resolve("m.json").toString(),
            SCORES, "-o", out.apply("s.csv"))));
  }

  private record Case(String option, Function<Function<String, String>, List<String>> args) {}

  @Test
  void anOutputInADirectoryThatDoesNotExistIsAUsageErrorBeforeAnyWork() throws Exception {
    Path missing = dir.resolve("missing");
    for (Case c : cases()) {
      List<String> args = c.args().apply(name -> missing.resolve(name).toString());
      CliRun run = CliRun.run(args.toArray(String[]::new));
      String file = args.stream().filter(a -> a.contains(missing.toString())).findFirst()
          .orElseThrow().replaceFirst("^roc=", "");
      assertThat(run.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(run.out()).as(String.join(" ", args)).isEmpty();
      assertThat(run.err()).as(String.join(" ", args)).isEqualTo("setpoint: error: " + c.option()
          + ": cannot write '" + file + "': no directory " + missing.toAbsolutePath()
          + " (create it first, or write elsewhere)" + System.lineSeparator());
    }
    try (Stream<Path> written = Files.list(dir)) {
      assertThat(written).isEmpty();
    }
  }

  @Test
  void anOutputThatIsADirectoryOrBelowAFileIsAUsageErrorNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    for (Case c : cases()) {
      List<String> belowAFile = c.args().apply(name -> file.resolve(name).toString());
      CliRun run = CliRun.run(belowAFile.toArray(String[]::new));
      assertThat(run.code()).as(String.join(" ", belowAFile)).isEqualTo(2);
      assertThat(run.err()).as(String.join(" ", belowAFile)).startsWith("setpoint: error: "
          + c.option() + ": cannot write '").contains(file.toAbsolutePath() + " is a file, not a "
          + "directory (write elsewhere)");
    }
    Path directory = Files.createDirectory(dir.resolve("out.csv"));
    CliRun run = CliRun.run("evaluate", SCORES, "--curve", directory.toString());
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("setpoint: error: --curve: cannot write '" + directory
        + "': it is a directory (give a file name");
  }
}
