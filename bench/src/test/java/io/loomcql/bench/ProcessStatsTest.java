package io.loomcql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessStatsTest {

  static volatile Object sink;

  @Test
  void should_count_what_virtual_threads_allocate() throws Exception {
    ProcessStats before = ProcessStats.take(-1);
    Thread vt = Thread.ofVirtual().start(() -> {
      for (int i = 0; i < 1000; i++) {
        sink = new byte[100_000];
      }
    });
    vt.join();
    ProcessStats after = ProcessStats.take(-1);

    assertThat(after.allocatedBytes() - before.allocatedBytes()).isGreaterThanOrEqualTo(100_000_000L);
  }

  @Test
  void should_read_cpu_and_context_switches_of_this_process() {
    ProcessStats stats = ProcessStats.take(ProcessHandle.current().pid());

    assertThat(stats.cpuNanos()).isPositive();
    assertThat(stats.voluntarySwitches()).isPositive();
    assertThat(stats.serverCpuTicks()).isPositive();
  }
}
