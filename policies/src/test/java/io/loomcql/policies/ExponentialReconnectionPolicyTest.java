package io.loomcql.policies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ExponentialReconnectionPolicyTest {

  private static final Duration ONE_SECOND = Duration.ofSeconds(1);
  private static final Duration TEN_MINUTES = Duration.ofSeconds(600);

  @Test
  void should_default_to_64_attempts_like_python() {
    ExponentialReconnectionPolicy policy =
        new ExponentialReconnectionPolicy(ONE_SECOND, TEN_MINUTES);

    assertThat(policy.baseDelay()).isEqualTo(ONE_SECOND);
    assertThat(policy.maxDelay()).isEqualTo(TEN_MINUTES);
    assertThat(policy.maxAttempts()).isEqualTo(64);
    assertThat(drain(policy.newSchedule(), 1_000)).hasSize(64);
  }

  @Test
  void should_stay_exhausted_once_exhausted() {
    ReconnectionSchedule schedule =
        new ExponentialReconnectionPolicy(ONE_SECOND, TEN_MINUTES, 2).newSchedule();

    assertThat(schedule.nextDelay()).isPresent();
    assertThat(schedule.nextDelay()).isPresent();
    assertThat(schedule.nextDelay()).isEmpty();
    assertThat(schedule.nextDelay()).isEmpty();
  }

  @Test
  void should_be_exhausted_after_max_attempts() {
    assertThat(drain(new ExponentialReconnectionPolicy(ONE_SECOND, TEN_MINUTES, 5).newSchedule(),
        1_000)).hasSize(5);
    assertThat(new ExponentialReconnectionPolicy(ONE_SECOND, TEN_MINUTES, 0).newSchedule()
        .nextDelay()).isEmpty();
  }

  @Test
  void should_never_be_exhausted_when_max_attempts_is_null() {
    List<Duration> delays =
        drain(new ExponentialReconnectionPolicy(ONE_SECOND, TEN_MINUTES, null).newSchedule(),
            10_000);

    assertThat(delays).hasSize(10_000);
    assertThat(delays.subList(100, 10_000))
        .allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(510), TEN_MINUTES));
  }

  @Test
  void should_reproduce_the_python_sample_schedule_with_pinned_jitter() {
    // The Python driver 3.25's ExponentialReconnectionPolicy(1.0, 600.0); the percentages are
    // those that produced it (the first and the eleventh are clamped, so any value <= 100 and
    // >= 100 respectively would do).
    ScriptedRandom percents = new ScriptedRandom(100, 95, 92, 104, 114, 102, 96, 108, 98, 110,
        100, 93);
    ReconnectionSchedule schedule =
        new ExponentialReconnectionPolicy(ONE_SECOND, TEN_MINUTES, 64, percents).newSchedule();

    List<Duration> delays = drain(schedule, 12);

    assertThat(delays).containsExactly(
        millis(1_000), millis(1_900), millis(3_680), millis(8_320), millis(18_240),
        millis(32_640), millis(61_440), millis(138_240), millis(250_880), millis(563_200),
        millis(600_000), millis(558_000));
  }

  @Test
  void should_clamp_jittered_delays_to_base_and_max() {
    ExponentialReconnectionPolicy lowest = new ExponentialReconnectionPolicy(
        ONE_SECOND, TEN_MINUTES, 64, new ScriptedRandom(85, 85));
    ReconnectionSchedule low = lowest.newSchedule();
    assertThat(low.nextDelay()).contains(ONE_SECOND); // 0.85 s, clamped up to base
    assertThat(low.nextDelay()).contains(millis(1_700));

    Duration max = Duration.ofSeconds(550);
    ExponentialReconnectionPolicy highest = new ExponentialReconnectionPolicy(ONE_SECOND, max);
    assertThat(highest.delayNanos(8, 115)).isEqualTo(millis(294_400).toNanos());
    assertThat(highest.delayNanos(9, 115)).isEqualTo(max.toNanos()); // 588.8 s, clamped down
    assertThat(highest.delayNanos(10, 115)).isEqualTo(max.toNanos()); // 632.5 s, clamped down
  }

  @Test
  void should_not_overflow_for_large_attempt_numbers() {
    ExponentialReconnectionPolicy policy =
        new ExponentialReconnectionPolicy(ONE_SECOND, TEN_MINUTES, null);
    long max = TEN_MINUTES.toNanos();

    for (long attempt : new long[] {30, 62, 63, 64, 1_023, 1_024, Integer.MAX_VALUE,
        Long.MAX_VALUE}) {
      assertThat(policy.delayNanos(attempt, 100)).as("attempt %d", attempt).isEqualTo(max);
      assertThat(policy.delayNanos(attempt, 115)).as("attempt %d", attempt).isEqualTo(max);
      assertThat(policy.delayNanos(attempt, 85)).as("attempt %d", attempt)
          .isEqualTo(max / 100 * 85);
    }
  }

  @Test
  void should_saturate_delays_longer_than_a_long_of_nanoseconds() {
    ExponentialReconnectionPolicy policy = new ExponentialReconnectionPolicy(
        Duration.ofNanos(1), ChronoUnit.FOREVER.getDuration(), null);

    assertThat(policy.delayNanos(62, 100)).isEqualTo(1L << 62);
    assertThat(policy.delayNanos(62, 115)).isEqualTo(
        BigInteger.TWO.pow(62).multiply(BigInteger.valueOf(115)).divide(BigInteger.valueOf(100))
            .longValueExact());
    assertThat(policy.delayNanos(63, 100)).isEqualTo(Long.MAX_VALUE);
    assertThat(policy.delayNanos(63, 115)).isEqualTo(Long.MAX_VALUE);
    assertThat(policy.delayNanos(Long.MAX_VALUE, 115)).isEqualTo(Long.MAX_VALUE);
    assertThat(policy.delayNanos(Long.MAX_VALUE, 85)).isEqualTo(Long.MAX_VALUE / 100 * 85 + 7 * 85 / 100);
  }

  @Test
  void should_stay_at_zero_when_the_base_delay_is_zero() {
    List<Duration> delays = drain(
        new ExponentialReconnectionPolicy(Duration.ZERO, TEN_MINUTES).newSchedule(), 100);

    assertThat(delays).hasSize(64).containsOnly(Duration.ZERO);
  }

  @Test
  void should_give_each_schedule_its_own_backoff_state() {
    ExponentialReconnectionPolicy policy = new ExponentialReconnectionPolicy(
        ONE_SECOND, TEN_MINUTES, 64, new ScriptedRandom(100, 100, 100, 100));
    ReconnectionSchedule first = policy.newSchedule();
    first.nextDelay();
    first.nextDelay();

    assertThat(policy.newSchedule().nextDelay()).contains(ONE_SECOND);
    assertThat(first.nextDelay()).contains(Duration.ofSeconds(4));
  }

  @Test
  void should_spread_the_default_jitter_over_85_to_115_percent() {
    // Attempt 10 of (1 s, 600 s) is min(1024 s, 600 s) = 600 s before jitter: 85..100 percent give
    // 510..600 s in steps of 6 s, 101..115 percent are clamped to 600 s.
    ExponentialReconnectionPolicy policy = new ExponentialReconnectionPolicy(
        ONE_SECOND, TEN_MINUTES);
    TreeSet<Duration> seen = new TreeSet<>();
    int clamped = 0;
    int samples = 20_000;
    for (int i = 0; i < samples; i++) {
      Duration delay = drain(policy.newSchedule(), 11).get(10);
      seen.add(delay);
      if (delay.equals(TEN_MINUTES)) {
        clamped++;
      }
    }

    assertThat(seen.first()).isEqualTo(Duration.ofSeconds(510));
    assertThat(seen.last()).isEqualTo(TEN_MINUTES);
    assertThat(seen).hasSize(16)
        .allSatisfy(d -> assertThat(d.toSeconds() % 6).isZero());
    // 16 of the 31 equally likely percentages (100..115) give 600 s.
    assertThat((double) clamped / samples).isBetween(0.45, 0.58);
  }

  @Property(tries = 300)
  void every_delay_lies_within_15_percent_of_the_capped_exponential(
      @ForAll long seed,
      @ForAll @LongRange(min = 0, max = 10_000_000_000L) long baseNanos,
      @ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long extraNanos,
      @ForAll @IntRange(min = 0, max = 200) int maxAttempts) {
    Duration base = Duration.ofNanos(baseNanos);
    Duration max = base.plusNanos(extraNanos);
    ExponentialReconnectionPolicy policy =
        new ExponentialReconnectionPolicy(base, max, maxAttempts, new SplittableRandom(seed));

    List<Duration> delays = drain(policy.newSchedule(), 1_000);

    assertThat(delays).hasSize(maxAttempts);
    for (int i = 0; i < delays.size(); i++) {
      double capped = Math.min(baseNanos * Math.pow(2, i), max.toNanos());
      long low = clamp(Math.floor(capped * 0.85), baseNanos, max.toNanos());
      long high = clamp(Math.ceil(capped * 1.15), baseNanos, max.toNanos());
      assertThat(delays.get(i).toNanos()).as("delay %d", i).isBetween(low - 1, high + 1);
    }
  }

  @Test
  void should_reject_negative_delays_and_attempts_and_a_max_below_the_base() {
    assertThatThrownBy(() -> new ExponentialReconnectionPolicy(Duration.ofSeconds(-1), TEN_MINUTES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Delays may not be negative");
    assertThatThrownBy(() -> new ExponentialReconnectionPolicy(ONE_SECOND, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Delays may not be negative");
    assertThatThrownBy(() -> new ExponentialReconnectionPolicy(TEN_MINUTES, ONE_SECOND))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Max delay must be greater than base delay");
    assertThatThrownBy(() -> new ExponentialReconnectionPolicy(ONE_SECOND, TEN_MINUTES, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("maxAttempts must not be negative");
    assertThat(new ExponentialReconnectionPolicy(ONE_SECOND, ONE_SECOND).newSchedule().nextDelay())
        .contains(ONE_SECOND);
  }

  private static long clamp(double value, long min, long max) {
    return Math.min(Math.max(min, (long) value), max);
  }

  private static Duration millis(long millis) {
    return Duration.ofMillis(millis);
  }

  static List<Duration> drain(ReconnectionSchedule schedule, int limit) {
    List<Duration> delays = new ArrayList<>();
    while (delays.size() < limit) {
      Optional<Duration> next = schedule.nextDelay();
      if (next.isEmpty()) {
        break;
      }
      delays.add(next.get());
    }
    return delays;
  }
}
