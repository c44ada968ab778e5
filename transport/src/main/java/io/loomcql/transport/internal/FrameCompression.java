package io.loomcql.transport.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Compressor;
import io.loomcql.protocol.internal.FrameCodec;
import io.loomcql.protocol.internal.Lz4Compressor;
import io.loomcql.protocol.internal.SegmentDecoder;
import io.loomcql.protocol.internal.SegmentEncoder;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The one place the transport reaches the protocol module's compression: v3/v4 frame bodies
 * (LZ4 or Snappy, flag 0x01) and v5 segments (LZ4 only; their frames are never flagged).
 */
final class FrameCompression {

  private FrameCompression() {}

  /**
   * The compressor for a STARTUP COMPRESSION value, or null if the name is unknown or its library
   * does not load here.
   *
   * @param maxFrameLength the largest decompressed body accepted
   */
  static Compressor forName(String name, int maxFrameLength) {
    return Compressor.forName(name, maxFrameLength);
  }

  /** Whether this build and platform can use the algorithm {@code name}. */
  static boolean available(String name) {
    return Compressor.forName(name, 0) != null;
  }

  /** Encodes a request, compressing its body with {@code c} unless {@code c} is null. */
  static ByteBuffer encode(
      Request request,
      ProtocolVersion version,
      int flags,
      Map<String, ByteBuffer> payload,
      Compressor c) {
    ByteBuffer frame = FrameCodec.encode(request, version, 0, flags, payload);
    return c == null ? frame : c.compressFrame(frame);
  }

  /** A received frame with its COMPRESSED flag set, decompressed with {@code c}. */
  static Frame decompress(Frame frame, Compressor c) {
    return c.decompressFrame(frame);
  }

  /** Segments compressed with {@code c} (LZ4), or uncompressed if {@code c} is null. */
  static SegmentEncoder segmentEncoder(Compressor c) {
    return new SegmentEncoder(lz4(c));
  }

  /** Segments compressed with {@code c} (LZ4), or uncompressed if {@code c} is null. */
  static SegmentDecoder segmentDecoder(Compressor c) {
    return new SegmentDecoder(lz4(c));
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
