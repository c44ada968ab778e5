package io.loomcql.bench;

/**
 * The intended start times of a fixed-rate open loop: request {@code i} is due at {@code start + i
 * / rate}, whatever happened to earlier requests, and its latency counts from that time, not from
 * when a worker got round to sending it (no coordinated omission).
 */
record OpenLoopSchedule(long startNanos, long ratePerSecond) {

  OpenLoopSchedule {
    if (ratePerSecond <= 0) {
      throw new IllegalArgumentException("rate must be positive, got " + ratePerSecond);
    }
  }

  /** When request {@code slot} (0-based) is due, in {@link System#nanoTime()} terms. */
  long intendedStart(long slot) {
    // split to avoid overflow of slot * 1e9 for long runs at high rates
    long seconds = slot / ratePerSecond;
    long rest = slot % ratePerSecond;
    return startNanos + seconds * 1_000_000_000L + rest * 1_000_000_000L / ratePerSecond;
  }

  /** The latency of a request of {@code slot} that completed at {@code endNanos}. */
  long latency(long slot, long endNanos) {
    return endNanos - intendedStart(slot);
  }
}
