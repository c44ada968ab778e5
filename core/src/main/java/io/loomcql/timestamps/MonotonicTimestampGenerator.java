package io.loomcql.timestamps;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client-side write timestamps in microseconds since the epoch that never go backwards, like the
 * Python driver's {@code cassandra.timestamps.MonotonicTimestampGenerator}: when the clock stalls
 * or steps back, each call returns the previous value plus one, and a warning is logged once the
 * drift exceeds {@code warningThresholdMicros} (1 s), at most every {@code warningIntervalMicros}
 * (1 s).
 *
 * <p>Thread-safe and lock-free.
 */
public final class MonotonicTimestampGenerator implements LongSupplier {

  private static final Logger LOG = LoggerFactory.getLogger(MonotonicTimestampGenerator.class);

  private final Clock clock;
  private final long warningThresholdMicros;
  private final long warningIntervalMicros;
  private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong lastWarning = new AtomicLong();

  /** A generator on the system clock, warning when the drift exceeds 1 s, at most every 1 s. */
  public MonotonicTimestampGenerator() {
    this(Clock.systemUTC(), 1_000_000, 1_000_000);
  }

  /**
   * A generator on {@code clock}, warning once the drift exceeds {@code warningThresholdMicros}, at
   * most every {@code warningIntervalMicros}.
   */
  public MonotonicTimestampGenerator(
      Clock clock, long warningThresholdMicros, long warningIntervalMicros) {
    this.clock = clock;
    this.warningThresholdMicros = warningThresholdMicros;
    this.warningIntervalMicros = warningIntervalMicros;
  }

  /** The next timestamp, in microseconds since the epoch. */
  @Override
  public long getAsLong() {
    while (true) {
      long now = nowMicros();
      long previous = last.get();
      long next = now > previous ? now : previous + 1;
      if (last.compareAndSet(previous, next)) {
        if (next != now) {
          maybeWarn(now, next);
        }
        return next;
      }
    }
  }

  private long nowMicros() {
    Instant instant = clock.instant();
    return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
  }

  private void maybeWarn(long now, long next) {
    long drift = next - now;
    long previousWarning = lastWarning.get();
    if (drift > warningThresholdMicros
        && now - previousWarning >= warningIntervalMicros
        && lastWarning.compareAndSet(previousWarning, now)) {
      LOG.warn(
          "Clock skew detected: the current time is {} us behind the last generated timestamp; "
              + "timestamps are being generated as previous + 1",
          drift);
    }
  }
}
