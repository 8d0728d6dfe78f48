package dev.setpoint.server.explorer;

import dev.setpoint.data.Sha256;
import dev.setpoint.read.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The score files bundled with the server — the project's {@code examples/}, copied into the jar at
 * build time — so the explorer has something to show with nothing uploaded.
 */
final class Examples {

  private static final String ROOT = "/dev/setpoint/server/explorer/examples/";

  /**
   * One bundled file.
   *
   * @param name the handle ({@code POST /v1/explorer/examples/{name}})
   * @param file its file name under {@code examples/}
   * @param title a one-line description
   * @param options how it is read
   * @param sha256 the SHA-256 of its bytes, to recognise it in a policy's provenance
   */
  record Example(String name, String file, String title, ReadOptions options, String sha256) {}

  private final List<Example> all;

  Examples() {
    ReadOptions plain = ReadOptions.defaults();
    all = List.of(
        example("breast-cancer", "breast_cancer_logreg_oof.csv", "Breast cancer: 569 biopsies, "
            + "37 % malignant; a logistic regression that separates the classes well", plain),
        example("lending-club", "lending_club_bad_hgb_oof.csv", "Lending Club: 9,857 loans, "
            + "5.25 % bad; a hard problem where no threshold reaches precision 0.5", plain),
        example("lending-club-segments", "lending_club_bad_hgb_oof_segments.csv", "Lending Club "
            + "by term and grade: the same loans in 14 segments, some too small for their own "
            + "threshold", plain.withSegmentColumns(List.of("term", "grade"))));
  }

  private static Example example(String name, String file, String title, ReadOptions options) {
    return new Example(name, file, title, options, sha256(file));
  }

  List<Example> all() {
    return all;
  }

  Optional<Example> byName(String name) {
    return all.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /** The example whose bytes have this SHA-256. */
  Optional<Example> bySha256(String sha256) {
    return all.stream().filter(e -> e.sha256().equals(sha256)).findFirst();
  }

  /** The bundled bytes of an example. */
  static InputStream open(Example e) {
    return open(e.file());
  }

  private static InputStream open(String file) {
    InputStream in = Examples.class.getResourceAsStream(ROOT + file);
    if (in == null) {
      throw new IllegalStateException("the example " + file + " is missing from the jar");
    }
    return in;
  }

  private static String sha256(String file) {
    try (InputStream in = open(file)) {
      return Sha256.hex(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
