package dev.setpoint.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoreLocationTest {

  @Test
  void postgresLocationBecomesAJdbcUrl() {
    assertThat(StoreLocation.jdbcUrl("postgresql://postgres@127.0.0.1:5432/setpoint"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5432/setpoint?user=postgres");
    assertThat(StoreLocation.jdbcUrl("postgresql://app:s%40cret@db/prod?sslmode=require"))
        .isEqualTo("jdbc:postgresql://db/prod?sslmode=require&user=app&password=s%40cret");
  }

  @Test
  void otherLocationsAreRefusedWithTheExpectedForm() {
    assertThatThrownBy(() -> StoreLocation.jdbcUrl("mysql://x/y"))
        .hasMessageContaining("--store must be postgresql://user@host:port/database");
    assertThatThrownBy(() -> StoreLocation.jdbcUrl("postgresql://host"))
        .hasMessageContaining("needs a host and a database");
  }
}
