package dev.setpoint.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.setpoint.data.DataFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads JSON Lines: one JSON object per line, parsed with Jackson's streaming parser (no tree, no
 * objects per field). Blank lines are skipped.
 *
 * <p>Values: the score and weight must be JSON numbers, or strings holding a number (some exporters
 * quote numbers); the label may be a boolean, number or string; segment values any scalar, used as
 * text. {@code null} counts as missing. Keys the options do not name are skipped, nested values
 * included.
 */
final class JsonLinesScoreReader {

  private static final int PROGRESS_EVERY = 1 << 16;
  private static final int SCORE = 0;
  private static final int LABEL = 1;
  private static final int WEIGHT = 2;
  private static final int FIRST_SEGMENT = 3;

  private JsonLinesScoreReader() {}

  static void read(Path file, RowValidator rows, ReadOptions options, ReadProgress progress)
      throws IOException, DataFormatException {
    long size = Files.size(file);
    Map<String, Integer> slots = new HashMap<>();
    slots.put(options.scoreColumn(), SCORE);
    slots.put(options.labelColumn(), LABEL);
    options.weightColumn().ifPresent(w -> slots.put(w, WEIGHT));
    int slotCount = FIRST_SEGMENT + options.segmentColumns().size();
    for (int i = 0; i < options.segmentColumns().size(); i++) {
      // A column may play two roles (segmenting by the label, say): it keeps its first slot, and the
      // segment value is then read from that slot below.
      slots.putIfAbsent(options.segmentColumns().get(i), FIRST_SEGMENT + i);
    }
    JsonFactory factory = new JsonFactory();
    CountingInputStream.Opened in = CountingInputStream.open(file);
    String[] values = new String[slotCount];
    String[] segments = new String[options.segmentColumns().size()];
    long lineNumber = 0;
    boolean sawContent = false;
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(in.stream(), StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        sawContent = true;
        java.util.Arrays.fill(values, null);
        parseLine(factory, line, lineNumber, slots, values, rows);
        for (int i = 0; i < segments.length; i++) {
          String column = options.segmentColumns().get(i);
          int slot = slots.get(column);
          segments[i] = values[slot];
          if (segments[i] == null) {
            throw new DataFormatException(rows.source(), "line " + lineNumber, column, "",
                "is missing; every row needs a value for each --segment column");
          }
        }
        rows.row(lineNumber, values[SCORE], values[LABEL], values[WEIGHT], segments);
        if (rows.rows() % PROGRESS_EVERY == 0) {
          progress.update(in.raw().count(), size);
        }
      }
    }
    if (!sawContent) {
      throw DataFormatException.ofSource(rows.source(), "is empty");
    }
    progress.update(in.raw().count(), size);
  }

  private static void parseLine(JsonFactory factory, String line, long lineNumber,
      Map<String, Integer> slots, String[] values, RowValidator rows)
      throws IOException, DataFormatException {
    try (JsonParser p = factory.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw rows.malformed(lineNumber, "is not a JSON object: " + abbreviate(line));
      }
      JsonToken token;
      while ((token = p.nextToken()) == JsonToken.FIELD_NAME) {
        Integer slot = slots.get(p.currentName());
        JsonToken value = p.nextToken();
        if (slot == null) {
          p.skipChildren();
          continue;
        }
        switch (value) {
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_STRING -> values[slot] = p.getText();
          case VALUE_TRUE -> values[slot] = "true";
          case VALUE_FALSE -> values[slot] = "false";
          case VALUE_NULL -> values[slot] = null;
          default -> throw new DataFormatException(rows.source(), "line " + lineNumber,
              p.currentName(), "", "is a JSON " + (value == JsonToken.START_ARRAY ? "array" : "object")
                  + ", expected a single value");
        }
      }
      if (token != JsonToken.END_OBJECT) {
        throw rows.malformed(lineNumber, "is not a JSON object: " + abbreviate(line));
      }
      if (p.nextToken() != null) {
        throw rows.malformed(lineNumber, "has text after the JSON object; JSON Lines needs one object"
            + " per line");
      }
    } catch (JsonProcessingException e) {
      throw rows.malformed(lineNumber, "is not valid JSON: " + e.getOriginalMessage());
    }
  }

  private static String abbreviate(String line) {
    return line.length() <= 60 ? line : line.substring(0, 57) + "...";
  }
}
