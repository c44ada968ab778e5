package io.loomcql.policies;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Doubles the delay after each failed reconnection attempt, up to a maximum, with random jitter
 * (the Python driver's {@code cassandra.policies.ExponentialReconnectionPolicy(base_delay,
 * max_delay, max_attempts=64)}). It is Python's default reconnection policy, as {@code
 * ExponentialReconnectionPolicy(1.0, 600.0)}: 1 s doubling up to 10 minutes, 64 attempts.
 *
 * <p>Attempt {@code i} (counting from 0) waits {@code min(base * 2^i, max)} scaled by a random
 * percentage between 85 and 115 inclusive (Python: {@code randint(85, 115) / 100}), then clamped to
 * {@code [base, max]}. The jitter keeps many clients that lost the same node from reconnecting in
 * lockstep. Sample schedule for (1 s, 600 s): 1.0, 1.9, 3.68, 8.32, 18.24, 32.64, 61.44, 138.24,
 * 250.88, 563.2, 600.0, 558.0, ... then exhausted after 64 delays.
 *
 * <p>Delays are computed in whole nanoseconds with saturating arithmetic: {@code base * 2^i} never
 * overflows (it is capped at {@code max} for any {@code i}, including {@code i >= 63}), and a
 * duration longer than {@code Long.MAX_VALUE} nanoseconds (about 292 years) counts as that. Python
 * instead stops applying jitter once a float {@code base * 2**i} overflows (i &gt;= 1024, reachable
 * only with {@code max_attempts=None}); here jitter always applies.
 */
public final class ExponentialReconnectionPolicy implements ReconnectionPolicy {

  /** The Python driver's default number of attempts before a schedule is exhausted: 64. */
  public static final int DEFAULT_MAX_ATTEMPTS = 64;

  /** Python's {@code randint(85, 115)}: both ends inclusive. */
  private static final int MIN_JITTER_PERCENT = 85;

  private static final int MAX_JITTER_PERCENT = 115;

  private static final Duration LONGEST_IN_NANOS = Duration.ofNanos(Long.MAX_VALUE);

  /** Draws from the calling thread's generator: thread-safe without shared state. */
  private static final RandomGenerator THREAD_LOCAL_RANDOM =
      () -> ThreadLocalRandom.current().nextLong();

  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Integer maxAttempts;
  private final RandomGenerator jitterSource;
  private final long baseNanos;
  private final long maxNanos;

  /**
   * A policy from {@code baseDelay} up to {@code maxDelay} with at most {@value
   * #DEFAULT_MAX_ATTEMPTS} attempts (Python's default {@code max_attempts=64}).
   *
   * @param baseDelay the delay of the first attempt, zero or positive (Python: {@code base_delay})
   * @param maxDelay the largest delay, at least {@code baseDelay} (Python: {@code max_delay})
   * @throws IllegalArgumentException if a delay is negative or {@code maxDelay < baseDelay}
   */
  public ExponentialReconnectionPolicy(Duration baseDelay, Duration maxDelay) {
    this(baseDelay, maxDelay, DEFAULT_MAX_ATTEMPTS);
  }

  /**
   * A policy from {@code baseDelay} up to {@code maxDelay} with at most {@code maxAttempts}
   * attempts, jittered from {@link ThreadLocalRandom}.
   *
   * @param baseDelay the delay of the first attempt, zero or positive (Python: {@code base_delay})
   * @param maxDelay the largest delay, at least {@code baseDelay} (Python: {@code max_delay})
   * @param maxAttempts the number of attempts before the schedule is exhausted, zero or positive; or
   *     {@code null} to keep trying forever (Python's {@code None}). Python's default is 64.
   * @throws IllegalArgumentException if a delay or {@code maxAttempts} is negative, or {@code
   *     maxDelay < baseDelay} (Python raises {@code ValueError})
   */
  public ExponentialReconnectionPolicy(Duration baseDelay, Duration maxDelay, Integer maxAttempts) {
    this(baseDelay, maxDelay, maxAttempts, THREAD_LOCAL_RANDOM);
  }

  /**
   * As {@link #ExponentialReconnectionPolicy(Duration, Duration, Integer)}, drawing the jitter
   * percentage from {@code jitterSource} with {@code nextInt(85, 116)} — one draw per delay. Meant
   * for tests that pin the schedule; the generator must be thread-safe if several schedules of this
   * policy run at once (the default one is).
   *
   * @param baseDelay the delay of the first attempt, zero or positive
   * @param maxDelay the largest delay, at least {@code baseDelay}
   * @param maxAttempts the number of attempts per schedule, zero or positive, or {@code null} for
   *     forever
   * @param jitterSource where the jitter percentages come from; not null
   */
  public ExponentialReconnectionPolicy(
      Duration baseDelay, Duration maxDelay, Integer maxAttempts, RandomGenerator jitterSource) {
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    this.jitterSource = Objects.requireNonNull(jitterSource, "jitterSource");
    if (baseDelay.isNegative() || maxDelay.isNegative()) {
      throw new IllegalArgumentException(
          "Delays may not be negative, got base " + baseDelay + " and max " + maxDelay);
    }
    if (maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException(
          "Max delay must be greater than base delay, got base " + baseDelay + " and max "
              + maxDelay);
    }
    if (maxAttempts != null && maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must not be negative, got " + maxAttempts);
    }
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.maxAttempts = maxAttempts;
    this.baseNanos = saturatedNanos(baseDelay);
    this.maxNanos = saturatedNanos(maxDelay);
  }

  /**
   * {@return the delay of the first attempt (Python: {@code base_delay}; 1 s in the default
   * policy)}
   */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** {@return the largest delay (Python: {@code max_delay}; 600 s in the default policy)} */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * {@return the number of attempts per schedule, or {@code null} for "forever" (Python: {@code
   * max_attempts}, default 64)}
   */
  public Integer maxAttempts() {
    return maxAttempts;
  }

  /** A schedule whose attempt {@code i} waits the jittered {@code min(base * 2^i, max)}. */
  @Override
  public ReconnectionSchedule newSchedule() {
    return new Schedule();
  }

  @Override
  public String toString() {
    return "ExponentialReconnectionPolicy(baseDelay=" + baseDelay + ", maxDelay=" + maxDelay
        + ", maxAttempts=" + maxAttempts + ")";
  }

  /** The jittered, clamped delay of attempt {@code attempt} (0-based), in nanoseconds. */
  long delayNanos(long attempt, int jitterPercent) {
    long jittered = percentOf(exponentialNanos(attempt), jitterPercent);
    return Math.min(Math.max(baseNanos, jittered), maxNanos);
  }

  /** {@code min(base * 2^attempt, max)} without overflow, for any attempt. */
  private long exponentialNanos(long attempt) {
    if (baseNanos == 0) {
      return 0;
    }
    // base * 2^attempt > max  <=>  base > floor(max / 2^attempt); both sides are exact in longs,
    // and base * 2^63 exceeds every long, so large attempts go straight to max.
    if (attempt >= Long.SIZE - 1 || baseNanos > (maxNanos >> attempt)) {
      return maxNanos;
    }
    return baseNanos << attempt;
  }

  /** {@code floor(nanos * percent / 100)}, saturating at {@code Long.MAX_VALUE}. */
  private static long percentOf(long nanos, int percent) {
    long hundreds = nanos / 100;
    long rest = nanos % 100;
    // rest * percent / 100 < percent, so this bound leaves room for it.
    if (hundreds > (Long.MAX_VALUE - percent) / percent) {
      return Long.MAX_VALUE;
    }
    return hundreds * percent + rest * percent / 100;
  }

  private static long saturatedNanos(Duration duration) {
    return duration.compareTo(LONGEST_IN_NANOS) >= 0 ? Long.MAX_VALUE : duration.toNanos();
  }

  /** The attempt counter of one reconnection effort; owned by one reconnection handler. */
  private final class Schedule implements ReconnectionSchedule {
    private long attempt;

    @Override
    public Optional<Duration> nextDelay() {
      if (maxAttempts != null && attempt >= maxAttempts) {
        return Optional.empty();
      }
      int jitter = jitterSource.nextInt(MIN_JITTER_PERCENT, MAX_JITTER_PERCENT + 1);
      return Optional.of(Duration.ofNanos(delayNanos(attempt++, jitter)));
    }
  }
}
