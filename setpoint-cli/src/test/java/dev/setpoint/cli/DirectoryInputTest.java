package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A directory named where a file is read is a data error naming it, in every command. */
class DirectoryInputTest {

  @TempDir Path dir;

  @Test
  void everyCommandNamesADirectoryGivenAsItsInputFile() throws Exception {
    Path scores = Files.writeString(dir.resolve("s.csv"), "score,label\n0.2,0\n0.8,1\n");
    Path features = Files.writeString(dir.resolve("f.csv"), "a,label\n0.2,0\n0.8,1\n");
    String d = dir.toString();
    String out = dir.resolve("out").toString();
    String[][] runs = {
        {"evaluate", d},
        {"choose", d, "-O", "f1"},
        {"evaluate", "--merge", d},
        {"train", d, "-o", out},
        {"train", features.toString(), "--validation", d, "-o", out},
        {"score", "--model", d, features.toString()},
        {"policy", "validate", d},
        {"decide", "--policy", d, scores.toString()},
    };
    String[] expected = {"a score file", "a score file", "a sketch saved with --save-sketch",
        "a CSV file", "a CSV file", "a model file", "a policy document", "a policy document"};
    for (int i = 0; i < runs.length; i++) {
      CliRun r = CliRun.run(runs[i]);
      assertThat(r.code()).as(String.join(" ", runs[i])).isEqualTo(ExitCodes.DATA_ERROR);
      assertThat(r.err()).as(String.join(" ", runs[i]))
          .contains("error: " + d + ": is a directory; give " + expected[i]);
    }
  }
}
