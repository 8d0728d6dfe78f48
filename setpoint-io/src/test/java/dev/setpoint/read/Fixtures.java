package dev.setpoint.read;

import blue.strategic.parquet.ParquetWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.schema.MessageType;

/** Writes small score files into a test's temporary directory. */
final class Fixtures {

  private final Path dir;

  Fixtures(Path dir) {
    this.dir = dir;
  }

  Path text(String name, String content) {
    return bytes(name, content.getBytes(StandardCharsets.UTF_8));
  }

  Path bytes(String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path gzip(String name, String content) {
    Path file = dir.resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Writes rows as Parquet; a null value (or an absent key) leaves an optional field null. */
  Path parquet(String name, MessageType schema, List<Map<String, Object>> rows) {
    Path file = dir.resolve(name);
    try (ParquetWriter<Map<String, Object>> writer = ParquetWriter.writeFile(schema, file.toFile(),
        (row, values) -> row.forEach((column, value) -> {
          if (value != null) {
            values.write(column, value);
          }
        }))) {
      for (Map<String, Object> row : rows) {
        writer.write(row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
