package dev.setpoint.data;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

  @TempDir Path dir;

  @Test
  void aDirectoryIsRefusedNamingItsPathAndWhatWasExpected() {
    assertThatThrownBy(() -> InputFiles.requireFile(dir, "a model file"))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(dir + ": is a directory; give a model file");
  }

  @Test
  void aFileOrAMissingPathPassesForTheReaderToReport() throws Exception {
    Path file = Files.writeString(dir.resolve("m.json"), "{}");
    assertThatCode(() -> InputFiles.requireFile(file, "a model file")).doesNotThrowAnyException();
    assertThatCode(() -> InputFiles.requireFile(dir.resolve("missing.json"), "a model file"))
        .doesNotThrowAnyException();
  }
}
