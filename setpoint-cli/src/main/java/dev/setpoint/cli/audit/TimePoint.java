package dev.setpoint.cli.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A time on the command line: an instant ({@code 2026-11-01T00:00:00Z}), a day ({@code 2026-11-01},
 * its start in UTC), or a time before now ({@code 30d}, {@code 12h}, {@code 90m}), resolved when the
 * command runs.
 */
sealed interface TimePoint {

  /** The instant this names, with now from {@code clock}. */
  Instant resolve(Clock clock);

  /** A fixed instant. */
  record At(Instant instant) implements TimePoint {
    @Override
    public Instant resolve(Clock clock) {
      return instant;
    }
  }

  /** So long before now. */
  record Ago(Duration duration) implements TimePoint {
    @Override
    public Instant resolve(Clock clock) {
      return clock.instant().minus(duration);
    }
  }

  /** Reads a time point; the message of a refusal shows the three forms. */
  final class Converter implements ITypeConverter<TimePoint> {
    @Override
    public TimePoint convert(String value) {
      return parse(value);
    }
  }

  /** Reads {@code text} as one of the three forms. */
  static TimePoint parse(String text) {
    String t = text.strip();
    if (t.matches("[0-9]{1,6}[dhm]")) {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      return new Ago(switch (t.charAt(t.length() - 1)) {
        case 'd' -> Duration.ofDays(n);
        case 'h' -> Duration.ofHours(n);
        default -> Duration.ofMinutes(n);
      });
    }
    try {
      if (t.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
        return new At(LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant());
      }
      return new At(Instant.parse(t.toUpperCase(Locale.ROOT)));
    } catch (DateTimeParseException e) {
      throw new TypeConversionException("'" + text + "' is not a time: give an instant "
          + "(2026-11-01T00:00:00Z), a day (2026-11-01, from 00:00 UTC) or a time before now "
          + "(30d, 12h, 90m)");
    }
  }
}
