package dev.setpoint.read;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import dev.setpoint.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.Type;

/**
 * Reads Parquet with parquet-floor (Apache parquet-mr without Hadoop). Columns are top-level fields
 * chosen by name; scores and weights may be any numeric type (float widens to double exactly), labels
 * boolean, integer or string, segments any scalar. Locations are 1-based rows ({@code row 1234}).
 *
 * <p>parquet-floor hands each value over as a boxed object, so this path allocates per value; it is
 * fast enough for files that fit the rest of the pipeline, but CSV is the measured fast path.
 */
final class ParquetScoreReader {

  private static final int PROGRESS_EVERY = 1 << 16;
  private static final int SCORE = 0;
  private static final int LABEL = 1;
  private static final int WEIGHT = 2;
  private static final int FIRST_SEGMENT = 3;

  private ParquetScoreReader() {}

  static void read(Path file, RowValidator rows, ReadOptions options, ReadProgress progress)
      throws IOException, DataFormatException {
    long size = Files.size(file);
    ParquetMetadata metadata = metadata(file, rows);
    List<String> header = new ArrayList<>();
    for (Type field : metadata.getFileMetaData().getSchema().getFields()) {
      header.add(field.getName());
    }
    Columns.resolve(rows.source(), header, options); // a missing column fails here, listing the others
    long total = 0;
    for (BlockMetaData block : metadata.getBlocks()) {
      total += block.getRowCount();
    }
    if (total == 0) {
      throw DataFormatException.ofSource(rows.source(), "contains no rows");
    }
    Map<String, Integer> slots = new HashMap<>();
    slots.put(options.scoreColumn(), SCORE);
    slots.put(options.labelColumn(), LABEL);
    options.weightColumn().ifPresent(w -> slots.put(w, WEIGHT));
    for (int i = 0; i < options.segmentColumns().size(); i++) {
      slots.putIfAbsent(options.segmentColumns().get(i), FIRST_SEGMENT + i);
    }
    Object[] row = new Object[FIRST_SEGMENT + options.segmentColumns().size()];
    Hydrator<Object[], Object[], Integer> hydrator = new Hydrator<>() {
      @Override
      public Object[] start() {
        Arrays.fill(row, null);
        return row;
      }

      @Override
      public Object[] add(Object[] target, Integer slot, Object value) {
        if (slot >= 0) {
          target[slot] = value;
        }
        return target;
      }

      @Override
      public Object[] finish(Object[] target) {
        return target;
      }
    };
    String[] segments = new String[options.segmentColumns().size()];
    long position = 0;
    try (ParquetReader<Object[], Object[], Integer> reader = ParquetReader.spliterator(
        file.toFile(), hydrator, path -> slots.getOrDefault(String.join(".", path), -1))) {
      while (advance(reader, rows, position + 1)) {
        position++;
        for (int i = 0; i < segments.length; i++) {
          String column = options.segmentColumns().get(i);
          segments[i] = text(row[slots.get(column)]);
          if (segments[i] == null) {
            throw new DataFormatException(rows.source(), "row " + position, column, "",
                "is missing (null); every row needs a value for each --segment column");
          }
        }
        Object score = row[SCORE];
        Object weight = row[WEIGHT];
        String label = text(row[LABEL]);
        if ((score == null || score instanceof Number) && (weight == null || weight instanceof Number)) {
          rows.row(position, score == null ? null : ((Number) score).doubleValue(), label,
              weight == null ? null : ((Number) weight).doubleValue(), segments);
        } else {
          rows.row(position, text(score), label, options.weightColumn().isPresent() ? text(weight)
              : null, segments);
        }
        if (position % PROGRESS_EVERY == 0) {
          progress.update(size * position / total, size);
        }
      }
    }
    progress.update(size, size);
  }

  private static ParquetMetadata metadata(Path file, RowValidator rows)
      throws IOException, DataFormatException {
    try {
      return ParquetReader.readMetadata(file.toFile());
    } catch (RuntimeException e) {
      throw DataFormatException.ofSource(rows.source(), "is not a readable Parquet file: " + e.getMessage());
    } catch (IOException e) {
      if (Files.isRegularFile(file) && Files.isReadable(file)) {
        throw DataFormatException.ofSource(rows.source(),
            "is not a readable Parquet file: " + e.getMessage());
      }
      throw e;
    }
  }

  private static boolean advance(ParquetReader<Object[], Object[], Integer> reader, RowValidator rows,
      long position) throws DataFormatException {
    try {
      return reader.tryAdvance(r -> { });
    } catch (RuntimeException e) {
      // parquet-mr reports corrupt pages and unsupported encodings as unchecked exceptions.
      throw rows.malformed(position, "cannot be decoded: " + e.getMessage());
    }
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Binary b) {
      return b.toStringUsingUTF8();
    }
    return value.toString();
  }
}
