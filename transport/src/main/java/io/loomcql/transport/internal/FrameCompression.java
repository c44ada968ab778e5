package io.loomcql.transport.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Frame;
import io.loomcql.protocol.internal.FrameCodec;
import io.loomcql.protocol.internal.Request;
import io.loomcql.protocol.internal.SegmentDecoder;
import io.loomcql.protocol.internal.SegmentEncoder;
import java.nio.ByteBuffer;
import java.util.Map;

/** The one place the transport reaches the protocol module's compression primitives. */
final class FrameCompression {

  private FrameCompression() {}

  /** The compressor for a STARTUP COMPRESSION value, or null if this build has none. */
  static Compressor forName(String name) {
    return null;
  }

  static boolean available(String name) {
    return forName(name) != null;
  }

  static ByteBuffer encode(
      Request request, ProtocolVersion version, int flags, Map<String, ByteBuffer> payload, Compressor c) {
    return FrameCodec.encode(request, version, 0, flags, payload);
  }

  static Frame decompress(Frame frame, Compressor c) {
    throw new IllegalStateException("compression unavailable");
  }

  static SegmentEncoder segmentEncoder(Compressor c) {
    return new SegmentEncoder();
  }

  static SegmentDecoder segmentDecoder(Compressor c) {
    return new SegmentDecoder();
  }
}
