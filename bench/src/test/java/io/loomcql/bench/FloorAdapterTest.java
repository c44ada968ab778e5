package io.loomcql.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The floor against the stub server (in this JVM, an ephemeral port): its frames are answered. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FloorAdapterTest {

  private static StubServer stub;

  @BeforeAll
  static void start() throws Exception {
    stub = new StubServer("127.0.0.1", 0, 64);
  }

  @AfterAll
  static void stop() throws Exception {
    stub.close();
  }

  private static DriverAdapter.Options options(int protocol) {
    return new DriverAdapter.Options("127.0.0.1", stub.port(), protocol, 1, "LOCAL_ONE", "datacenter1", 5000, 256,
        Duration.ofSeconds(10));
  }

  @Test
  void should_answer_prepared_and_simple_reads_and_writes() {
    try (DriverAdapter floor = DriverAdapter.named("floor")) {
      floor.connect(options(5));
      assertThat(floor.protocolVersion()).isEqualTo("V5");
      DriverAdapter.Handle insert = floor.prepare(Workload.INSERT);
      DriverAdapter.Handle select = floor.prepare(Workload.SELECT);
      for (int i = 0; i < 3; i++) {
        assertThat(floor.executeBlocking(insert, 1L, "hello")).isZero();
        assertThat(floor.executeBlocking(select, 1L)).isEqualTo(1);
      }
      assertThat(floor.executeBlocking(floor.simple(Workload.INSERT), 2L, "simple")).isZero();
      assertThat(floor.transportCounters()[0]).isEqualTo(9); // 2 PREPAREs and 7 requests, one frame each
    }
  }

  @Test
  void should_answer_every_thread_of_a_closed_loop_over_one_connection() throws Exception {
    try (DriverAdapter floor = DriverAdapter.named("floor")) {
      floor.connect(options(5));
      DriverAdapter.Handle insert = floor.prepare(Workload.INSERT);
      AtomicInteger answered = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 256; t++) {
        threads.add(Thread.ofVirtual().start(() -> {
          for (int i = 0; i < 200; i++) {
            floor.executeBlocking(insert, 1L, "hello");
            answered.incrementAndGet();
          }
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(answered.get()).isEqualTo(256 * 200);
      long[] counters = floor.transportCounters();
      assertThat(counters[0]).isEqualTo(256 * 200 + 1);
      assertThat(counters[1]).isPositive().isLessThanOrEqualTo(counters[0]);
    }
  }

  @Test
  void should_refuse_what_the_floor_does_not_do() {
    try (DriverAdapter floor = DriverAdapter.named("floor")) {
      assertThatThrownBy(() -> floor.connect(options(4))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("v5 only");
      floor.connect(options(5));
      DriverAdapter.Handle insert = floor.prepare(Workload.INSERT);
      assertThatThrownBy(() -> floor.executeAsync(insert, 1L, "a")).isInstanceOf(UnsupportedOperationException.class);
    }
  }
}
