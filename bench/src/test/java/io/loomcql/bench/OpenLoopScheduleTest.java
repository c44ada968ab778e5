package io.loomcql.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

  @Test
  void should_space_intended_starts_by_one_over_the_rate() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(1_000, 4);

    assertThat(schedule.intendedStart(0)).isEqualTo(1_000);
    assertThat(schedule.intendedStart(1)).isEqualTo(1_000 + 250_000_000L);
    assertThat(schedule.intendedStart(4)).isEqualTo(1_000 + 1_000_000_000L);
    assertThat(schedule.intendedStart(6)).isEqualTo(1_000 + 1_500_000_000L);
  }

  @Test
  void should_count_latency_from_the_intended_start_not_the_actual_send() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(0, 1_000);

    // request 10 was due at 10 ms; a stall made it complete at 50 ms: its latency is 40 ms
    assertThat(schedule.latency(10, 50_000_000L)).isEqualTo(40_000_000L);
  }

  @Test
  void should_not_overflow_for_long_runs_at_high_rates() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(0, 3_000_000);

    long slot = 3_000_000L * 3600 * 24; // one day at 3M requests/s
    assertThat(schedule.intendedStart(slot)).isEqualTo(3600L * 24 * 1_000_000_000L);
    assertThat(schedule.intendedStart(slot + 1)).isEqualTo(3600L * 24 * 1_000_000_000L + 333);
  }

  @Test
  void should_refuse_a_rate_that_is_not_positive() {
    assertThatThrownBy(() -> new OpenLoopSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
