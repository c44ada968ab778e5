package io.loomcql.metrics.internal;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency histogram with log-linear buckets (8 sub-buckets per power of two, so
 * about 9% relative precision) from 1 µs to about 4,700 s. Recording is two atomic adds; reading a
 * percentile walks the buckets.
 */
final class LatencyHistogram {

  private static final int SUB_BUCKETS = 8;
  private static final int POWERS = 32;

  private final AtomicLongArray counts = new AtomicLongArray(POWERS * SUB_BUCKETS);
  private final LongAdder total = new LongAdder();
  private final LongAdder sumMicros = new LongAdder();
  private volatile long maxMicros;

  void record(long nanos) {
    long micros = Math.max(1, nanos / 1000);
    counts.incrementAndGet(bucketOf(micros));
    total.increment();
    sumMicros.add(micros);
    long max = maxMicros;
    if (micros > max) {
      maxMicros = micros; // a benign race: the max may miss a concurrent larger value briefly
    }
  }

  static int bucketOf(long micros) {
    int power = 63 - Long.numberOfLeadingZeros(micros);
    if (power >= POWERS) {
      return POWERS * SUB_BUCKETS - 1;
    }
    // Below 8 µs each value has its own bucket; above, the 3 bits after the leading one.
    int sub = power < 3 ? (int) (micros - (1L << power)) : (int) ((micros >>> (power - 3)) & 7);
    return power * SUB_BUCKETS + sub;
  }

  /** The upper bound, in µs, of bucket {@code index}. */
  static long upperBoundOf(int index) {
    int power = index / SUB_BUCKETS;
    int sub = index % SUB_BUCKETS;
    if (power < 3) {
      return (1L << power) + sub;
    }
    return (1L << power) + ((long) (sub + 1) << (power - 3)) - 1;
  }

  long count() {
    return total.sum();
  }

  double meanMicros() {
    long n = total.sum();
    return n == 0 ? 0 : (double) sumMicros.sum() / n;
  }

  long maxMicros() {
    return maxMicros;
  }

  /** The latency in µs at or below which {@code percentile} % of the recorded ones lie. */
  long percentileMicros(double percentile) {
    long n = 0;
    long[] snapshot = new long[counts.length()];
    for (int i = 0; i < snapshot.length; i++) {
      snapshot[i] = counts.get(i);
      n += snapshot[i];
    }
    if (n == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(percentile / 100.0 * n);
    long seen = 0;
    for (int i = 0; i < snapshot.length; i++) {
      seen += snapshot[i];
      if (seen >= rank) {
        return Math.min(upperBoundOf(i), Math.max(maxMicros, 1));
      }
    }
    return maxMicros;
  }
}
