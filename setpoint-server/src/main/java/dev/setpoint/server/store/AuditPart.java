package dev.setpoint.server.store;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * One part of the audit log: a table of decision groups and the table of their labels, which always
 * go together (a label lives in its decision's part). PostgreSQL's partitioned tables are one part
 * ({@link #UNDATED}); the embedded store has that one (what was written before it kept days) and one
 * per UTC day ({@link SqliteDays}).
 *
 * @param groups the decision group table
 * @param labels the label table
 * @param day the UTC day whose decisions the part holds; empty for the undated part
 */
record AuditPart(String groups, String labels, Optional<LocalDate> day) {

  /** The undated tables: {@code decision_group} and {@code label}. */
  static final AuditPart UNDATED = new AuditPart("decision_group", "label", Optional.empty());

  private static final DateTimeFormatter NAME = DateTimeFormatter.BASIC_ISO_DATE;

  /** The tables of {@code day}: {@code decision_group_dYYYYMMDD}, {@code label_dYYYYMMDD}. */
  static AuditPart of(LocalDate day) {
    if (day.getYear() < 1 || day.getYear() > 9999) {
      throw new IllegalArgumentException("decision times must fall in the years 1 to 9999, one fell "
          + "on " + day);
    }
    String name = day.format(NAME);
    return new AuditPart("decision_group_d" + name, "label_d" + name, Optional.of(day));
  }

  /** The day a day table's name names ({@code decision_group_dYYYYMMDD}). */
  static LocalDate dayOf(String groupTable) {
    return LocalDate.parse(groupTable.substring(groupTable.length() - 8), NAME);
  }
}
