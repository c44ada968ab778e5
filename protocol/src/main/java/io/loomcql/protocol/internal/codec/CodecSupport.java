package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolException;
import java.nio.ByteBuffer;

/** Shared checks of the codecs. */
final class CodecSupport {

  private CodecSupport() {}

  /** Throws unless {@code length} is exactly {@code expected} bytes of {@code cqlName}. */
  static void checkLength(int length, int expected, String cqlName) {
    if (length != expected) {
      throw new ProtocolException(
          cqlName + " needs " + expected + " byte" + (expected == 1 ? "" : "s") + ", got " + length);
    }
  }

  /** Throws unless absolute range [offset, offset + length) lies inside {@code buf}. */
  static void checkRange(ByteBuffer buf, int offset, int length, String cqlName) {
    if (offset < 0 || length < 0 || offset > buf.limit() - length) {
      throw new ProtocolException("The " + cqlName + " cell at offset " + offset + " with length "
          + length + " lies outside the " + buf.limit() + " bytes of the result");
    }
  }
}
