package dev.setpoint.data;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files a user names as input. On Linux a directory opens as a stream and fails at the first read
 * with a bare "Is a directory" that names nothing; checked here first, the error names the path and
 * what was expected instead.
 */
public final class InputFiles {

  private InputFiles() {}

  /**
   * Refuses a directory where a file is read.
   *
   * @param kind what was expected, for the message: {@code "a score file"}, {@code "a model file"}
   * @throws FileSystemException whose message is {@code PATH: is a directory; give KIND}
   */
  public static void requireFile(Path file, String kind) throws FileSystemException {
    if (Files.isDirectory(file)) {
      throw new FileSystemException(file.toString(), null, "is a directory; give " + kind);
    }
  }
}
