package dev.setpoint.cli.policy;

import dev.setpoint.cli.report.Numbers;
import dev.setpoint.policy.Band;
import dev.setpoint.policy.Condition;
import dev.setpoint.policy.Match;
import dev.setpoint.policy.Provenance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Policies in words, for {@code policy explain}, {@code policy diff} and {@code decide}. */
public final class PolicyText {

  private PolicyText() {}

  /** A match as a condition: {@code jurisdiction = EU and amount >= 5000}; "every request" for all. */
  public static String match(Match match) {
    if (match.isAll()) {
      return "every request";
    }
    List<String> parts = new ArrayList<>();
    match.conditions().forEach((attribute, c) -> parts.add(condition(attribute, c)));
    return String.join(" and ", parts);
  }

  /** One condition in words. */
  public static String condition(String attribute, Condition c) {
    if (c instanceof Condition.OneOf one) {
      return one.values().size() == 1 ? attribute + " = " + one.values().get(0)
          : attribute + " in {" + String.join(", ", one.values()) + "}";
    }
    Condition.Range r = (Condition.Range) c;
    List<String> sides = new ArrayList<>();
    if (r.lower() != Double.NEGATIVE_INFINITY) {
      sides.add(attribute + (r.lowerInclusive() ? " >= " : " > ") + Numbers.brief(r.lower()));
    }
    if (r.upper() != Double.POSITIVE_INFINITY) {
      sides.add(attribute + (r.upperInclusive() ? " <= " : " < ") + Numbers.brief(r.upper()));
    }
    return sides.isEmpty() ? attribute + " is a number" : String.join(" and ", sides);
  }

  /** The scores band {@code b} takes: {@code score >= 0.97}, {@code 0.62 <= score < 0.97}. */
  public static String scores(List<Band> bands, int b) {
    String lo = bands.get(b).minScore().isPresent()
        ? Double.toString(bands.get(b).minScore().getAsDouble()) : null;
    String hi = b > 0 ? Double.toString(bands.get(b - 1).minScore().getAsDouble()) : null;
    if (lo == null && hi == null) {
      return "every score";
    }
    if (lo == null) {
      return "score < " + hi;
    }
    return hi == null ? "score >= " + lo : lo + " <= score < " + hi;
  }

  /** The action and its queue: {@code review -> queue eu-analysts}. */
  public static String action(Band band) {
    return band.action() + band.queue().map(q -> " -> queue " + q).orElse("");
  }

  /** The provenance in a few indented lines. */
  public static List<String> provenance(Provenance p) {
    List<String> lines = new ArrayList<>();
    StringBuilder chosen = new StringBuilder("chosen for " + p.objective());
    p.data().ifPresent(d -> {
      chosen.append(" on ").append(d.source().orElse("data")).append(" (sha256 ")
          .append(d.sha256(), 0, 12).append("…, ").append(String.format(Locale.ROOT, "%,d", d.n()))
          .append(" rows, ").append(Numbers.count(d.positives())).append(" positives");
      if (!d.segment().isEmpty()) {
        chosen.append(", segment ").append(String.join("/", d.segment()));
      }
      chosen.append(')');
    });
    lines.add(chosen.toString());
    p.note().ifPresent(n -> lines.add("note: " + n));
    p.expected().ifPresent(x -> {
      List<String> parts = new ArrayList<>();
      x.precision().ifPresent(v -> parts.add("precision " + Numbers.rate(v)));
      x.recall().ifPresent(v -> parts.add("recall " + Numbers.rate(v)));
      x.flagRate().ifPresent(v -> parts.add("flag rate " + Numbers.rate(v)));
      if (!parts.isEmpty()) {
        lines.add("expected: " + String.join(", ", parts));
      }
    });
    p.interval().ifPresent(i -> {
      List<String> parts = new ArrayList<>();
      if (i.precisionLower().isPresent() || i.precisionUpper().isPresent()) {
        parts.add("precision in [" + bound(i.precisionLower().orElse(Double.NaN)) + ", "
            + bound(i.precisionUpper().orElse(Double.NaN)) + "]");
      }
      if (i.recallLower().isPresent() || i.recallUpper().isPresent()) {
        parts.add("recall in [" + bound(i.recallLower().orElse(Double.NaN)) + ", "
            + bound(i.recallUpper().orElse(Double.NaN)) + "]");
      }
      lines.add(Numbers.level(i.confidence()) + " " + i.method() + ": "
          + (parts.isEmpty() ? "no bounds" : String.join(", ", parts)));
    });
    List<String> who = new ArrayList<>();
    p.model().ifPresent(m -> who.add("model " + m.name() + " " + m.version()));
    p.createdBy().ifPresent(v -> who.add("by " + v));
    p.createdAt().ifPresent(v -> who.add("at " + v));
    p.tool().ifPresent(v -> who.add("with " + v));
    if (!who.isEmpty()) {
      lines.add(String.join(", ", who));
    }
    return lines;
  }

  private static String bound(double v) {
    return Double.isNaN(v) ? "?" : Numbers.rate(v);
  }
}
