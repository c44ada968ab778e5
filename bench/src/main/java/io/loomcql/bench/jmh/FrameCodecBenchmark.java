package io.loomcql.bench.jmh;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.DecodedResponse;
import io.loomcql.protocol.internal.Execute;
import io.loomcql.protocol.internal.FrameCodec;
import io.loomcql.protocol.internal.FrameDecoder;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.wire.Frame;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The wire codec per request: encoding the EXECUTE frame of B2's prepared INSERT (bigint, 64-byte
 * text), and splitting and decoding a read buffer of 32 VOID RESULT frames (what one gathering
 * write of the server holds at high concurrency).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {

  private static final int FRAMES_PER_READ = 32;

  private Execute execute;
  private ByteBuffer readBuffer;
  private FrameDecoder decoder;
  private final List<Frame> frames = new ArrayList<>(FRAMES_PER_READ);

  @Setup
  public void setUp() {
    byte[] id = new byte[16];
    byte[] value = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijkl".getBytes(StandardCharsets.US_ASCII);
    List<ByteBuffer> values = List.of(ByteBuffer.allocate(8).putLong(0, 42L), ByteBuffer.wrap(value));
    execute = new Execute(id, new byte[16],
        QueryOptions.of(ConsistencyLevel.LOCAL_ONE).withValues(values).withSkipMetadata(true));
    byte[] voidFrame = {(byte) 0x85, 0, 0, 0, 0x08, 0, 0, 0, 4, 0, 0, 0, 1}; // v5, response direction
    readBuffer = ByteBuffer.allocate(voidFrame.length * FRAMES_PER_READ);
    for (int i = 0; i < FRAMES_PER_READ; i++) {
      voidFrame[3] = (byte) i;
      readBuffer.put(voidFrame);
    }
    readBuffer.flip();
    decoder = new FrameDecoder(256 << 20);
  }

  /** One EXECUTE frame, encoded. */
  @Benchmark
  public ByteBuffer encodeExecute() {
    return FrameCodec.encode(execute, ProtocolVersion.V5, 7, 0, null);
  }

  /** 32 RESULT frames split out of one read buffer and decoded; divide by 32 for one frame. */
  @Benchmark
  public void decode32VoidResults(Blackhole bh) {
    frames.clear();
    decoder.feed(readBuffer.duplicate(), frames::add);
    for (Frame f : frames) {
      DecodedResponse r = ResponseDecoder.decode(f);
      bh.consume(r.response());
    }
  }
}
