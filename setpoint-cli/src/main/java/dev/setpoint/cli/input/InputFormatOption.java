package dev.setpoint.cli.input;

import dev.setpoint.read.ReadOptions;
import dev.setpoint.read.ScoreFormat;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --input-format} (a picocli mixin): the format a score file is read as instead of the one its
 * name implies, declared once for every command that reads score files ({@link InputOptions}, {@code
 * setpoint score}).
 */
public final class InputFormatOption {

  @Option(names = "--input-format", paramLabel = "FORMAT", converter = FormatConverter.class,
      description = "Read as this format instead of guessing from the file name: csv, tsv, jsonl "
          + "(or ndjson), parquet.")
  private ScoreFormat inputFormat;

  /** {@code options} read as --input-format says, when it was given. */
  public ReadOptions applyTo(ReadOptions options) {
    return inputFormat == null ? options : options.withFormat(inputFormat);
  }

  /** Accepts the names users type ({@code jsonl}, {@code ndjson}) as well as the enum constants. */
  static final class FormatConverter implements ITypeConverter<ScoreFormat> {
    @Override
    public ScoreFormat convert(String value) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "csv" -> ScoreFormat.CSV;
        case "tsv", "tab" -> ScoreFormat.TSV;
        case "jsonl", "ndjson", "json_lines", "json-lines" -> ScoreFormat.JSON_LINES;
        case "parquet", "pq" -> ScoreFormat.PARQUET;
        default -> throw new TypeConversionException(
            "'" + value + "' is not a format; expected csv, tsv, jsonl or parquet");
      };
    }
  }
}
