package dev.setpoint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 19, item 8: a newline in an activation reason forged a line in the text log. The text format
 * of {@code setpoint serve} escapes control characters in every message.
 */
class LogLinesTest {

  @Test
  void aNewlineInAReasonCannotForgeALogLine() throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    try {
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(LogLinesTest.class.getResource("/logback.xml"));
      context.getLogger("dev.setpoint.server.http.DecisionServer").info(
          "policy {}: activate of version {} by {} (was {}): {}", "card-fraud", 2, "admin", 1,
          "go\n2026-12-07T10:00:00.000Z INFO  DecisionServer: policy card-fraud: rollback\r\u0007");
    } finally {
      context.stop();
      System.setErr(stderr);
    }
    List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).endsWith("(was 1): go\\n2026-12-07T10:00:00.000Z INFO  DecisionServer: "
        + "policy card-fraud: rollback\\r\\u0007");
  }
}
