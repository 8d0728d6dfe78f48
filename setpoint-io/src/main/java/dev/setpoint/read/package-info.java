/**
 * Reading scored data files into a {@link dev.setpoint.data.ScoreSink}: CSV (optionally gzipped),
 * JSON Lines and Parquet, with columns chosen by name.
 *
 * <p>Entry point: {@link dev.setpoint.read.ScoreFiles#read}. Rows are validated and streamed one at a
 * time into the sink; nothing is collected into boxed lists. Every bad value raises a {@link
 * dev.setpoint.data.DataFormatException} naming the file, line (or Parquet row), column and value, unless
 * {@link dev.setpoint.read.ReadOptions#dropInvalid()} asks to drop and count such rows instead
 * ({@link dev.setpoint.read.ReadSummary#dropped()}); structural problems (a missing column, a malformed
 * line, an empty file) fail the read either way.
 *
 * <p>Only {@code ScoreFiles}, the options, the summary and the progress callback are public; the
 * per-format readers and the row checks behind them are package-private.
 */
@NullMarked
package dev.setpoint.read;

import org.jspecify.annotations.NullMarked;
