package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;

/**
 * Snappy (snappy-java, a native library), for v3 and v4 frame bodies only: the body is one raw
 * Snappy block, which starts with its uncompressed length as a varint. v5 segments cannot use it.
 */
public final class SnappyCompressor extends Compressor {

  /** The most Snappy can expand one input byte (a 3-byte copy of 64 bytes), rounded up. */
  private static final int MAX_RATIO = 22;

  private static volatile Boolean available;

  SnappyCompressor(int maxUncompressedLength) {
    super(maxUncompressedLength);
  }

  /** Whether the native library loads; tried once. */
  static boolean isAvailable() {
    Boolean a = available;
    if (a == null) {
      try {
        byte[] probe = Snappy.compress(new byte[] {1, 2, 3});
        a = Snappy.uncompress(probe).length == 3;
      } catch (IOException | RuntimeException | Error e) {
        // org.xerial.snappy.SnappyError or a LinkageError: no native library for this platform
        a = false;
      }
      available = a;
    }
    return a;
  }

  @Override
  public String name() {
    return SNAPPY;
  }

  @Override
  public ByteBuffer compressBody(ByteBuffer body) {
    byte[] in = array(body);
    int offset = body.hasArray() ? body.arrayOffset() + body.position() : 0;
    byte[] out = new byte[Snappy.maxCompressedLength(body.remaining())];
    try {
      int n = Snappy.compress(in, offset, body.remaining(), out, 0);
      return ByteBuffer.wrap(out, 0, n);
    } catch (IOException e) {
      throw new IllegalStateException("Snappy failed to compress " + body.remaining() + " bytes", e);
    }
  }

  @Override
  public ByteBuffer decompressBody(ByteBuffer body) {
    byte[] in = array(body);
    int offset = body.hasArray() ? body.arrayOffset() + body.position() : 0;
    int length = body.remaining();
    long declared = declaredLength(in, offset, length);
    checkDeclaredLength(declared, length, MAX_RATIO);
    byte[] out = new byte[(int) declared];
    int n;
    try {
      n = Snappy.uncompress(in, offset, length, out, 0);
    } catch (IOException | RuntimeException e) {
      throw new ProtocolException("Malformed snappy body of " + length + " bytes (declared to"
          + " expand to " + declared + " bytes): " + e.getMessage(), e);
    }
    if (n != declared) {
      throw new ProtocolException("snappy body of " + length + " bytes expands to " + n
          + " bytes, not the " + declared + " declared");
    }
    return ByteBuffer.wrap(out);
  }

  /** The varint at the start of a raw Snappy block, read here so that no native code sees junk. */
  private static long declaredLength(byte[] in, int offset, int length) {
    long value = 0;
    for (int i = 0; i < 5; i++) {
      if (i >= length) {
        throw new ProtocolException("snappy body of " + length
            + " bytes ends inside its uncompressed length");
      }
      int b = in[offset + i] & 0xFF;
      value |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new ProtocolException("snappy body starts with an uncompressed length longer than 5 bytes");
  }

  private static byte[] array(ByteBuffer b) {
    if (b.hasArray()) {
      return b.array();
    }
    byte[] copy = new byte[b.remaining()];
    b.duplicate().get(copy);
    return copy;
  }
}
