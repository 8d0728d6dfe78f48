package dev.setpoint.server.explorer;

import dev.setpoint.curve.Curve;
import dev.setpoint.curve.SegmentedCurves;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.SegmentKey;
import dev.setpoint.data.Sha256;
import dev.setpoint.read.ReadOptions;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.read.ScoreFiles;
import dev.setpoint.read.ScoreFormat;
import dev.setpoint.spelling.Printable;
import dev.setpoint.server.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a score file into a {@link Dataset}, with the same reader, options and messages as the CLI
 * ({@link ScoreFiles}): a bad row is a 422 problem whose detail names the file, line, column and value
 * ({@code scores.csv, line 14, column 'score': 'abc' is not a number}); a file over the size or row
 * bound is a 413. The bytes go to a temporary file first (the readers work on files, Parquet needs
 * random access), which is deleted when the read ends.
 */
final class DatasetLoader {

  private final Explorer.Limits limits;
  private final Clock clock;

  DatasetLoader(Explorer.Limits limits, Clock clock) {
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * How to read an upload, from the query: {@code name} (the file's name, which also tells the format),
   * {@code format}, {@code score}, {@code label}, {@code weight}, {@code segment} (comma-separated),
   * {@code positiveLabel}, {@code negativeLabel} (comma-separated), {@code delimiter}, {@code
   * dropInvalid} — the CLI's options.
   */
  record Upload(String name, ReadOptions options) {}

  static Upload upload(Params p) {
    String name = fileName(p);
    ReadOptions o = ReadOptions.defaults();
    try {
      o = o.withScoreColumn(p.text("score").orElse("score"))
          .withLabelColumn(p.text("label").orElse("label"));
      if (p.text("weight").isPresent()) {
        o = o.withWeightColumn(p.text("weight").get());
      }
      if (!p.list("segment").isEmpty()) {
        o = o.withSegmentColumns(p.list("segment"));
      }
      if (!p.list("positiveLabel").isEmpty()) {
        o = o.withPositiveLabels(new LinkedHashSet<>(p.list("positiveLabel")));
      }
      if (!p.list("negativeLabel").isEmpty()) {
        o = o.withNegativeLabels(new LinkedHashSet<>(p.list("negativeLabel")));
      }
      if (p.text("delimiter").isPresent()) {
        String d = p.text("delimiter").get();
        if (!d.equals("tab") && d.length() != 1) {
          throw Params.bad("delimiter", "must be one character or 'tab', was " + Params.quoted(d));
        }
        o = o.withDelimiter(d.equals("tab") ? '\t' : d.charAt(0));
      }
      if (p.text("format").isPresent()) {
        o = o.withFormat(format(p.text("format").get()));
      }
      o = o.withDropInvalid(p.bool("dropInvalid").orElse(false));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("cannot read the file that way: " + e.getMessage(), List.of());
    }
    if (o.format().isEmpty() && ScoreFormat.detect(Path.of(name)).isEmpty()) {
      throw Params.bad("name", "cannot tell the format from " + Params.quoted(name)
          + "; name the file .csv, .tsv, .jsonl, .ndjson or .parquet (text formats may add .gz), or "
          + "give ?format=");
    }
    return new Upload(name, o);
  }

  /**
   * The {@code name} parameter, "upload.csv" when absent. It names the temporary file the bytes go
   * to and appears in every message about the file, so it must be a plain name: not blank, at most
   * 200 characters, no directory part ({@code /} or {@code \\}), not starting with a dot (no {@code
   * ..}, no hidden file), no control character ({@link Params} refuses those in every parameter),
   * no line separator or bidirectional-text control (which could make the page show another name
   * than the file has), and one this platform's file system accepts.
   */
  private static String fileName(Params p) {
    Optional<String> raw = p.raw("name");
    if (raw.isEmpty()) {
      return "upload.csv";
    }
    String name = raw.get().trim();
    if (name.isEmpty() || name.length() > 200 || name.contains("/") || name.contains("\\")
        || name.startsWith(".") || Printable.hasHidden(name)) {
      throw notAFileName(raw.get());
    }
    try {
      var unused = Path.of(name); // only whether it throws matters
    } catch (InvalidPathException e) {
      throw notAFileName(raw.get());
    }
    return name;
  }

  private static ApiException notAFileName(String name) {
    return Params.bad("name", "must be a plain file name such as scores.csv (at most 200 "
        + "characters, no directory, not starting with a dot, no line separator or "
        + "bidirectional-text control), was " + Params.quoted(name));
  }

  private static ScoreFormat format(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "csv" -> ScoreFormat.CSV;
      case "tsv", "tab" -> ScoreFormat.TSV;
      case "jsonl", "ndjson" -> ScoreFormat.JSON_LINES;
      case "parquet" -> ScoreFormat.PARQUET;
      default -> throw Params.bad("format", "must be csv, tsv, jsonl or parquet, was "
          + Params.quoted(text));
    };
  }

  /**
   * Reads the bytes of {@code body} as the file {@code upload.name()}.
   *
   * @param owner the identity uploading it; empty for a bundled example
   * @throws ApiException 413 when the body exceeds the upload bound or the rows the row bound (for
   *     an upload, its owner's row quota within it), 422 when the content is not usable, 400 when
   *     the body cannot be read
   */
  Dataset read(InputStream body, Upload upload, Optional<String> owner) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("setpoint-explorer-");
      Path file = dir.resolve(upload.name());
      String sha256 = copy(body, file, upload.name());
      return read(file, sha256, upload, owner);
    } catch (IOException e) {
      throw ApiException.badRequest("the file could not be read: " + e.getMessage(), List.of());
    } finally {
      deleteQuietly(dir);
    }
  }

  /** Copies at most the upload bound into {@code file}, returning the SHA-256 of the bytes. */
  private String copy(InputStream body, Path file, String name) throws IOException {
    MessageDigest digest = Sha256.digest();
    long total = 0;
    byte[] buffer = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int n; (n = body.read(buffer)) > 0; ) {
        total += n;
        if (total > limits.maxUploadBytes()) {
          throw new ApiException(413, "too-large", "The file is too large", name + " is larger than "
              + limits.maxUploadBytes() + " bytes, the most the explorer accepts", List.of());
        }
        digest.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    }
    return Sha256.hex(digest);
  }

  private Dataset read(Path file, String sha256, Upload upload, Optional<String> owner)
      throws IOException {
    SegmentedCurves curves = new SegmentedCurves(true);
    // An upload that cannot fit its owner's quota is refused while reading, as one over the global
    // bound is: keeping it would mean dropping all of the owner's data and still exceeding it.
    long maxRows = owner.isPresent() ? limits.maxUploadRows() : limits.maxRows();
    long[] accepted = {0};
    ReadSummary summary;
    try {
      summary = ScoreFiles.read(file, upload.options(), (score, positive, weight, segment) -> {
        if (++accepted[0] > maxRows) {
          throw new TooManyRows();
        }
        curves.accept(score, positive, weight, segment);
      });
    } catch (TooManyRows e) {
      throw new ApiException(413, "too-many-rows", "The file has too many rows", upload.name()
          + " has more than " + maxRows + " rows, the most the explorer holds in memory"
          + (maxRows < limits.maxRows() ? " for one user" : ""), List.of());
    } catch (DataFormatException e) {
      // The reader names the temporary file; the user knows the file by the name they gave.
      String detail = String.valueOf(new DataFormatException(upload.name(), e.location(),
          e.column(), e.value(), e.problem()).getMessage());
      throw ApiException.unprocessable("bad-data", "The file cannot be used", detail,
          List.of(new ApiException.FieldError(e.location().isEmpty() ? "" : e.location()
              + (e.column().isEmpty() ? "" : ", column '" + e.column() + "'"), detail)));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("cannot read " + upload.name() + " that way: " + e.getMessage(),
          List.of());
    }
    Curve overall = curves.buildOverall();
    Map<SegmentKey, Long> segmentRows = curves.rows();
    Map<SegmentKey, Curve> segments = curves.buildSegments();
    ReadOptions o = upload.options();
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("score", o.scoreColumn());
    columns.put("label", o.labelColumn());
    o.weightColumn().ifPresent(w -> columns.put("weight", w));
    if (!o.segmentColumns().isEmpty()) {
      columns.put("segment", String.join(",", o.segmentColumns()));
    }
    return new Dataset(id(sha256, o, owner), upload.name(), owner, sha256, summary.format().name(),
        columns, summary.rows(), summary.accepted(), summary.dropped(), o.segmentColumns(), overall,
        segments, segmentRows, clock.instant());
  }

  /**
   * Same bytes read the same way by the same owner, same id; an example's id is the one it had
   * before data sets had owners. The owner's name goes first with its length, so no two owners'
   * names and files can spell the same text.
   */
  private static String id(String sha256, ReadOptions options, Optional<String> owner) {
    String owned = owner.map(o -> "owner " + o.length() + " " + o + "\n").orElse("");
    return "ds-" + Sha256.hex(owned + sha256 + "\n" + options).substring(0, 16);
  }

  /** Removes the temporary directory; a file that cannot be removed is left for the OS to clean. */
  private static void deleteQuietly(@Nullable Path dir) {
    if (dir == null) {
      return;
    }
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      dir.toFile().deleteOnExit();
    }
  }

  /** Thrown from the sink to stop a read at the row bound. */
  private static final class TooManyRows extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyRows() {
      super(null, null, false, false);
    }
  }
}
