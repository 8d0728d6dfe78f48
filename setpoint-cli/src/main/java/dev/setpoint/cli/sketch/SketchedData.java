package dev.setpoint.cli.sketch;

import dev.setpoint.data.DataFormatException;
import dev.setpoint.read.ReadSummary;
import dev.setpoint.sketch.ScoreSketch;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sketch as the commands report it, with where it came from.
 *
 * @param source a title: the file streamed, or "merge of N sketches"
 * @param read the reader's summary when a file was streamed ({@code --sketch}); empty for {@code --merge}
 * @param merged the saved sketches merged, in order; empty for {@code --sketch}
 * @param sketch the sketch
 */
public record SketchedData(String source, Optional<ReadSummary> read, List<Path> merged,
    ScoreSketch sketch) {

  /** Copies the list. */
  public SketchedData {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(read, "read");
    merged = List.copyOf(merged);
    Objects.requireNonNull(sketch, "sketch");
  }

  /** The sketch must hold rows of non-zero weight: an objective needs something to choose from. */
  public void requireRows() throws DataFormatException {
    if (sketch.rows() == 0) {
      throw DataFormatException.ofSource(source, "the sketch holds no rows of non-zero weight");
    }
  }

  /** AP and ROC AUC need both classes, as for {@code evaluate} on the rows; the error says which. */
  public void requireBothClasses() throws DataFormatException {
    requireRows();
    if (sketch.positives() > 0 && sketch.negatives() > 0) {
      return;
    }
    throw DataFormatException.ofSource(source, "average precision and ROC AUC need both positives "
        + "and negatives, but the sketch's " + String.format(java.util.Locale.ROOT, "%,d",
            sketch.rows()) + " rows have only " + (sketch.positives() > 0 ? "positives"
            : "negatives"));
  }
}
