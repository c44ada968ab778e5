package io.loomcql.wire;

import io.loomcql.ProtocolVersion;
import io.loomcql.protocol.internal.Opcodes;
import java.nio.ByteBuffer;

/**
 * One protocol frame (section 1 of the specification): a 9-byte header and a body. Frames received
 * by the driver own their body: a heap buffer at position 0 whose limit is the body length, which
 * no one else writes to; plain VOID results all share one read-only body. Read a body with
 * absolute gets or through a duplicate.
 *
 * @param version the protocol version of the header's version byte
 * @param flags the header flags ({@code FLAG_*})
 * @param streamId the stream id (negative for server-initiated EVENTs)
 * @param opcode the message opcode (section 2.4 of the specification)
 * @param body the body, position 0, limit = body length
 */
public record Frame(ProtocolVersion version, int flags, int streamId, int opcode, ByteBuffer body) {

  /** Size of the frame header: version, flags, stream (2), opcode, length (4). */
  public static final int HEADER_SIZE = 9;

  /** The body is compressed. */
  public static final int FLAG_COMPRESSED = 0x01;
  /** Request: trace it; response: the body starts with the tracing id. */
  public static final int FLAG_TRACING = 0x02;
  /** The body contains a custom payload ([bytes map]) after the tracing id and warnings. */
  public static final int FLAG_CUSTOM_PAYLOAD = 0x04;
  /** Response: the body contains warnings ([string list]) after the tracing id. */
  public static final int FLAG_WARNING = 0x08;
  /** Request: the client opts into a beta protocol version. */
  public static final int FLAG_USE_BETA = 0x10;

  /** Whether all the bits of {@code flag} are set. */
  public boolean hasFlag(int flag) {
    return (flags & flag) == flag;
  }

  @Override
  public String toString() {
    return "Frame[" + version + ", flags=0x" + Integer.toHexString(flags) + ", stream=" + streamId
        + ", " + Opcodes.name(opcode) + ", " + body.remaining() + " bytes]";
  }
}
