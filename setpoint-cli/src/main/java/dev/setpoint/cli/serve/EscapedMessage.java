package dev.setpoint.cli.serve;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.setpoint.spelling.Printable;

/**
 * The {@code %escapedMsg} of {@code logback.xml}: a log line's message with its control characters
 * escaped ({@link Printable#escaped}), so that text a client sent — an activation reason, a policy
 * name, a token's name — cannot end the line and forge another one. Stack traces ({@code %ex}) stay
 * as they are: they come from the server, not from clients. The JSON format escapes by itself.
 */
public final class EscapedMessage extends ClassicConverter {

  @Override
  public String convert(ILoggingEvent event) {
    return Printable.escaped(event.getFormattedMessage());
  }
}
