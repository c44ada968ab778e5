package io.loomcql.bench.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.bench.RowDecodeBenchmark;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

/** Each JMH benchmark method once, outside JMH: they run and do the work they claim. */
class MicrobenchmarksTest {

  private static Blackhole blackhole() {
    return new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
  }

  @Test
  void should_encode_an_execute_frame_and_decode_32_results() {
    FrameCodecBenchmark b = new FrameCodecBenchmark();
    b.setUp();
    ByteBuffer frame = b.encodeExecute();
    assertThat(frame.get(0)).isEqualTo((byte) 5);
    assertThat(frame.get(4)).isEqualTo((byte) 0x0A); // EXECUTE
    assertThat(frame.remaining()).isGreaterThan(9 + 64 + 8);
    b.decode32VoidResults(blackhole());
    b.decode32VoidResults(blackhole()); // the read buffer is not consumed
  }

  @Test
  void should_decode_a_page_and_read_every_cell() {
    RowDecodeBenchmark b = new RowDecodeBenchmark();
    b.setUp();
    long sum = b.decodeAndReadEveryCell();
    assertThat(sum).isEqualTo(b.decodeAndReadEveryCell()).isNotZero();
  }

  @Test
  void should_acquire_and_release_stream_ids_in_a_filled_table() {
    StreamIdsBenchmark b = new StreamIdsBenchmark();
    b.inFlight = 30_000;
    b.setUp();
    assertThat(b.acquireRelease()).isEqualTo(30_000).isEqualTo(b.acquireRelease());
  }

  @Test
  void should_build_query_plans() {
    QueryPlanBenchmark b = new QueryPlanBenchmark();
    b.setUp();
    // 3 local nodes and, with one node used per remote datacenter, 1 of the 3 remote ones; the
    // token-aware plan puts the replicas first and yields each node once.
    assertThat(b.defaultTokenAware(blackhole())).isEqualTo(4);
    assertThat(b.dcAwareRoundRobin(blackhole())).isEqualTo(4);
    assertThat(b.roundRobin(blackhole())).isEqualTo(6);
  }
}
