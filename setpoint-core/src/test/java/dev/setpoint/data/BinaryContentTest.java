package dev.setpoint.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinaryContentTest {

  private static java.util.Optional<String> of(byte[] bytes) {
    return BinaryContent.of(bytes, bytes.length);
  }

  @Test
  void knownFormatsAreNamedByTheirMagicBytes() {
    assertThat(of(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}))
        .hasValue("a PNG image");
    assertThat(of(new byte[] {0x1f, (byte) 0x8b, 8, 0})).hasValue("gzip-compressed");
    assertThat(of(new byte[] {'P', 'K', 3, 4, 20, 0})).get().asString()
        .startsWith("a ZIP archive");
    assertThat(of("PAR1xxxx".getBytes(StandardCharsets.US_ASCII))).get().asString()
        .startsWith("a Parquet file");
  }

  @Test
  void textInAnyEightBitEncodingIsTextAndRandomBytesAreNot() {
    assertThat(of("score,label\n0.5,1\r\n0.25,0\n".getBytes(StandardCharsets.UTF_8))).isEmpty();
    assertThat(of("pays;libellé\tx\n".getBytes(StandardCharsets.ISO_8859_1))).isEmpty();
    assertThat(of("score,label\n0.5,1\u0000\n".getBytes(StandardCharsets.UTF_8)))
        .hasValue("binary data");
    SplittableRandom random = new SplittableRandom(20);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[64 + random.nextInt(4000)];
      random.nextBytes(bytes);
      assertThat(of(bytes)).as("random bytes %d", i).isPresent();
    }
  }
}
