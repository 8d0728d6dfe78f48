package dev.setpoint.cli.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Writer;

/**
 * How every {@code --format json} report is printed: indented, followed by a line separator (a text
 * stream's last line ends with one, so {@code jq}, {@code cat} and shells see a whole line), and the
 * stream left open for the caller. Jackson closes the target after writing by default, which silently
 * dropped any newline written after it; one mapper configured here keeps every command alike.
 */
public final class JsonOutput {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .build();

  private JsonOutput() {}

  /** Prints {@code report} and a line separator to {@code out}, and flushes it. */
  public static void print(JsonNode report, Writer out) throws IOException {
    MAPPER.writeValue(out, report);
    out.write(System.lineSeparator());
    out.flush();
  }
}
