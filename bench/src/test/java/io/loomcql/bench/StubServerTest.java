package io.loomcql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Both drivers, through their adapters, against the stub server (in this JVM, an ephemeral port). */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StubServerTest {

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

  @ParameterizedTest
  @CsvSource({"loomcql, 5", "loomcql, 4", "java-driver, 5", "java-driver, 4"})
  void should_answer_prepared_reads_and_writes(String driver, int protocol) {
    try (DriverAdapter adapter = DriverAdapter.named(driver)) {
      adapter.connect(options(protocol));
      assertThat(adapter.protocolVersion()).isEqualTo("V" + protocol);
      DriverAdapter.Handle insert = adapter.prepare(Workload.INSERT);
      DriverAdapter.Handle select = adapter.prepare(Workload.SELECT);
      assertThat(adapter.executeBlocking(insert, 1L, "hello")).isZero();
      assertThat(adapter.executeBlocking(select, 1L)).isEqualTo(1);
      assertThat(adapter.consume(adapter.executeAsync(select, 2L).toCompletableFuture().join())).isEqualTo(1);
    }
  }

  @Test
  void should_answer_scans_batches_and_simple_statements_in_v5_segments() {
    try (DriverAdapter adapter = DriverAdapter.named("loomcql")) {
      adapter.connect(options(5));
      // 3,000 rows of 64-byte values: a frame larger than one 128 KiB segment
      assertThat(adapter.executeBlocking(adapter.prepare(Workload.scanCql(3000)))).isEqualTo(3000);
      assertThat(adapter.executeBlocking(adapter.simple(Workload.SELECT), 7L)).isEqualTo(1);
      DriverAdapter.Handle insert = adapter.prepare(Workload.INSERT);
      assertThat(adapter.executeBatchBlocking(insert, new Object[][] {{1L, "a"}, {2L, "b"}})).isZero();
    }
  }

  @ParameterizedTest
  @CsvSource({"loomcql", "java-driver"})
  void should_answer_a_page_of_five_column_rows_every_cell_read(String driver) {
    try (DriverAdapter adapter = DriverAdapter.named(driver)) {
      adapter.connect(options(5));
      DriverAdapter.Handle wide = adapter.prepare(Workload.wideCql(1000));
      assertThat(adapter.executeBlocking(wide)).isEqualTo(1000);
      assertThat(adapter.consume(adapter.executeAsync(wide).toCompletableFuture().join())).isEqualTo(1000);
    }
  }

  @Test
  void should_run_a_cold_start_and_closed_workers_with_think_time() throws Exception {
    try (DriverAdapter adapter = DriverAdapter.named("loomcql")) {
      adapter.connect(options(5));
      Workload write = new Workload(Workload.Kind.WRITE, adapter, true, 1000, 16, 0, 1, 0.5);
      Runner.Result cold = new Runner(write, Runner.Mode.COLD, 1, 0, false, -1).coldOps(500)
          .run(Duration.ZERO, Duration.ZERO);
      assertThat(cold.ops()).isEqualTo(500);
      assertThat(cold.errors()).isZero();

      // 64 workers thinking 50 ms between requests: at most ~64 / 0.05 s = 1,280 requests/s
      Runner.Result thinking = new Runner(write, Runner.Mode.CLOSED, 64, 0, false, -1)
          .think(Duration.ofMillis(50)).run(Duration.ofMillis(200), Duration.ofMillis(1000));
      assertThat(thinking.errors()).isZero();
      assertThat(thinking.ops()).isBetween(1L, 64L * 25);
    }
  }

  @Test
  void should_record_to_one_recorder_above_the_per_worker_histogram_limit() throws Exception {
    try (DriverAdapter adapter = DriverAdapter.named("loomcql")) {
      adapter.connect(options(5));
      Workload write = new Workload(Workload.Kind.WRITE, adapter, true, 1000, 16, 0, 1, 0.5);
      Runner.Result r = new Runner(write, Runner.Mode.CLOSED, Runner.SHARED_RECORDER_ABOVE + 1, 0, false, -1)
          .run(Duration.ofMillis(500), Duration.ofMillis(1000));
      assertThat(r.errors()).isZero();
      assertThat(r.ops()).isPositive();
      assertThat(r.latencies().getTotalCount()).isEqualTo(r.ops());
    }
  }
}
