package io.loomcql.protocol.internal;

import io.loomcql.ProtocolVersion;
import io.loomcql.UnsupportedFeatureException;
import io.loomcql.wire.Frame;
import io.loomcql.wire.Request;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Encodes requests into frames: one exact-size heap buffer holding the 9-byte header and the body,
 * allocated once after sizing the message.
 */
public final class FrameCodec {

  private FrameCodec() {}

  /**
   * Encodes {@code request} as a frame.
   *
   * @param version the protocol version of the connection (the header's version byte, request
   *     direction)
   * @param streamId the stream id; can be patched later with {@link #setStreamId}
   * @param flags header flags, e.g. {@link Frame#FLAG_TRACING}; {@link Frame#FLAG_CUSTOM_PAYLOAD}
   *     is added when {@code customPayload} is not null
   * @param customPayload a custom payload (v4+) written before the message, or null
   * @return a heap buffer at position 0 with limit = capacity = the frame size, ready to write
   * @throws UnsupportedFeatureException for a custom payload on v3, or a feature of the message
   *     that {@code version} lacks
   */
  public static ByteBuffer encode(
      Request request,
      ProtocolVersion version,
      int streamId,
      int flags,
      Map<String, ByteBuffer> customPayload) {
    int bodySize = request.encodedSize(version);
    if (customPayload != null) {
      if (!version.isAtLeast(ProtocolVersion.V4)) {
        throw new UnsupportedFeatureException(
            "Custom payloads need protocol v4 or later, the connection uses " + version);
      }
      flags |= Frame.FLAG_CUSTOM_PAYLOAD;
      bodySize += Wire.sizeOfBytesMap(customPayload);
    }
    ByteBuffer buf = ByteBuffer.allocate(Frame.HEADER_SIZE + bodySize);
    buf.put((byte) version.code());
    buf.put((byte) flags);
    buf.putShort((short) streamId);
    buf.put((byte) request.opcode());
    buf.putInt(bodySize);
    if (customPayload != null) {
      Wire.writeBytesMap(buf, customPayload);
    }
    request.encode(buf, version);
    if (buf.hasRemaining()) {
      throw new IllegalStateException(
          request.getClass().getSimpleName() + " wrote " + (buf.position() - Frame.HEADER_SIZE)
              + " bytes but announced " + bodySize);
    }
    return buf.flip();
  }

  /** Patches the stream id of an encoded frame in place (absolute index 2). */
  public static void setStreamId(ByteBuffer encodedFrame, int streamId) {
    encodedFrame.putShort(2, (short) streamId);
  }

  /** The stream id of an encoded frame. */
  public static int streamIdOf(ByteBuffer encodedFrame) {
    return encodedFrame.getShort(2);
  }
}
