package dev.setpoint.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.setpoint.server.api.Access;
import dev.setpoint.server.api.ApiException;
import dev.setpoint.spelling.Printable;
import dev.setpoint.server.store.Label;
import dev.setpoint.server.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /v1/labels} with a CSV or JSON Lines body: read line by line as it arrives and stored
 * {@value #CHUNK} labels a transaction, so a body of a million labels needs neither the JSON body
 * limit nor memory for the whole body (what it holds is reserved in the {@link BodyBudget}). Labels
 * are idempotent by decision id, so a body sent again stores nothing twice.
 *
 * <p>A bad line stops the import: the labels of the lines before it are stored (they are valid and
 * sending the corrected file again finds them as duplicates), none after it, and the answer is a 400
 * problem naming the line and the field ({@code line 17/positive}).
 */
final class BulkLabels {

  /** The formats of a body of many labels. */
  enum Format {
    /** A header naming the decision id and label columns, then a label a line. */
    CSV,
    /** A JSON object {@code {decisionId, positive}} a line. */
    JSON_LINES
  }

  /** Labels stored per transaction. */
  static final int CHUNK = 5_000;
  /** The longest line, in characters. */
  static final int MAX_LINE = 64 * 1024;
  /** How many lines whose label was not stored (a conflict, an unknown decision) are listed. */
  static final int LISTED = 100;
  /**
   * What an import holds at most, reserved in the body budget: two chunks' labels (about 200 bytes
   * each; one being stored while the next is read), a line, the reader's buffers.
   */
  static final long RESERVED = 2 * CHUNK * 200L + MAX_LINE * 2L + (64L << 10);

  private static final List<String> ID_COLUMNS = List.of("decisionId", "decision_id", "id");
  private static final List<String> LABEL_COLUMNS = List.of("positive", "label");

  private final Store store;
  private final BodyBudget budget;

  BulkLabels(Store store, BodyBudget budget) {
    this.store = store;
    this.budget = budget;
  }

  /** The format of a body of this {@code Content-Type}; empty for JSON (or none), handled as one document. */
  static Optional<Format> of(@Nullable String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "text/csv" -> Optional.of(Format.CSV);
      case "application/x-ndjson", "application/jsonl", "application/x-jsonlines",
          "application/jsonlines" -> Optional.of(Format.JSON_LINES);
      default -> Optional.empty();
    };
  }

  /** Counts of what the import did, and the first lines whose label was not stored. */
  private static final class Tally {
    long lines;
    long stored;
    long duplicate;
    long conflict;
    long unknown;
    final ArrayNode notStored = Requests.JSON.createArrayNode();
    long notListed;

    void count(long line, Label label, Label.Outcome outcome) {
      switch (outcome) {
        case STORED -> stored++;
        case DUPLICATE -> duplicate++;
        case CONFLICT -> conflict++;
        case UNKNOWN_DECISION -> unknown++;
      }
      if (outcome == Label.Outcome.CONFLICT || outcome == Label.Outcome.UNKNOWN_DECISION) {
        if (notStored.size() < LISTED) {
          notStored.addObject().put("line", line).put("decisionId", label.decisionId())
              .put("outcome", outcome.name().toLowerCase(Locale.ROOT));
        } else {
          notListed++;
        }
      }
    }

    ObjectNode json() {
      ObjectNode out = Requests.JSON.createObjectNode();
      out.put("labels", lines).put("stored", stored).put("duplicate", duplicate)
          .put("conflict", conflict).put("unknownDecision", unknown);
      out.set("notStored", notStored);
      out.put("notStoredUnlisted", notListed);
      return out;
    }
  }

  /**
   * Reads and stores the labels of {@code body}.
   *
   * @return the counts: labels, stored, duplicate, conflict, unknownDecision, and the first lines not
   *     stored
   * @throws ApiException 400 naming the first bad line, 503 when the body budget is spent
   */
  ObjectNode read(InputStream body, Format format, Instant now, Access.Principal who) {
    if (!budget.tryReserve(RESERVED)) {
      throw ApiException.unavailable("the server holds as many request bodies in memory as it may ("
          + budget.capacity() + " bytes); retry shortly");
    }
    Tally tally = new Tally();
    try (Reader in = new InputStreamReader(body, StandardCharsets.UTF_8);
        Writer writer = new Writer(tally)) {
      LineReader lines = new LineReader(in);
      int @Nullable [] columns = null;
      String line;
      while ((line = lines.next()) != null) {
        if (line.isBlank()) {
          continue;
        }
        long number = lines.number();
        Label label;
        try {
          if (format == Format.JSON_LINES) {
            label = jsonLabel(line, number, now, who);
          } else if (columns == null) {
            columns = header(line, number);
            continue;
          } else {
            label = csvLabel(line, number, columns, now, who);
          }
        } catch (ApiException e) {
          writer.flush();
          drain(body);
          throw stopped(e, tally);
        }
        writer.add(number, label);
      }
      writer.flush();
      if (tally.lines == 0) {
        throw ApiException.badRequest("the body has no labels" + (format == Format.CSV
            ? ": a header (decisionId,positive), then a label a line" : ""), List.of());
      }
      return tally.json();
    } catch (IOException e) {
      throw ApiException.badRequest("the request body could not be read (the connection failed or "
          + "did not send it in time) after " + tally.lines + " labels; those were stored, and "
          + "sending the body again stores each label once", List.of());
    } finally {
      budget.release(RESERVED);
    }
  }

  /**
   * Stores full chunks on a thread of its own, one at a time, while the request's thread reads the
   * next: the database's work and the parsing overlap.
   */
  private final class Writer implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
        r -> new Thread(r, "setpoint-label-import"));
    private final Tally tally;
    private @Nullable Future<?> pending;
    private List<Label> labels = new ArrayList<>(CHUNK);
    private List<Long> lines = new ArrayList<>(CHUNK);

    Writer(Tally tally) {
      this.tally = tally;
    }

    /** Adds a label; a full chunk is handed to the thread once the one before is stored. */
    void add(long line, Label label) {
      labels.add(label);
      lines.add(line);
      if (labels.size() == CHUNK) {
        awaitPending();
        List<Label> full = labels;
        List<Long> fullLines = lines;
        pending = thread.submit(() -> store(full, fullLines, tally));
        labels = new ArrayList<>(CHUNK);
        lines = new ArrayList<>(CHUNK);
      }
    }

    /** Stores what was added, and returns when everything is stored. */
    void flush() {
      awaitPending();
      store(labels, lines, tally);
      labels = new ArrayList<>();
      lines = new ArrayList<>();
    }

    private void awaitPending() {
      Future<?> p = pending;
      if (p == null) {
        return;
      }
      pending = null;
      try {
        p.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while labels were stored", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException("storing labels failed", e.getCause());
      }
    }

    /** Waits for a chunk still being stored (the request fails after it), then ends the thread. */
    @Override
    public void close() {
      try {
        awaitPending();
      } finally {
        thread.shutdown();
      }
    }
  }

  private void store(List<Label> chunk, List<Long> lines, Tally tally) {
    if (chunk.isEmpty()) {
      return;
    }
    List<Label.Outcome> outcomes = store.putLabels(chunk);
    for (int i = 0; i < chunk.size(); i++) {
      tally.count(lines.get(i), chunk.get(i), outcomes.get(i));
    }
    tally.lines += chunk.size();
  }

  /**
   * Reads and drops the rest of a refused body (up to {@link BodyReader#DRAIN_LIMIT} bytes), so that
   * the answer is not lost to a connection reset while the client is still sending.
   */
  private static void drain(InputStream body) {
    byte[] skip = new byte[8192];
    long left = BodyReader.DRAIN_LIMIT;
    try {
      int n;
      while (left > 0 && (n = body.read(skip)) > 0) {
        left -= n;
      }
    } catch (IOException e) {
      // The connection failed: there is no one left to answer, and nothing to drop.
      return;
    }
  }

  /** The line's refusal, saying what was stored before it. */
  private static ApiException stopped(ApiException e, Tally tally) {
    return ApiException.badRequest(e.getMessage() + "; the " + tally.lines + " labels before it "
        + "were stored (" + tally.stored + " new), none after it: correct the line and send the "
        + "body again (labels stored already count as duplicates)", e.errors());
  }

  /** The positions of the id and the label columns, from the header. */
  private static int[] header(String line, long number) {
    List<String> names = CsvLine.split(line, number);
    int id = -1;
    int label = -1;
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).strip();
      if (id < 0 && ID_COLUMNS.contains(name)) {
        id = i;
      } else if (label < 0 && LABEL_COLUMNS.contains(name)) {
        label = i;
      }
    }
    if (id < 0 || label < 0) {
      throw ApiException.field("line " + number, "the header must name the decision id column ("
          + String.join(", ", ID_COLUMNS) + ") and the label column ("
          + String.join(", ", LABEL_COLUMNS) + "), was " + Printable.quoted(line, 200));
    }
    return new int[] {id, label};
  }

  private static Label csvLabel(String line, long number, int[] columns, Instant now,
      Access.Principal who) {
    List<String> fields = CsvLine.split(line, number);
    String at = "line " + number;
    int needed = Math.max(columns[0], columns[1]) + 1;
    if (fields.size() < needed) {
      throw ApiException.field(at, "has " + fields.size() + " field(s), the header " + needed
          + " or more");
    }
    String id = fields.get(columns[0]).strip();
    if (id.isEmpty()) {
      throw ApiException.field(at + "/decisionId", "required");
    }
    String value = fields.get(columns[1]).strip().toLowerCase(Locale.ROOT);
    boolean positive = switch (value) {
      case "1", "true" -> true;
      case "0", "false" -> false;
      default -> throw ApiException.field(at + "/positive", "must be 1, 0, true or false, was "
          + Printable.quoted(fields.get(columns[1]), 100));
    };
    return new Label(id, positive, now, who.name());
  }

  private static Label jsonLabel(String line, long number, Instant now, Access.Principal who) {
    String at = "line " + number;
    JsonNode item;
    try {
      item = Requests.JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw ApiException.field(at, "not a JSON object: " + e.getOriginalMessage());
    }
    return LogEndpoints.label(item, at, now, who, false);
  }

  /** Reads lines of at most {@link #MAX_LINE} characters, counting them from 1. */
  private static final class LineReader {
    private final Reader in;
    private final char[] buffer = new char[8192];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int end;
    private long number;

    LineReader(Reader in) {
      this.in = in;
    }

    long number() {
      return number;
    }

    @Nullable String next() throws IOException {
      line.setLength(0);
      while (true) {
        if (position == end) {
          end = in.read(buffer);
          position = 0;
          if (end <= 0) {
            end = 0;
            if (line.length() == 0) {
              return null;
            }
            number++;
            return line.toString();
          }
        }
        char ch = buffer[position++];
        if (ch == '\n') {
          number++;
          int n = line.length();
          return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
        }
        if (line.length() == MAX_LINE) {
          throw ApiException.field("line " + (number + 1), "longer than " + MAX_LINE
              + " characters");
        }
        line.append(ch);
      }
    }
  }

  /** One CSV line's fields: separated by commas, a field in double quotes may hold commas and "". */
  static final class CsvLine {
    private CsvLine() {}

    static List<String> split(String line, long number) {
      List<String> fields = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char ch = line.charAt(i);
        if (quoted) {
          if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (ch == '"') {
            quoted = false;
          } else {
            field.append(ch);
          }
        } else if (ch == '"' && field.toString().isBlank()) {
          field.setLength(0);
          quoted = true;
        } else if (ch == ',') {
          fields.add(field.toString());
          field.setLength(0);
        } else {
          field.append(ch);
        }
      }
      if (quoted) {
        throw ApiException.field("line " + number, "a quoted field is not closed (a label is one "
            + "line)");
      }
      fields.add(field.toString());
      return fields;
    }
  }
}
