package dev.setpoint.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.server.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store written by an older schema reads the same after migrating: version 1 (a row per decision)
 * to groups, and PostgreSQL's version 3 (one table) to day partitions.
 */
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

  @Test
  void version3DecisionsAndLabelsMoveIntoDayPartitionsOnPostgresql() throws Exception {
    String database = TestPostgres.create("migration");
    try {
      String url = TestPostgres.url(database);
      Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/postgresql")
          .target("3").load().migrate();
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        s.execute("INSERT INTO decision_group VALUES ('g', 86399999, 'fraud', 2, 2, TRUE, "
            + "'[[\"eu\",1,\"review\",null,null,0.5,\"default\",\"\",{}],"
            + "[\"eu\",1,\"allow\",null,null,0.1,\"default\",\"\",{}]]'), "
            + "('s', 86400000, 'fraud', 2, 1, FALSE, "
            + "'[[\"eu\",1,\"review\",null,null,0.5,\"default\",\"\",{}]]')");
        s.execute("INSERT INTO label VALUES ('g.1', TRUE, 3000, 'ops', 'g')");
      }
      try (Store store = JdbcStore.postgresql(url)) {
        assertThat(store.decisionCount()).isEqualTo(3);
        assertThat(store.decision("g.1").map(DecisionRecord::action)).contains("allow");
        assertThat(store.decision("s").map(DecisionRecord::at))
            .contains(java.time.Instant.ofEpochMilli(86400000));
        assertThat(store.label("g.1").map(Label::positive)).contains(true);
      }
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
          java.sql.ResultSet r = s.executeQuery("SELECT tableoid::regclass::text, id "
              + "FROM decision_group ORDER BY id")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1) + " " + r.getString(2)).isEqualTo("decision_group_p19700101 g");
        assertThat(r.next()).isTrue();
        assertThat(r.getString(1) + " " + r.getString(2)).isEqualTo("decision_group_p19700102 s");
      }
    } finally {
      TestPostgres.drop(database);
    }
  }
}
