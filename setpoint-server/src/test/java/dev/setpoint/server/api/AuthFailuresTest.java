package dev.setpoint.server.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.setpoint.server.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failed authentications per address: the window, the refusal, the bound on addresses. */
class AuthFailuresTest {

  private final TestClock clock = new TestClock();

  @Test
  void anAddressIsRefusedForTheRestOfItsWindowAfterTheAllowedFailures() {
    AuthFailures failures = new AuthFailures(3, 60_000, 100, clock);
    for (int i = 0; i < 3; i++) {
      failures.check("10.0.0.1");
      failures.failed("10.0.0.1");
    }
    clock.advance(Duration.ofSeconds(20));
    assertThatThrownBy(() -> failures.check("10.0.0.1")).isInstanceOfSatisfying(
        ApiException.class, e -> {
          assertThat(e.status()).isEqualTo(429);
          assertThat(e.headers()).containsEntry("Retry-After", "40");
        });
    assertThatCode(() -> failures.check("10.0.0.2")).as("another address").doesNotThrowAnyException();
    clock.advance(Duration.ofSeconds(40));
    assertThatCode(() -> failures.check("10.0.0.1")).as("a new window")
        .doesNotThrowAnyException();
    assertThat(failures.refused()).isEqualTo(1);
  }

  @Test
  void atMostMaxAddressesAreTrackedTheLeastRecentlyFailedDroppedFirst() {
    AuthFailures failures = new AuthFailures(1, 60_000, 2, clock);
    failures.failed("a");
    failures.failed("b");
    failures.failed("c");
    assertThat(failures.tracked()).isEqualTo(2);
    assertThatCode(() -> failures.check("a")).as("dropped").doesNotThrowAnyException();
    assertThatThrownBy(() -> failures.check("c")).isInstanceOf(ApiException.class);
  }

  @Test
  void zeroSwitchesTheLimitOff() {
    AuthFailures failures = new AuthFailures(0, 60_000, 2, clock);
    for (int i = 0; i < 100; i++) {
      failures.failed("a");
    }
    assertThatCode(() -> failures.check("a")).doesNotThrowAnyException();
    assertThat(failures.tracked()).isZero();
  }
}
