package dev.setpoint.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store written by schema version 1 (a row per decision) reads the same after migrating to 2. */
class MigrationTest {

  @TempDir Path dir;

  @Test
  void version1DecisionsAndLabelsSurviveTheMoveToGroups() throws Exception {
    String url = "jdbc:sqlite:" + dir.resolve("setpoint.db");
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/sqlite")
        .target("1").load().migrate();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("INSERT INTO decision VALUES ('d1', 1000, 'fraud', 1, 'eu', 1, 'review', 'q', 0.62, "
          + "0.7, 'matched', 'tier', '{\"jurisdiction\":\"EU\"}')");
      s.execute("INSERT INTO decision VALUES ('d2', 2000, 'fraud', 1, 'default', 2, 'allow', NULL, "
          + "NULL, 0.1, 'default', '', '{}')");
      s.execute("INSERT INTO label VALUES ('d1', 1, 3000, 'ops')");
    }
    try (Store store = JdbcStore.sqlite(dir)) {
      assertThat(store.decisionCount()).isEqualTo(2);
      DecisionRecord d1 = store.decision("d1").orElseThrow();
      assertThat(d1.queue()).contains("q");
      assertThat(d1.threshold()).hasValue(0.62);
      assertThat(d1.missing()).containsExactly("tier");
      assertThat(d1.attributes()).isEqualTo("{\"jurisdiction\":\"EU\"}");
      DecisionRecord d2 = store.decision("d2").orElseThrow();
      assertThat(d2.queue()).isEmpty();
      assertThat(d2.threshold()).isEmpty();
      assertThat(d2.missing()).isEmpty();
      assertThat(store.label("d1").map(Label::positive)).contains(true);
    }
  }
}
