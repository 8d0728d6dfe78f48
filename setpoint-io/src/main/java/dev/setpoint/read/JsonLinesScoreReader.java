package dev.setpoint.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.setpoint.data.DataFormatException;
import dev.setpoint.data.ParserMessages;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads JSON Lines [1] score files with the Jackson streaming parser: one JSON object per line.
 *
 * <p>Values, by column:
 * <ul>
 *   <li>score and weight: a JSON number, or a string holding a decimal number (some exporters quote
 *       numbers to keep their precision); {@code NaN} and {@code Infinity} tokens are read so they fail
 *       as "not finite" rows rather than as malformed JSON;
 *   <li>label: a boolean, a number or a string, matched as {@link ReadOptions} says;
 *   <li>segment: any scalar, as its JSON text ({@code "EU"} → {@code EU}, {@code 3} → {@code 3}); null or
 *       a missing key is the empty segment, as an empty CSV field is.
 * </ul>
 * A {@code null}, or a key missing from a row, is a bad value of that row (droppable). The first object
 * plays the role of a CSV header: every requested key must be in it, or the read fails listing the keys
 * it has. Keys not requested are skipped, nested values included.
 *
 * <p>Implementation notes. One parser reads the whole stream; blank lines are whitespace between root
 * values. "One object per line" is checked from token locations: an object must end on the line it
 * starts, and the next one must start on a later line. Field names come back canonicalised from
 * Jackson's symbol table, so the slot lookup hashes no new strings.
 *
 * <p>[1] https://jsonlines.org/
 */
final class JsonLinesScoreReader {


  private final String source;
  private final RowValidator rows;
  private final Map<String, Integer> slots = new HashMap<>();
  private final boolean[] seen;

  private JsonLinesScoreReader(String source, RowValidator rows) {
    this.source = source;
    this.rows = rows;
    this.seen = new boolean[rows.slots()];
    for (int slot = 0; slot < rows.slots(); slot++) {
      if (rows.column(slot) != null) {
        slots.put(rows.column(slot), slot);
      }
    }
  }

  /** Jackson's list of every token it would have accepted, which tells a user nothing. */
  private static final java.util.regex.Pattern EXPECTED_TOKENS =
      java.util.regex.Pattern.compile(": was expecting \\(JSON String.*$");

  static void read(Path file, long size, RowValidator rows, ReadProgress progress)
      throws IOException, DataFormatException {
    String source = file.toString();
    JsonFactory factory = JsonFactory.builder()
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();
    try (SourceInput in = SourceInput.open(file);
        JsonParser parser = factory.createParser(in.content())) {
      ProgressTicker ticker = new ProgressTicker(progress, size, in::bytesRead);
      new JsonLinesScoreReader(source, rows).readObjects(parser, ticker);
      ticker.finish();
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String location = where == null || where.getLineNr() < 1 ? "" : line(where.getLineNr());
      String problem = EXPECTED_TOKENS.matcher(ParserMessages.oneLine(e.getOriginalMessage()))
          .replaceFirst("");
      throw withCause(new DataFormatException(source, location, "", "", "is not valid JSON: "
          + problem + (where != null && where.getLineNr() == 1 ? " (JSON Lines has one {...} "
              + "object per line; a CSV file is read when named .csv or with --input-format csv)"
              : "")), e);
    } catch (CharConversionException e) {
      // Jackson's encoding detection (UTF-8/16/32) found bytes that are no text at all.
      throw withCause(DataFormatException.ofSource(source, "is not text: " + e.getMessage()), e);
    }
  }

  private void readObjects(JsonParser p, ProgressTicker ticker)
      throws IOException, DataFormatException {
    long previousEnd = 0;
    List<String> firstKeys = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != null) {
      long line = p.currentTokenLocation().getLineNr();
      if (t != JsonToken.START_OBJECT) {
        throw new DataFormatException(source, line(line), "", "",
            "is not a JSON object (found " + describe(t) + ")");
      }
      if (line == previousEnd) {
        throw new DataFormatException(source, line(line), "", "",
            "holds more than one JSON object; JSON Lines has one object per line");
      }
      boolean first = previousEnd == 0;
      rows.startRow();
      Arrays.fill(seen, false);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        if (first) {
          firstKeys.add(name);
        }
        Integer slot = slots.get(name.trim());
        if (slot == null) {
          p.skipChildren();
          continue;
        }
        if (seen[slot]) {
          throw new DataFormatException(source, line(line), name, "",
              "appears twice in the object");
        }
        seen[slot] = true;
        value(slot, value, p);
      }
      long end = p.currentTokenLocation().getLineNr();
      if (end != line) {
        throw new DataFormatException(source, line(line), "", "",
            "holds an object that ends on line " + end
                + "; JSON Lines has each object on one line");
      }
      if (first) {
        requireColumns(firstKeys);
      }
      for (int slot = 0; slot < seen.length; slot++) {
        if (!seen[slot] && rows.column(slot) != null) {
          rows.absent(slot, false);
        }
      }
      rows.finishRow(JsonLinesScoreReader::line, line);
      ticker.row();
      previousEnd = end;
    }
    if (previousEnd == 0) {
      throw DataFormatException.ofSource(source, "is empty");
    }
  }

  private void requireColumns(List<String> keys) throws DataFormatException {
    Header header = new Header(source, keys);
    rows.columnsPresent(header);
    // A column dropped as absent (an optional label, a RowSink's extra column) is not read later.
    slots.values().removeIf(slot -> rows.column(slot) == null);
    for (int slot = 0; slot < seen.length; slot++) {
      if (rows.column(slot) != null) {
        header.require(rows.column(slot), line(1));
      }
    }
  }

  private void value(int slot, JsonToken t, JsonParser p) throws IOException {
    switch (t) {
      case VALUE_NULL:
        rows.absent(slot, true);
        return;
      case START_OBJECT:
      case START_ARRAY:
        p.skipChildren();
        rows.reject(slot, Defect.NOT_SCALAR, t == JsonToken.START_OBJECT ? "{...}" : "[...]");
        return;
      default:
        break;
    }
    if (slot == RowValidator.SCORE || slot == RowValidator.WEIGHT) {
      number(slot, t, p);
    } else if (slot == RowValidator.LABEL) {
      if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
        rows.labelBoolean(t == JsonToken.VALUE_TRUE);
      } else {
        rows.labelText(p.getText());
      }
    } else {
      rows.segment(slot, p.getText());
    }
  }

  private void number(int slot, JsonToken t, JsonParser p) throws IOException {
    switch (t) {
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) {
          // Through the text path, so the message shows what the file says (1e999, NaN).
          text(slot, p.getText());
        } else if (slot == RowValidator.SCORE) {
          rows.scoreNumber(v);
        } else {
          rows.weightNumber(v);
        }
        return;
      case VALUE_STRING:
        text(slot, p.getText());
        return;
      default:
        rows.reject(slot, Defect.NOT_A_NUMBER, p.getText());
    }
  }

  private void text(int slot, String text) {
    if (slot == RowValidator.SCORE) {
      rows.scoreText(text);
    } else {
      rows.weightText(text);
    }
  }

  private static String describe(JsonToken t) {
    switch (t) {
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return t.asString() == null ? t.name() : "'" + t.asString() + "'";
    }
  }

  private static DataFormatException withCause(DataFormatException e, Throwable cause) {
    e.initCause(cause);
    return e;
  }

  private static String line(long line) {
    return "line " + line;
  }
}
