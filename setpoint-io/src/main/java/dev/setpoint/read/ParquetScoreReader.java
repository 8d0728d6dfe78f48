package dev.setpoint.read;

import blue.strategic.parquet.Hydrator;
import blue.strategic.parquet.ParquetReader;
import dev.setpoint.data.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongFunction;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads Parquet score files with parquet-floor [1] (parquet-mr without Hadoop), reading only the
 * requested columns.
 *
 * <p>Column types:
 * <ul>
 *   <li>score and weight: double, float, int32, int64, decimal, or a string holding a decimal number;
 *   <li>label: boolean, any of the numeric types, or a string, matched as {@link ReadOptions} says;
 *   <li>segment: any primitive type, as text.
 * </ul>
 * Columns must be top-level, non-repeated primitives. A Parquet null is a bad value (score, label,
 * weight) or the empty segment. Locations are {@code row 1234}, counted from 1 over the whole file, with
 * {@code (row group 2)} added when the file has more than one row group.
 *
 * <p>Implementation notes. parquet-floor hands each value over boxed, one call per column; the hydrator
 * stores it in one reused array indexed by slot, and the row is checked after {@code tryAdvance}
 * returns, because parquet-floor wraps anything thrown inside it in a {@code RuntimeException}. Progress
 * is estimated as the fraction of rows read times the file size: parquet-floor reads whole column chunks,
 * so bytes consumed do not track rows.
 *
 * <p>[1] https://github.com/strategicblue/parquet-floor, version 2.3.
 */
final class ParquetScoreReader {

  private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

  /** How a column's boxed values become row values. */
  private enum Kind { NUMBER, DECIMAL, TEXT, BOOLEAN }

  private final String source;
  private final RowValidator rows;
  /** The current row's values by slot, filled by the hydrator; reused for every row. */
  private final Object[] values;
  private final Kind[] kinds;
  private final int[] scales;
  /** The cumulative row count at the end of each row group. */
  private long[] groupEnds = new long[0];

  private ParquetScoreReader(String source, RowValidator rows) {
    this.source = source;
    this.rows = rows;
    this.values = new Object[rows.slots()];
    this.kinds = new Kind[rows.slots()];
    this.scales = new int[rows.slots()];
  }

  static void read(Path file, long size, RowValidator rows, ReadProgress progress)
      throws IOException, DataFormatException {
    String source = file.toString();
    requireMagic(file, source);
    new ParquetScoreReader(source, rows).read(file, size, progress);
  }

  private void read(Path file, long size, ReadProgress progress)
      throws IOException, DataFormatException {
    Map<String, Integer> slots = new HashMap<>();
    for (int slot = 0; slot < rows.slots(); slot++) {
      if (rows.column(slot) != null) {
        slots.put(rows.column(slot), slot);
      }
    }
    ParquetReader<Object[], Object[], Integer> parquet;
    try {
      // The field mapper selects columns: null skips one, so only requested columns are decoded.
      parquet = ParquetReader.spliterator(file.toFile(), new SlotHydrator(),
          path -> path.length == 1 ? slots.get(path[0]) : null);
    } catch (RuntimeException e) {
      // parquet-mr reports a damaged footer or schema as RuntimeException ("... is not a Parquet
      // file", naming its reader object): our words, with its exception as the cause.
      throw withCause(DataFormatException.ofSource(source, "is not a complete Parquet file: it "
          + "starts as one, but its footer (the schema, at the end) is missing or damaged, as in a "
          + "file cut short or still being written (copy it again)"), e);
    }
    try (parquet) {
      List<BlockMetaData> blocks = parquet.metaData().getBlocks();
      groupEnds = new long[blocks.size()];
      long total = 0;
      for (int i = 0; i < groupEnds.length; i++) {
        total += blocks.get(i).getRowCount();
        groupEnds[i] = total;
      }
      checkSchema(parquet.metaData().getFileMetaData().getSchema());
      if (total == 0) {
        throw DataFormatException.ofSource(source, "contains no data rows");
      }
      long rowCount = total;
      ProgressTicker ticker =
          new ProgressTicker(progress, size, () -> (long) ((double) rows.rows() / rowCount * size));
      readRows(parquet, ticker);
      ticker.finish();
    }
  }

  /** Stores each value at its slot in {@link #values}; one array for the whole read. */
  private final class SlotHydrator implements Hydrator<Object[], Object[], Integer> {
    @Override
    public Object[] start() {
      Arrays.fill(values, null);
      return values;
    }

    @Override
    public Object[] add(Object[] row, Integer slot, Object value) {
      row[slot] = value;
      return row;
    }

    @Override
    public Object[] finish(Object[] row) {
      return row;
    }
  }

  private static void requireMagic(Path file, String source) throws IOException, DataFormatException {
    byte[] head = new byte[dev.setpoint.data.BinaryContent.HEAD];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      throw DataFormatException.ofSource(source,
          "is gzip-compressed; Parquet is read uncompressed (it compresses internally), gunzip it first");
    }
    if (n < MAGIC.length || !Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw DataFormatException.ofSource(source, "is not a Parquet file: it is "
          + dev.setpoint.data.BinaryContent.of(head, n).orElse("text (CSV, TSV and JSON Lines files "
              + "are read when named .csv, .tsv or .jsonl, or with --input-format)"));
    }
  }

  private void checkSchema(MessageType schema) throws DataFormatException {
    List<String> names = new ArrayList<>();
    schema.getFields().forEach(f -> names.add(f.getName()));
    Header header = new Header(source, names);
    rows.columnsPresent(header);
    for (int slot = 0; slot < values.length; slot++) {
      String column = rows.column(slot);
      if (column == null) {
        continue;
      }
      Type type = schema.getFields().get(header.require(column, ""));
      if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
        throw new DataFormatException(source, "", column, "",
            "is a nested or repeated Parquet field; expected one value per row");
      }
      PrimitiveType primitive = type.asPrimitiveType();
      kinds[slot] = kind(slot, primitive);
      if (kinds[slot] == Kind.DECIMAL) {
        scales[slot] = ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation)
            primitive.getLogicalTypeAnnotation()).getScale();
      }
    }
  }

  private Kind kind(int slot, PrimitiveType type) throws DataFormatException {
    PrimitiveTypeName name = type.getPrimitiveTypeName();
    boolean decimal =
        type.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
    boolean numeric = slot == RowValidator.SCORE || slot == RowValidator.WEIGHT;
    switch (name) {
      case DOUBLE:
      case FLOAT:
        return Kind.NUMBER;
      case INT32:
      case INT64:
        return decimal ? Kind.DECIMAL : Kind.NUMBER;
      case BOOLEAN:
        if (numeric) {
          break;
        }
        return Kind.BOOLEAN;
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        // parquet-floor renders strings and binary decimals as text ("12.50").
        return Kind.TEXT;
      default:
        if (slot >= RowValidator.FIRST_SEGMENT) {
          return Kind.TEXT;
        }
        break;
    }
    throw new DataFormatException(source, "", rows.column(slot), "",
        "has Parquet type " + type.getPrimitiveTypeName().name().toLowerCase(Locale.ROOT)
            + (numeric
                ? "; expected a number (double, float, int32, int64, decimal) or numeric text"
                : "; expected boolean, a number or text"));
  }

  private void readRows(ParquetReader<Object[], Object[], Integer> parquet, ProgressTicker ticker)
      throws IOException, DataFormatException {
    LongFunction<String> location = this::location;
    while (advance(parquet)) {
      rows.startRow();
      for (int slot = 0; slot < values.length; slot++) {
        if (rows.column(slot) != null) {
          value(slot, values[slot]);
        }
      }
      rows.finishRow(location, rows.rows());
      ticker.row();
    }
  }

  private boolean advance(ParquetReader<Object[], Object[], Integer> parquet)
      throws IOException, DataFormatException {
    try {
      return parquet.tryAdvance(row -> { });
    } catch (RuntimeException e) {
      // parquet-floor wraps every failure as RuntimeException("Failed to read parquet", cause).
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw withCause(new DataFormatException(source, location(rows.rows() + 1), "", "",
          "cannot be decoded (" + cause + ")"), e);
    }
  }

  private void value(int slot, Object value) {
    if (value == null) {
      rows.absent(slot, true);
      return;
    }
    if (slot >= RowValidator.FIRST_SEGMENT) {
      rows.segment(slot, value.toString());
      return;
    }
    switch (kinds[slot]) {
      case NUMBER:
        if (slot == RowValidator.LABEL) {
          label(value);
        } else {
          number(slot, ((Number) value).doubleValue());
        }
        return;
      case DECIMAL:
        BigDecimal decimal = BigDecimal.valueOf(((Number) value).longValue(), scales[slot]);
        if (slot == RowValidator.LABEL) {
          rows.labelText(decimal.toString());
        } else {
          number(slot, decimal.doubleValue());
        }
        return;
      case BOOLEAN:
        rows.labelBoolean((Boolean) value);
        return;
      default:
        String text = value.toString();
        if (slot == RowValidator.SCORE) {
          rows.scoreText(text);
        } else if (slot == RowValidator.WEIGHT) {
          rows.weightText(text);
        } else {
          rows.labelText(text);
        }
    }
  }

  private void label(Object value) {
    if (value instanceof Integer || value instanceof Long) {
      rows.labelLong(((Number) value).longValue());
    } else {
      rows.labelDouble(((Number) value).doubleValue());
    }
  }

  private void number(int slot, double v) {
    if (slot == RowValidator.SCORE) {
      rows.scoreNumber(v);
    } else {
      rows.weightNumber(v);
    }
  }

  /** {@code row 1234}, plus the row group when there is more than one; rows count from 1. */
  private String location(long row) {
    if (groupEnds.length <= 1) {
      return "row " + row;
    }
    int group = 0;
    while (group < groupEnds.length - 1 && row > groupEnds[group]) {
      group++;
    }
    return "row " + row + " (row group " + (group + 1) + ")";
  }

  private static DataFormatException withCause(DataFormatException e, Throwable cause) {
    e.initCause(cause);
    return e;
  }
}
