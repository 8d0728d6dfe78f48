package dev.setpoint.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.setpoint.data.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFileTest {

  @TempDir
  Path dir;

  /** Two 2×3 images, values written by hand, including 255 (unsigned). */
  private static final byte[] IMAGES = {
      0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3,
      1, 2, 3, 4, 5, 6,
      (byte) 255, (byte) 128, 0, 7, 8, 9};

  @Test
  void readsAHandWrittenImageFileValueByValueAsUnsignedBytes() throws Exception {
    Path file = Files.write(dir.resolve("images-idx3-ubyte"), IMAGES);
    IdxFile idx = IdxFile.read(file, 3);
    assertThat(idx.dimensions()).containsExactly(2, 2, 3);
    assertThat(idx.items()).isEqualTo(2);
    assertThat(idx.itemSize()).isEqualTo(6);
    assertThat(idx.value(0, 0)).isEqualTo(1);
    assertThat(idx.value(0, 5)).isEqualTo(6);
    assertThat(idx.value(1, 0)).isEqualTo(255);
    assertThat(idx.value(1, 1)).isEqualTo(128);
    assertThat(idx.value(1, 5)).isEqualTo(9);
  }

  @Test
  void readsAGzippedLabelFile() throws Exception {
    Path file = dir.resolve("labels-idx1-ubyte.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(new byte[] {0, 0, 8, 1, 0, 0, 0, 3, 9, 0, 6});
    }
    IdxFile idx = IdxFile.read(file, 1);
    assertThat(idx.items()).isEqualTo(3);
    assertThat(idx.itemSize()).isEqualTo(1);
    assertThat(new int[] {idx.value(0, 0), idx.value(1, 0), idx.value(2, 0)}).containsExactly(9, 0, 6);
  }

  @Test
  void aBadMagicNumberIsAnErrorNamingTheFileAndTheValue() throws IOException {
    byte[] bytes = IMAGES.clone();
    bytes[2] = 0x0D; // float data, not unsigned bytes
    Path file = Files.write(dir.resolve("floats-idx3"), bytes);
    assertThatThrownBy(() -> IdxFile.read(file, 3))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("'0x00000d03'")
        .hasMessageContaining("0x00000803");
  }

  @Test
  void aLabelFileReadAsImagesIsRefusedByItsMagicNumber() throws IOException {
    Path file = Files.write(dir.resolve("labels"), new byte[] {0, 0, 8, 1, 0, 0, 0, 1, 4});
    assertThatThrownBy(() -> IdxFile.read(file, 3))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("'0x00000801'");
  }

  @Test
  void aFileShorterThanItsDimensionsIsAnErrorSayingHowManyValuesItHas() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(IMAGES, 0, IMAGES.length - 2);
    Path file = Files.write(dir.resolve("short"), bytes.toByteArray());
    assertThatThrownBy(() -> IdxFile.read(file, 3))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("ends after 10 of the 12 values");
  }
}
