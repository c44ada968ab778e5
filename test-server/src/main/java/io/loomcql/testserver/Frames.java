package io.loomcql.testserver;

import io.loomcql.protocol.internal.SegmentEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;

/**
 * Opcodes and byte-level helpers to build frames and v5 segments by hand, for replies no server
 * should send ({@link Reply#raw}): wrong lengths, unknown opcodes, broken CRCs.
 */
public final class Frames {

  /** The size of a frame header. */
  public static final int HEADER_SIZE = 9;
  /** ERROR. */
  public static final int ERROR = 0x00;
  /** STARTUP. */
  public static final int STARTUP = 0x01;
  /** READY. */
  public static final int READY = 0x02;
  /** AUTHENTICATE. */
  public static final int AUTHENTICATE = 0x03;
  /** OPTIONS. */
  public static final int OPTIONS = 0x05;
  /** SUPPORTED. */
  public static final int SUPPORTED = 0x06;
  /** QUERY. */
  public static final int QUERY = 0x07;
  /** RESULT. */
  public static final int RESULT = 0x08;
  /** PREPARE. */
  public static final int PREPARE = 0x09;
  /** EXECUTE. */
  public static final int EXECUTE = 0x0A;
  /** REGISTER. */
  public static final int REGISTER = 0x0B;
  /** EVENT. */
  public static final int EVENT = 0x0C;
  /** BATCH. */
  public static final int BATCH = 0x0D;
  /** AUTH_CHALLENGE. */
  public static final int AUTH_CHALLENGE = 0x0E;
  /** AUTH_RESPONSE. */
  public static final int AUTH_RESPONSE = 0x0F;
  /** AUTH_SUCCESS. */
  public static final int AUTH_SUCCESS = 0x10;

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
