package io.loomcql.metrics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void every_value_falls_in_a_bucket_whose_bound_is_within_a_ninth_above_it() {
    for (long micros = 1; micros < 100_000_000L; micros = micros * 3 / 2 + 1) {
      long bound = LatencyHistogram.upperBoundOf(LatencyHistogram.bucketOf(micros));
      assertThat(bound).isGreaterThanOrEqualTo(micros);
      assertThat((double) bound).isLessThanOrEqualTo(micros * 1.13 + 1);
    }
  }

  @Test
  void percentiles_track_a_uniform_distribution() {
    LatencyHistogram histogram = new LatencyHistogram();
    for (int i = 1; i <= 10_000; i++) {
      histogram.record(i * 1_000L); // 1..10,000 µs
    }

    assertThat(histogram.count()).isEqualTo(10_000);
    assertThat((double) histogram.percentileMicros(50)).isCloseTo(5_000, within(500.0));
    assertThat((double) histogram.percentileMicros(99)).isCloseTo(9_900, within(900.0));
    assertThat(histogram.maxMicros()).isEqualTo(10_000);
    assertThat(histogram.meanMicros()).isCloseTo(5_000.5, within(1.0));
  }

  @Test
  void an_empty_histogram_reports_zeros_and_huge_values_stay_in_range() {
    LatencyHistogram histogram = new LatencyHistogram();
    assertThat(histogram.percentileMicros(99)).isZero();
    histogram.record(Long.MAX_VALUE);
    histogram.record(ThreadLocalRandom.current().nextLong(1, 1000));
    assertThat(histogram.count()).isEqualTo(2);
  }
}
