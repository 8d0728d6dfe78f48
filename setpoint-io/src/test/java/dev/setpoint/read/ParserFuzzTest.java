package dev.setpoint.read;

import static org.assertj.core.api.Assertions.fail;

import dev.setpoint.data.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random damage to valid files must end in a result or a {@link DataFormatException}, never in any other
 * exception: the readers' contract for bad content. Seeded, so a failure reproduces; the message prints
 * the case number and the file's bytes.
 */
class ParserFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", 0x5E7_901L);
  /** A few hundred keeps the suite fast; run longer with {@code -Dfuzz.cases=100000}. */
  private static final int CASES = Integer.getInteger("fuzz.cases", 300);

  /** Bytes that matter to the parsers, plus the gzip magic and invalid UTF-8. */
  private static final byte[] INTERESTING = ",;\t\"\n\r{}[]:\\ .-+e0123456789abNIn\u0000".getBytes(
      StandardCharsets.ISO_8859_1);
  private static final byte[] ODD = {(byte) 0x1f, (byte) 0x8b, (byte) 0xff, (byte) 0xc3, (byte) 0xef,
      (byte) 0xbb, (byte) 0xbf};

  private static final String CSV = "score,label,weight,region\n"
      + "0.9,1,1,EU\n\"0.8\",0,2.5,\"US, east\"\n0.7,true,0,EU\n0.1,0,1,\n1e-3,1.0,3,APAC\n";
  private static final String JSONL = "{\"score\": 0.9, \"label\": 1, \"weight\": 1, \"region\": \"EU\"}\n"
      + "{\"score\": \"0.8\", \"label\": false, \"weight\": 2.5, \"region\": null}\n"
      + "{\"region\": 3, \"score\": 1e-3, \"label\": \"1\", \"weight\": 0, \"x\": [1, {\"y\": 2}]}\n";

  @TempDir
  Path dir;

  @Test
  void damagedCsvReadsOrFailsWithDataFormatException() {
    fuzz("csv", CSV);
  }

  @Test
  void damagedJsonLinesReadsOrFailsWithDataFormatException() {
    fuzz("jsonl", JSONL);
  }

  private void fuzz(String extension, String valid) {
    Random random = new Random(SEED ^ extension.hashCode());
    Fixtures files = new Fixtures(dir);
    byte[] original = valid.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < CASES; i++) {
      byte[] damaged = mutate(original, random);
      Path file = files.bytes("case" + i + "." + extension, damaged);
      ReadOptions options = ReadOptions.defaults()
          .withWeightColumn("weight")
          .withSegmentColumns(List.of("region"))
          .withDropInvalid(i % 2 == 0);
      try {
        ScoreFiles.read(file, options, new RecordingSink());
      } catch (DataFormatException expected) {
        // The documented outcome for bad content.
        if (Boolean.getBoolean("fuzz.print")) {
          System.out.println("FUZZ " + expected.getMessage().replace(file.toString(), "F"));
        }
      } catch (Throwable unexpected) {
        AssertionError error = new AssertionError("case " + i + " (" + extension + ") threw "
            + unexpected + " for bytes " + HexFormat.of().formatHex(damaged) + "\n"
            + new String(damaged, StandardCharsets.UTF_8), unexpected);
        fail(error.getMessage(), error);
      }
    }
  }

  /** One to three random edits: replace, insert or delete bytes, duplicate or drop a line, truncate. */
  private static byte[] mutate(byte[] input, Random random) {
    byte[] bytes = input;
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
      switch (random.nextInt(6)) {
        case 0:
          if (bytes.length > 0) {
            bytes = bytes.clone();
            bytes[at] = pick(random);
          }
          break;
        case 1:
          bytes = insert(bytes, at, new byte[] {pick(random)});
          break;
        case 2:
          int end = Math.min(bytes.length, at + 1 + random.nextInt(8));
          bytes = concat(Arrays.copyOfRange(bytes, 0, at), Arrays.copyOfRange(bytes, end, bytes.length));
          break;
        case 3:
          bytes = lines(bytes, random, true);
          break;
        case 4:
          bytes = lines(bytes, random, false);
          break;
        default:
          bytes = Arrays.copyOf(bytes, at);
          break;
      }
    }
    return bytes;
  }

  private static byte pick(Random random) {
    int r = random.nextInt(10);
    if (r < 7) {
      return INTERESTING[random.nextInt(INTERESTING.length)];
    }
    return r < 9 ? ODD[random.nextInt(ODD.length)] : (byte) random.nextInt(256);
  }

  /** Duplicates or drops one line. */
  private static byte[] lines(byte[] bytes, Random random, boolean duplicate) {
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines.add(Arrays.copyOfRange(bytes, start, i + 1));
        start = i + 1;
      }
    }
    lines.add(Arrays.copyOfRange(bytes, start, bytes.length));
    int k = random.nextInt(lines.size());
    if (duplicate) {
      lines.add(k, lines.get(k));
    } else {
      lines.remove(k);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    lines.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static byte[] insert(byte[] bytes, int at, byte[] extra) {
    return concat(concat(Arrays.copyOfRange(bytes, 0, at), extra),
        Arrays.copyOfRange(bytes, at, bytes.length));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
