package io.loomcql.timestamps;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class MonotonicTimestampGeneratorTest {

  @Test
  void returns_microseconds_of_the_clock() {
    Clock clock = Clock.fixed(Instant.ofEpochSecond(1_700_000_000, 123_456_789), ZoneOffset.UTC);
    MonotonicTimestampGenerator generator = new MonotonicTimestampGenerator(clock, 1_000_000, 1_000_000);

    assertThat(generator.getAsLong()).isEqualTo(1_700_000_000_123_456L);
  }

  @Test
  void never_goes_backwards_when_the_clock_stalls_or_steps_back() {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(100));
    MonotonicTimestampGenerator generator = new MonotonicTimestampGenerator(clock, 1_000_000, 1_000_000);

    long first = generator.getAsLong();
    long second = generator.getAsLong();
    clock.now = Instant.ofEpochSecond(50);
    long third = generator.getAsLong();

    assertThat(second).isEqualTo(first + 1);
    assertThat(third).isEqualTo(first + 2);
  }

  @Test
  void hands_out_distinct_values_to_concurrent_callers() throws Exception {
    MonotonicTimestampGenerator generator = new MonotonicTimestampGenerator();
    Set<Long> seen = ConcurrentHashMap.newKeySet();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < 20; t++) {
        executor.submit(
            () -> {
              for (int i = 0; i < 1000; i++) {
                seen.add(generator.getAsLong());
              }
            });
      }
    }
    assertThat(seen).hasSize(20_000);
  }

  private static final class MutableClock extends Clock {
    volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
