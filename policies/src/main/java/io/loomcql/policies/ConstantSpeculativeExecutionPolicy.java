package io.loomcql.policies;

import io.loomcql.node.Host;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends the request to another node every {@code delay} while it is not answered, at most {@code
 * maxAttempts} extra times (the Python driver's {@code
 * cassandra.policies.ConstantSpeculativeExecutionPolicy(delay, max_attempts)}: "A speculative
 * execution policy that sends a new query every X seconds (delay) for a maximum of Y attempts
 * (max_attempts)."). Python has no defaults for either parameter.
 *
 * <p>Each plan answers {@code delay} {@code maxAttempts} times, then -1. Only idempotent statements
 * are speculated; see {@link SpeculativeExecutionPolicy#planFor}. Python validates nothing; here a
 * negative delay or count is refused.
 *
 * <p>Thread-safe: the policy is immutable; each plan is owned by one request.
 */
public final class ConstantSpeculativeExecutionPolicy implements SpeculativeExecutionPolicy {

  private static final Duration LONGEST_IN_NANOS = Duration.ofNanos(Long.MAX_VALUE);

  private final Duration delay;
  private final int maxAttempts;
  private final long delayNanos;

  /**
   * A policy sending a new execution every {@code delay}, at most {@code maxAttempts} times per
   * request.
   *
   * @param delay the wait before each speculative execution, counted from the previous execution;
   *     zero or positive (zero sends them all at once). A delay longer than about 292 years counts
   *     as that.
   * @param maxAttempts how many speculative executions at most, besides the first one; zero or
   *     positive (zero disables speculation)
   * @throws IllegalArgumentException if {@code delay} or {@code maxAttempts} is negative
   */
  public ConstantSpeculativeExecutionPolicy(Duration delay, int maxAttempts) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, got " + delay);
    }
    if (maxAttempts < 0) {
      throw new IllegalArgumentException("maxAttempts must not be negative, got " + maxAttempts);
    }
    this.delay = delay;
    this.maxAttempts = maxAttempts;
    this.delayNanos = delay.compareTo(LONGEST_IN_NANOS) >= 0 ? Long.MAX_VALUE : delay.toNanos();
  }

  /** {@return the wait before each speculative execution (Python: {@code delay}, seconds)} */
  public Duration delay() {
    return delay;
  }

  /**
   * {@return how many speculative executions at most per request (Python: {@code max_attempts})}
   */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** A plan answering {@link #delay()} {@link #maxAttempts()} times, then -1. */
  @Override
  public SpeculativeExecutionPlan newPlan(String keyspace, RoutingInfo statement) {
    return new Plan();
  }

  @Override
  public String toString() {
    return "ConstantSpeculativeExecutionPolicy(delay=" + delay + ", maxAttempts=" + maxAttempts
        + ")";
  }

  /** Counts the executions handed out; owned by one request. */
  private final class Plan implements SpeculativeExecutionPlan {
    private int remaining = maxAttempts;

    @Override
    public long nextExecutionDelayNanos(Host lastTried) {
      if (remaining > 0) {
        remaining--;
        return delayNanos;
      }
      return -1L;
    }
  }
}
