package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random corruptions of the example files — rows dropped and shuffled, bytes replaced, deleted
 * and inserted (delimiters, quotes, line breaks, NUL, invalid UTF-8), the header sometimes lost — fed
 * to every command that reads a file: each must end in an answer, a usage error or a data error,
 * never an internal error or a stack trace.
 */
class CorruptedInputTest {

  private static final int RUNS = 150;
  private static final byte[] NOISE = ",;\"\n\r\t0123456789.-eEaZ \u0000".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  private final Random random = new Random(20261206);

  private byte[] corrupted(List<String> lines) {
    List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
    Collections.shuffle(rows, random);
    List<String> kept = new ArrayList<>(rows.subList(0, random.nextInt(Math.min(60, rows.size()))));
    if (random.nextInt(10) != 0) {
      kept.add(0, lines.get(0));
    }
    List<Byte> bytes = new ArrayList<>();
    for (byte b : String.join("\n", kept).getBytes(StandardCharsets.UTF_8)) {
      bytes.add(b);
    }
    for (int edits = random.nextInt(7); edits > 0 && !bytes.isEmpty(); edits--) {
      int at = random.nextInt(bytes.size());
      switch (random.nextInt(4)) {
        case 0 -> bytes.set(at, NOISE[random.nextInt(NOISE.length)]);
        case 1 -> bytes.remove(at);
        case 2 -> bytes.add(at, NOISE[random.nextInt(NOISE.length)]);
        default -> bytes.set(at, (byte) 0xff);
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return out;
  }

  @Test
  void everyCommandAnswersOrRefusesACorruptedFileNeverCrashes() throws Exception {
    List<String> scores = Files.readAllLines(Path.of("..", "examples",
        "lending_club_bad_hgb_oof_segments.csv"), StandardCharsets.UTF_8);
    List<String> features = new ArrayList<>(List.of("a,b,label"));
    for (int i = 0; i < 200; i++) {
      features.add(random.nextDouble() + "," + random.nextGaussian() + "," + (i % 3 == 0 ? 1 : 0));
    }
    Path file = dir.resolve("f.csv");
    String out = dir.resolve("out").toString();
    int[] codes = new int[4];
    for (int run = 0; run < RUNS; run++) {
      int command = random.nextInt(9);
      Files.write(file, corrupted(command == 8 ? features : scores));
      String f = file.toString();
      String[] args = switch (command) {
        case 0 -> new String[] {"evaluate", f};
        case 1 -> new String[] {"evaluate", f, "--format", "json", "--at", "0.5"};
        case 2 -> new String[] {"choose", f, "-O", "recall@precision>=0.2"};
        case 3 -> new String[] {"choose", f, "-O", "f1", "--segment", "grade", "-o", out + ".yaml"};
        case 4 -> new String[] {"evaluate", f, "--sketch", "--bins", "50"};
        case 5 -> new String[] {"choose", f, "--sketch", "-O", "f1", "-o", out + ".yaml"};
        case 6 -> new String[] {"calibrate", f};
        case 7 -> new String[] {"evaluate", f, "--drop-invalid", "--segment", "grade"};
        default -> new String[] {"train", f, "--epochs", "2", "--quiet", "-o", out + ".json"};
      };
      CliRun r = CliRun.run(args);
      String what = String.join(" ", args) + " on:\n" + Files.readString(file,
          StandardCharsets.ISO_8859_1);
      assertThat(r.code()).as(what + "\n" + r.err()).isIn(0, ExitCodes.USAGE, ExitCodes.DATA_ERROR);
      assertThat(r.err()).as(what).doesNotContain("internal error").doesNotContain("\tat ")
          .doesNotContain("Exception");
      codes[Math.min(r.code(), 3)]++;
    }
    // The corruptions must leave some files readable, or the test would only see refusals.
    assertThat(codes[0]).isGreaterThan(RUNS / 10);
    assertThat(codes[ExitCodes.DATA_ERROR]).isGreaterThan(RUNS / 10);
    System.out.printf("corrupted input: %d runs, %d answered, %d data errors, %d usage errors%n",
        RUNS, codes[0], codes[ExitCodes.DATA_ERROR], codes[ExitCodes.USAGE]);
  }
}
