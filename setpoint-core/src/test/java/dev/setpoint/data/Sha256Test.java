package dev.setpoint.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256Test {

  /** FIPS 180-2's example: SHA-256("abc"). */
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @TempDir Path dir;

  @Test
  void everyFormGivesTheStandardDigestAsLowerCaseHex() throws Exception {
    byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);
    assertThat(Sha256.hex(abc)).isEqualTo(ABC);
    assertThat(Sha256.hex("abc")).isEqualTo(ABC);
    assertThat(Sha256.hex(new ByteArrayInputStream(abc))).isEqualTo(ABC);
    Path file = Files.write(dir.resolve("abc.txt"), abc);
    assertThat(Sha256.hex(file)).isEqualTo(ABC);
    MessageDigest digest = Sha256.digest();
    digest.update(abc, 0, 1);
    digest.update(abc, 1, 2);
    assertThat(Sha256.hex(digest)).isEqualTo(ABC);
    assertThat(Sha256.hex(new byte[0]))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void textIsDigestedAsUtf8() {
    assertThat(Sha256.hex("é")).isEqualTo(Sha256.hex(new byte[] {(byte) 0xc3, (byte) 0xa9}));
  }
}
