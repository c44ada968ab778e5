package io.loomcql.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Execute;
import io.loomcql.protocol.internal.FrameCodec;
import io.loomcql.protocol.internal.FrameDecoder;
import io.loomcql.protocol.internal.Options;
import io.loomcql.protocol.internal.Prepare;
import io.loomcql.protocol.internal.Prepared;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.Ready;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.Rows;
import io.loomcql.protocol.internal.SegmentDecoder;
import io.loomcql.protocol.internal.SegmentEncoder;
import io.loomcql.protocol.internal.Startup;
import io.loomcql.protocol.internal.Supported;
import io.loomcql.protocol.internal.VoidResult;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stub's fast path on protocol v5: a burst of pipelined EXECUTEs (writes and reads) sent in
 * one write is answered completely, each answer on its request's stream, read with the driver's
 * own segment and frame decoders. Not a timing test.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StubBurstTest {

  private static final int BURST = 2000;

  @Test
  void answers_a_burst_of_pipelined_writes_and_reads_each_on_its_stream() throws Exception {
    try (StubServer stub = new StubServer("127.0.0.1", 0, 64);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), stub.port())) {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      FrameDecoder frames = new FrameDecoder(1 << 28);
      ArrayDeque<Frame> received = new ArrayDeque<>();
      SegmentDecoder[] segments = {null};

      write(socket, List.of(FrameCodec.encode(new Options(), ProtocolVersion.V5, 0, 0, null)), null);
      assertThat(decode(next(in, frames, received, segments))).isInstanceOf(Supported.class);
      write(socket, List.of(FrameCodec.encode(Startup.forCqlVersion("3.0.0", null, null, null),
          ProtocolVersion.V5, 1, 0, null)), null);
      assertThat(decode(next(in, frames, received, segments))).isInstanceOf(Ready.class);
      SegmentEncoder encoder = new SegmentEncoder();
      segments[0] = new SegmentDecoder();

      Prepared insert = (Prepared) prepare(socket, encoder, in, frames, received, segments, Workload.INSERT, 2);
      Prepared select = (Prepared) prepare(socket, encoder, in, frames, received, segments, Workload.SELECT, 3);

      List<ByteBuffer> burst = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        boolean write = i % 2 == 0;
        Prepared p = write ? insert : select;
        List<ByteBuffer> values = write
            ? List.of(ByteBuffer.allocate(8).putLong(0, i), ByteBuffer.wrap(new byte[] {'v'}))
            : List.of(ByteBuffer.allocate(8).putLong(0, i));
        Request execute = new Execute(p.queryId(), p.resultMetadataId(),
            QueryOptions.of(ConsistencyLevel.LOCAL_ONE).withValues(values));
        burst.add(FrameCodec.encode(execute, ProtocolVersion.V5, 100 + i, 0, null));
      }
      write(socket, burst, encoder);
      for (int i = 0; i < BURST; i++) {
        Frame answer = next(in, frames, received, segments);
        assertThat(answer.streamId()).isEqualTo(100 + i);
        if (i % 2 == 0) {
          assertThat(decode(answer)).isInstanceOf(VoidResult.class);
        } else {
          assertThat(((Rows) decode(answer)).rowCount()).isEqualTo(1);
        }
      }
    }
  }

  private static Object prepare(Socket socket, SegmentEncoder encoder, InputStream in, FrameDecoder frames,
      ArrayDeque<Frame> received, SegmentDecoder[] segments, String cql, int stream) throws Exception {
    write(socket, List.of(FrameCodec.encode(new Prepare(cql), ProtocolVersion.V5, stream, 0, null)), encoder);
    return decode(next(in, frames, received, segments));
  }

  private static Object decode(Frame frame) {
    return ResponseDecoder.decode(frame).response();
  }

  private static void write(Socket socket, List<ByteBuffer> frames, SegmentEncoder encoder) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (encoder == null) {
      frames.forEach(b -> bytes.writeBytes(copy(b)));
    } else {
      encoder.encode(frames, b -> bytes.writeBytes(copy(b)));
    }
    socket.getOutputStream().write(bytes.toByteArray());
  }

  private static Frame next(InputStream in, FrameDecoder frames, ArrayDeque<Frame> received,
      SegmentDecoder[] segments) throws Exception {
    while (received.isEmpty()) {
      byte[] buffer = new byte[64 * 1024];
      int n = in.read(buffer);
      assertThat(n).as("bytes from the stub").isPositive();
      ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
      if (segments[0] == null) {
        frames.feed(bytes, received::add);
      } else {
        segments[0].feed(bytes, payload -> frames.feed(ByteBuffer.wrap(copy(payload)), received::add));
      }
    }
    return received.poll();
  }

  private static byte[] copy(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }
}
