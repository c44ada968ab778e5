package io.loomcql.transport.internal;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Compressor;
import io.loomcql.protocol.internal.FrameCodec;
import io.loomcql.protocol.internal.FrameDecoder;
import io.loomcql.protocol.internal.Lz4Compressor;
import io.loomcql.protocol.internal.Opcodes;
import io.loomcql.protocol.internal.SegmentDecoder;
import io.loomcql.protocol.internal.SegmentEncoder;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bytes to and from frames for one connection, and the one place the transport reaches the
 * protocol module's compression: v3/v4 frame bodies (LZ4 or Snappy, flag 0x01) and v5 segments
 * (LZ4 only; their frames are never flagged). Received frames go to the server's event listener
 * (negative stream ids) or to the {@link InFlightTable} (responses).
 *
 * <p>Threads. Any thread {@link #encode}s; the write-token holder calls {@link #frameForWire};
 * the reading thread calls {@link #read} and owns the decoders. The handshake switches
 * compression and segments on, from the reading thread, before any request after STARTUP is
 * encoded.
 */
final class Framing {

  private static final Logger LOG = LoggerFactory.getLogger(Framing.class);

  private final ProtocolVersion version;
  private final InetSocketAddress endpoint;
  private final Consumer<Frame> eventListener;
  private final InFlightTable table;

  // Set once by the handshake, before the first request after STARTUP is encoded.
  private volatile Compressor frameCompressor;
  private volatile String compression;
  // Set by the handshake before the first segment is written; read by the write-token holder.
  private volatile SegmentEncoder segmentEncoder;

  // Reading thread only.
  private final FrameDecoder frameDecoder;
  private SegmentDecoder segmentDecoder;
  private Compressor decompressor;
  private final Consumer<Frame> frameSink = this::onFrame;
  private final Consumer<ByteBuffer> payloadSink;

  Framing(
      ProtocolVersion version, InetSocketAddress endpoint, int maxFrameLength,
      Consumer<Frame> eventListener, InFlightTable table) {
    this.version = version;
    this.endpoint = endpoint;
    this.eventListener = eventListener;
    this.table = table;
    this.frameDecoder = new FrameDecoder(maxFrameLength);
    FrameDecoder decoder = frameDecoder;
    this.payloadSink = payload -> decoder.feed(payload, frameSink);
  }

  /**
   * The compressor for a STARTUP COMPRESSION value, or null if the name is unknown or its library
   * does not load here.
   *
   * @param maxFrameLength the largest decompressed body accepted
   */
  static Compressor compressor(String name, int maxFrameLength) {
    return Compressor.forName(name, maxFrameLength);
  }

  /** Whether this build and platform can use the algorithm {@code name}. */
  static boolean available(String name) {
    return Compressor.forName(name, 0) != null;
  }

  // ------------------------------------------------------------------ any thread

  /** Encodes a request, its body compressed when v3/v4 compression is on. */
  ByteBuffer encode(Request request, int flags, Map<String, ByteBuffer> customPayload) {
    Compressor c = segmentEncoder == null ? frameCompressor : null;
    ByteBuffer frame = FrameCodec.encode(request, version, 0, flags, customPayload);
    return c == null ? frame : c.compressFrame(frame);
  }

  /** The compression negotiated in STARTUP ("lz4", "snappy"), or null. */
  String compression() {
    return compression;
  }

  // ------------------------------------------------------------------ write-token holder

  /** Wraps frames for the wire: v5 segments after the handshake, else the frames themselves. */
  void frameForWire(List<ByteBuffer> frames, Consumer<ByteBuffer> out) {
    SegmentEncoder encoder = segmentEncoder;
    if (encoder != null) {
      encoder.encode(frames, out);
    } else {
      for (int i = 0; i < frames.size(); i++) {
        out.accept(frames.get(i));
      }
    }
  }

  // ------------------------------------------------------------------ reading thread

  /** Consumes received bytes (after TLS), dispatching every whole frame. */
  void read(ByteBuffer bytes) {
    if (segmentDecoder != null) {
      segmentDecoder.feed(bytes, payloadSink);
    } else {
      frameDecoder.feed(bytes, frameSink);
    }
  }

  private void onFrame(Frame frame) {
    if (decompressor != null && frame.hasFlag(Frame.FLAG_COMPRESSED)) {
      frame = decompressor.decompressFrame(frame);
    }
    if (!isResponseOpcode(frame.opcode())) {
      // Like the Python driver, which marks a connection defunct on a message it cannot decode:
      // the server speaks something else, so nothing more it sends can be trusted.
      throw new ProtocolException(
          "Received a frame with opcode " + Opcodes.name(frame.opcode()) + " on stream id "
              + frame.streamId() + " from " + endpoint + ", which is not a response opcode");
    }
    if (frame.streamId() >= 0) {
      table.answer(frame);
    } else if (eventListener != null) {
      try {
        eventListener.accept(frame);
      } catch (RuntimeException e) {
        LOG.error("Event listener for {} failed", endpoint, e);
      }
    }
  }

  private static boolean isResponseOpcode(int opcode) {
    return switch (opcode) {
      case Opcodes.ERROR, Opcodes.READY, Opcodes.AUTHENTICATE, Opcodes.SUPPORTED, Opcodes.RESULT,
          Opcodes.EVENT, Opcodes.AUTH_CHALLENGE, Opcodes.AUTH_SUCCESS -> true;
      default -> false;
    };
  }

  /** Frames with the COMPRESSED flag are decompressed with {@code c} from now on. */
  void expectCompressed(Compressor c) {
    this.decompressor = c;
  }

  /**
   * Right after READY or AUTHENTICATE: compress outgoing requests with {@code c} (may be null);
   * on v5, switch both directions to segments (compressed with {@code c}).
   */
  void enable(Compressor c) {
    compression = c == null ? null : c.name();
    if (version.usesSegments()) {
      Lz4Compressor lz4 = lz4(c);
      segmentDecoder = new SegmentDecoder(lz4);
      segmentEncoder = new SegmentEncoder(lz4);
      decompressor = null;
    } else {
      frameCompressor = c;
    }
  }

  private static Lz4Compressor lz4(Compressor c) {
    if (c == null) {
      return null;
    }
    if (c instanceof Lz4Compressor lz4) {
      return lz4;
    }
    throw new IllegalArgumentException("v5 segments can only be compressed with lz4, not " + c);
  }
}
