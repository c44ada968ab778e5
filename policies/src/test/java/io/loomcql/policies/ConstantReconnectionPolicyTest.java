package io.loomcql.policies;

import static io.loomcql.policies.ExponentialReconnectionPolicyTest.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConstantReconnectionPolicyTest {

  private static final Duration TWO_SECONDS = Duration.ofSeconds(2);

  @Test
  void should_repeat_the_delay_64_times_by_default() {
    ConstantReconnectionPolicy policy = new ConstantReconnectionPolicy(TWO_SECONDS);

    assertThat(policy.maxAttempts()).isEqualTo(64);
    assertThat(drain(policy.newSchedule(), 1_000)).hasSize(64).containsOnly(TWO_SECONDS);
  }

  @Test
  void should_be_exhausted_after_max_attempts_and_stay_exhausted() {
    ReconnectionSchedule schedule = new ConstantReconnectionPolicy(TWO_SECONDS, 3).newSchedule();

    assertThat(drain(schedule, 10)).containsExactly(TWO_SECONDS, TWO_SECONDS, TWO_SECONDS);
    assertThat(schedule.nextDelay()).isEmpty();
  }

  @Test
  void should_repeat_forever_when_max_attempts_is_null() {
    assertThat(drain(new ConstantReconnectionPolicy(TWO_SECONDS, null).newSchedule(), 100_000))
        .hasSize(100_000);
  }

  @Test
  void should_make_no_attempt_when_max_attempts_is_zero() {
    // Python 3.25 would repeat forever here (`if self.max_attempts:`); see the class Javadoc.
    assertThat(new ConstantReconnectionPolicy(TWO_SECONDS, 0).newSchedule().nextDelay()).isEmpty();
  }

  @Test
  void should_give_each_schedule_its_own_count() {
    ConstantReconnectionPolicy policy = new ConstantReconnectionPolicy(TWO_SECONDS, 1);
    ReconnectionSchedule first = policy.newSchedule();
    first.nextDelay();

    assertThat(first.nextDelay()).isEmpty();
    assertThat(policy.newSchedule().nextDelay()).contains(TWO_SECONDS);
  }

  @Test
  void should_accept_a_zero_delay() {
    assertThat(new ConstantReconnectionPolicy(Duration.ZERO).newSchedule().nextDelay())
        .contains(Duration.ZERO);
  }

  @Test
  void should_reject_a_negative_delay_or_max_attempts() {
    assertThatThrownBy(() -> new ConstantReconnectionPolicy(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("delay must not be negative");
    assertThatThrownBy(() -> new ConstantReconnectionPolicy(TWO_SECONDS, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxAttempts must not be negative");
  }
}
