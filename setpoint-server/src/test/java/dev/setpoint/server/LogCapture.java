package dev.setpoint.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;

/** What the server logs while a test runs: every line of the {@code dev.setpoint} loggers. */
public final class LogCapture implements AutoCloseable {

  private final Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger("dev.setpoint");
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  public LogCapture() {
    appender.start();
    logger.addAppender(appender);
  }

  /** Each event so far as its formatted message, followed by its stack trace when it has one. */
  public synchronized List<String> lines() {
    return List.copyOf(appender.list).stream().map(e -> e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(
            e.getThrowableProxy()))).toList();
  }

  /** Everything logged so far, one string. */
  public String text() {
    return String.join("\n", lines());
  }

  @Override
  public void close() {
    logger.detachAppender(appender);
    appender.stop();
  }
}
