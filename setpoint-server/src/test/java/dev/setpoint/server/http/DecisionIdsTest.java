package dev.setpoint.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionIdsTest {

  @Test
  void idsAreVersion7UuidsInTimeOrder() {
    Set<String> ids = new HashSet<>();
    String previous = DecisionIds.next(1_000);
    for (int i = 0; i < 1000; i++) {
      String id = DecisionIds.next(2_000 + i);
      assertThat(UUID.fromString(id).version()).isEqualTo(7);
      assertThat(UUID.fromString(id).variant()).isEqualTo(2);
      assertThat(id.compareTo(previous)).isPositive();
      assertThat(ids.add(id)).isTrue();
      previous = id;
    }
  }
}
