package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.setpoint.data.DataFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random corruptions of valid files never escape as anything but a {@link DataFormatException} with a
 * located message: no NumberFormatException, no parser exception, no index error. Seeded, so a failure
 * reproduces; the seed and the mutated content are in the failure message.
 */
class MalformedInputFuzzTest {

  private static final String CSV = "score,label,w,seg\n0.5,1,1,a\n0.25,0,2,b\n\"0.75\",true,0,\"a,b\"\n";
  private static final String JSONL = "{\"score\": 0.5, \"label\": 1, \"w\": 1, \"seg\": \"a\"}\n"
      + "{\"score\": 0.25, \"label\": false, \"w\": 2.5, \"seg\": \"b\"}\n";
  private static final String ALPHABET = ",;\"\n\r\t{}[]:0123456789.eE+-NaIfinty abc\uFEFF\u00e9";

  @TempDir Path dir;

  @Test
  void corruptedCsvAndJsonLinesFailOnlyWithLocatedDataErrors() throws Exception {
    SplittableRandom random = new SplittableRandom(20261123L);
    int failures = 0;
    for (int i = 0; i < 400; i++) {
      boolean json = i % 2 == 1;
      String mutated = mutate(json ? JSONL : CSV, random);
      Path file = Files.writeString(dir.resolve("f" + i + (json ? ".jsonl" : ".csv")), mutated);
      for (boolean drop : new boolean[] {false, true}) {
        ReadOptions options = ReadOptions.defaults().withWeightColumn("w")
            .withSegmentColumns(List.of("seg")).withDropInvalid(drop);
        try {
          ReadSummary summary = ScoreFiles.read(file, options, new RecordingSink());
          assertThat(summary.accepted() + summary.droppedRows()).isEqualTo(summary.rows());
        } catch (DataFormatException e) {
          failures++;
          assertThat(e.getMessage()).startsWith(file.toString());
        } catch (Exception e) {
          fail("case " + i + " (drop=" + drop + ") threw " + e + " for content:\n" + mutated, e);
        }
      }
    }
    // The mutations must actually break files, or this test proves nothing.
    assertThat(failures).isGreaterThan(100);
  }

  private static String mutate(String text, SplittableRandom random) {
    StringBuilder sb = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(sb.length() + 1);
      switch (random.nextInt(3)) {
        case 0 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        case 1 -> {
          if (at < sb.length()) {
            sb.deleteCharAt(at);
          }
        }
        default -> {
          if (at < sb.length()) {
            sb.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
          }
        }
      }
    }
    return sb.toString();
  }
}
