package dev.setpoint.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.setpoint.data.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that are not what their name says, or that break a reader's limit: each message says what
 * the file is and what to do, in our words — never its bytes as column names, a parser's buffer size
 * or its list of expected tokens.
 */
class ForeignInputTest {

  private static final String FORMATS = "score files are CSV, TSV or JSON Lines text (each may be "
      + "gzip-compressed), or Parquet";

  @TempDir Path dir;

  private DataFormatException failure(Path file) {
    Throwable thrown = catchThrowable(() -> ScoreFiles.read(file, ReadOptions.defaults(),
        new RecordingSink()));
    assertThat(thrown).isInstanceOf(DataFormatException.class);
    return (DataFormatException) thrown;
  }

  private static byte[] gzip(byte[] bytes) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(bytes);
    }
    return out.toByteArray();
  }

  private static byte[] png() {
    byte[] png = new byte[300];
    new SplittableRandom(6).nextBytes(png);
    System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);
    return png;
  }

  @Test
  void aBinaryFileNamedCsvOrJsonlIsSaidToBeNoTextWithWhatItIs() throws Exception {
    Path image = Files.write(dir.resolve("scores.csv"), png());
    assertThat(failure(image)).hasMessage(image + ": is not a text file: it is a PNG image; "
        + FORMATS);
    Path zipped = Files.write(dir.resolve("zipped.csv"), gzip(png()));
    assertThat(failure(zipped)).hasMessage(zipped + ": is not a text file: it is a PNG image, "
        + "gzip-compressed; " + FORMATS);
    Path jsonl = Files.write(dir.resolve("scores.jsonl"), png());
    assertThat(failure(jsonl)).hasMessage(jsonl + ": is not a text file: it is a PNG image; "
        + FORMATS);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20; i++) {
      byte[] bytes = new byte[100 + random.nextInt(5000)];
      random.nextBytes(bytes);
      bytes[0] = 's';
      Path noise = Files.write(dir.resolve("noise-" + i + ".csv"), bytes);
      assertThat(failure(noise).getMessage()).startsWith(noise + ": is not a text file: it is ");
    }
  }

  @Test
  void aHeaderThatSplitsOnAnotherDelimiterSuggestsIt() throws Exception {
    Path semicolons = Files.writeString(dir.resolve("semi.csv"), "score;label\n0.5;1\n0.2;0\n");
    assertThat(failure(semicolons)).hasMessage(semicolons + ": no column 'score' (columns: "
        + "score;label); the header splits on ';': give --delimiter ';'");
    Path tabs = Files.writeString(dir.resolve("tabs.csv"), "id\tscore\tlabel\n1\t0.5\t1\n");
    assertThat(failure(tabs)).hasMessageEndingWith("; the header splits on tab: give --delimiter "
        + "tab");
    Path pipes = Files.writeString(dir.resolve("pipes.csv"), "score|label\n0.5|1\n");
    assertThat(failure(pipes)).hasMessageEndingWith("; the header splits on '|': give --delimiter "
        + "'|'");
  }

  @Test
  void aTruncatedOrDamagedGzipFileSaysSoWithoutTheLibrarysWords() throws Exception {
    byte[] whole = gzip(("score,label\n" + "0.5,1\n0.25,0\n".repeat(4000))
        .getBytes(StandardCharsets.UTF_8));
    Path cut = Files.write(dir.resolve("cut.csv.gz"), Arrays.copyOf(whole, whole.length / 2));
    assertThat(failure(cut)).hasMessage(cut + ": is a truncated gzip file: it ends before its "
        + "compressed data does (copy or download it again)");
    byte[] damaged = whole.clone();
    for (int i = 20; i < damaged.length - 20; i += 7) {
      damaged[i] ^= 0x5a;
    }
    Path bad = Files.write(dir.resolve("bad.csv.gz"), damaged);
    assertThat(failure(bad)).hasMessage(bad + ": is a damaged gzip file: its compressed data is "
        + "not valid (copy or download it again)");
  }

  @Test
  void aFieldBeyondTheLimitNamesItsLineAndTheLimitInCharacters() throws Exception {
    Path big = dir.resolve("big.csv");
    try (var out = Files.newBufferedWriter(big)) {
      out.write("score,label\n0.5,1\n\"0.25,0\n");
      char[] ones = new char[1 << 20];
      Arrays.fill(ones, '1');
      for (int i = 0; i < 17; i++) {
        out.write(ones);
      }
      out.write("\n0.75,1\n");
    }
    assertThat(failure(big)).hasMessage(big + ", line 3: a field is longer than 16,777,216 "
        + "characters, the most one field may hold (often a quote (\") that opens a field and is "
        + "never closed: close it)");
  }

  @Test
  void aCsvFileNamedJsonlSaysHowJsonLinesLookAndHowToReadItAsCsv() throws Exception {
    Path csv = Files.writeString(dir.resolve("scores.jsonl"), "score,label\n0.5,1\n");
    assertThat(failure(csv)).hasMessage(csv + ", line 1: is not valid JSON: Unrecognized token "
        + "'score' (JSON Lines has one {...} object per line; a CSV file is read when named .csv "
        + "or with --input-format csv)");
  }
}
