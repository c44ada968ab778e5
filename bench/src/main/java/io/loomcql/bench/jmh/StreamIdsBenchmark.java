package io.loomcql.bench.jmh;

import io.loomcql.transport.spi.StreamIds;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the in-flight table's stream ids ({@link StreamIds}, exported by the transport SPI), one
 * acquire and one release per request, with {@code inFlight} ids already taken (the scan for a
 * free bit grows with the table's fill).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamIdsBenchmark {

  @Param({"0", "1024", "30000"})
  public int inFlight;

  private StreamIds ids;

  @Setup
  public void setUp() {
    ids = new StreamIds(32768);
    for (int i = 0; i < inFlight; i++) {
      ids.acquire();
    }
  }

  /** One request's stream id: taken, then given back. */
  @Benchmark
  public int acquireRelease() {
    int id = ids.acquire();
    ids.release(id);
    return id;
  }
}
