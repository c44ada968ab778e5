package io.loomcql.policies;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Waits the same delay before every reconnection attempt (the Python driver's {@code
 * cassandra.policies.ConstantReconnectionPolicy(delay, max_attempts=64)}).
 *
 * <p>One deliberate difference: Python 3.25 tests {@code if self.max_attempts:}, so {@code
 * max_attempts=0} silently means "forever". Here {@code 0} means what the Python documentation says
 * ("a total number of attempts to be made before giving up"): no attempt at all; {@code null} is
 * the only way to ask for "forever", as in Python's {@code None}.
 */
public final class ConstantReconnectionPolicy implements ReconnectionPolicy {

  /** The Python driver's default number of attempts before a schedule is exhausted: 64. */
  public static final int DEFAULT_MAX_ATTEMPTS = 64;

  private final Duration delay;
  private final Integer maxAttempts;

  /**
   * A policy waiting {@code delay} before each of at most {@value #DEFAULT_MAX_ATTEMPTS} attempts
   * (Python's default {@code max_attempts=64}).
   *
   * @param delay the wait before each attempt; zero or positive
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  public ConstantReconnectionPolicy(Duration delay) {
    this(delay, DEFAULT_MAX_ATTEMPTS);
  }

  /**
   * A policy waiting {@code delay} before each of at most {@code maxAttempts} attempts.
   *
   * @param delay the wait before each attempt; zero or positive (Python raises {@code ValueError}
   *     "delay must not be negative")
   * @param maxAttempts the number of attempts before the schedule is exhausted, zero or positive; or
   *     {@code null} to keep trying forever (Python's {@code None}). Python's default is 64.
   * @throws IllegalArgumentException if {@code delay} or {@code maxAttempts} is negative
   */
  public ConstantReconnectionPolicy(Duration delay, Integer maxAttempts) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, got " + delay);
    }
    if (maxAttempts != null && maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must not be negative, got " + maxAttempts);
    }
    this.delay = delay;
    this.maxAttempts = maxAttempts;
  }

  /** {@return the wait before each attempt (Python: {@code delay}, no default)} */
  public Duration delay() {
    return delay;
  }

  /**
   * {@return the number of attempts per schedule, or {@code null} for "forever" (Python: {@code
   * max_attempts}, default 64)}
   */
  public Integer maxAttempts() {
    return maxAttempts;
  }

  /** A schedule yielding {@link #delay()} {@link #maxAttempts()} times (or forever if null). */
  @Override
  public ReconnectionSchedule newSchedule() {
    return new Schedule();
  }

  @Override
  public String toString() {
    return "ConstantReconnectionPolicy(delay=" + delay + ", maxAttempts=" + maxAttempts + ")";
  }

  /** Counts the attempts handed out; owned by one reconnection handler. */
  private final class Schedule implements ReconnectionSchedule {
    private final Optional<Duration> next = Optional.of(delay);
    private long attempts;

    @Override
    public Optional<Duration> nextDelay() {
      if (maxAttempts != null && attempts >= maxAttempts) {
        return Optional.empty();
      }
      attempts++;
      return next;
    }
  }
}
