package io.loomcql.testserver;

import io.loomcql.protocol.internal.SegmentEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

/**
 * Byte-level helpers to build frames and v5 segments by hand, for replies no server
 * should send ({@link Reply#raw}): wrong lengths, unknown opcodes, broken CRCs. The opcodes are the
 * protocol module's {@code Opcodes}.
 */
public final class Frames {

  /** The size of a frame header. */
  public static final int HEADER_SIZE = 9;

  /** The consistency code of QUORUM, which the scripted errors report. */
  static final int QUORUM = 0x0004;

  private Frames() {}

  /** A response frame of protocol {@code version} (0 for a template patched on the way out). */
  public static byte[] frame(int version, int stream, int opcode, byte[] body) {
    return ByteBuffer.allocate(HEADER_SIZE + body.length)
        .put(header(version, stream, opcode, body.length)).put(body).array();
  }

  /** The 9-byte header of a response frame announcing {@code length} body bytes. */
  public static byte[] header(int version, int stream, int opcode, int length) {
    return ByteBuffer.allocate(HEADER_SIZE).put((byte) (version == 0 ? 0 : 0x80 | version))
        .put((byte) 0).putShort((short) stream).put((byte) opcode).putInt(length).array();
  }

  /** Well-formed, uncompressed v5 segments carrying {@code payload}. */
  public static byte[] segment(byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SegmentEncoder().encode(List.of(ByteBuffer.wrap(payload)), part -> {
      byte[] bytes = new byte[part.remaining()];
      part.duplicate().get(bytes);
      out.writeBytes(bytes);
    });
    return out.toByteArray();
  }

  static String hex(byte[] bytes) {
    return "0x" + HexFormat.of().formatHex(bytes);
  }
}
