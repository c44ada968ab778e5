package io.loomcql.testserver;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Compressor;
import io.loomcql.protocol.internal.FrameCodec;
import io.loomcql.protocol.internal.FrameDecoder;
import io.loomcql.protocol.internal.Lz4Compressor;
import io.loomcql.protocol.internal.Options;
import io.loomcql.protocol.internal.Query;
import io.loomcql.protocol.internal.QueryOptions;
import io.loomcql.protocol.internal.Response;
import io.loomcql.protocol.internal.ResponseDecoder;
import io.loomcql.protocol.internal.SegmentDecoder;
import io.loomcql.protocol.internal.SegmentEncoder;
import io.loomcql.protocol.internal.Startup;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A blocking client built from the driver's own codec (frame encoder and decoder, compressors,
 * segment encoder and decoder, response decoder): what the server writes is read the way the
 * driver reads it.
 */
final class TestClient implements AutoCloseable {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ProtocolVersion version;
  private final FrameDecoder frames = new FrameDecoder(256 * 1024 * 1024);
  private final ArrayDeque<Frame> received = new ArrayDeque<>();
  private Compressor compressor;
  private SegmentDecoder segmentDecoder;
  private SegmentEncoder segmentEncoder;
  private int nextStream;

  TestClient(InetSocketAddress address, ProtocolVersion version) throws IOException {
    this.socket = new Socket(address.getAddress(), address.getPort());
    this.socket.setSoTimeout(10_000);
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.version = version;
  }

  /** OPTIONS, then STARTUP asking for {@code compression} (or none); returns the STARTUP answer. */
  Response handshake(String compression) throws IOException {
    request(new Options());
    Response answer = request(Startup.forCqlVersion("3.0.0", compression, "test", "1"));
    startFraming(compression);
    return answer;
  }

  void startFraming(String compression) {
    Compressor chosen = compression == null ? null : Compressor.forName(compression, 1 << 28);
    if (version.usesSegments()) {
      Lz4Compressor lz4 = chosen instanceof Lz4Compressor l ? l : null;
      segmentDecoder = new SegmentDecoder(lz4);
      segmentEncoder = new SegmentEncoder(lz4);
    } else {
      compressor = chosen;
    }
  }

  /** Sends {@code request} and returns the decoded answer on its stream. */
  Response request(Request request) throws IOException {
    int stream = send(request);
    Frame frame = next();
    if (frame.streamId() != stream) {
      throw new AssertionError("answer on stream " + frame.streamId() + ", expected " + stream);
    }
    return ResponseDecoder.decode(frame).response();
  }

  Response query(String cql) throws IOException {
    return request(new Query(cql, QueryOptions.of(ConsistencyLevel.ONE)));
  }

  /** Sends without waiting; returns the stream id used. */
  int send(Request request) throws IOException {
    int stream = nextStream++ & 0x7FFF;
    write(List.of(encode(request, stream)));
    return stream;
  }

  /** Writes {@code requests} in one write call; returns their stream ids. */
  List<Integer> sendAll(List<? extends Request> requests) throws IOException {
    List<ByteBuffer> encoded = new ArrayList<>();
    List<Integer> streams = new ArrayList<>();
    for (Request request : requests) {
      int stream = nextStream++ & 0x7FFF;
      streams.add(stream);
      encoded.add(encode(request, stream));
    }
    write(encoded);
    return streams;
  }

  private ByteBuffer encode(Request request, int stream) {
    ByteBuffer frame = FrameCodec.encode(request, version, stream, 0, null);
    return compressor == null ? frame : compressor.compressFrame(frame);
  }

  private void write(List<ByteBuffer> frames) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    if (segmentEncoder != null) {
      segmentEncoder.encode(frames, b -> bytes.writeBytes(copy(b)));
    } else {
      frames.forEach(b -> bytes.writeBytes(copy(b)));
    }
    out.write(bytes.toByteArray());
    out.flush();
  }

  /** The next frame the server sent (decompressed). */
  Frame next() throws IOException {
    byte[] buffer = new byte[64 * 1024];
    while (received.isEmpty()) {
      int n = in.read(buffer);
      if (n < 0) {
        throw new EOFException("the server closed the connection");
      }
      ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
      if (segmentDecoder != null) {
        segmentDecoder.feed(bytes, payload -> frames.feed(ByteBuffer.wrap(copy(payload)), this::add));
      } else {
        frames.feed(bytes, this::add);
      }
    }
    return received.poll();
  }

  /** The next {@code n} bytes the server sent, raw. */
  byte[] readExactly(int n) throws IOException {
    return in.readNBytes(n);
  }

  /** Reads until the server closes the connection; returns what came before, raw. */
  byte[] readToEnd() throws IOException {
    return in.readAllBytes();
  }

  private void add(Frame frame) {
    received.add(compressor == null ? frame : compressor.decompressFrame(frame));
  }

  private static byte[] copy(ByteBuffer b) {
    byte[] a = new byte[b.remaining()];
    b.duplicate().get(a);
    return a;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
