package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * LZ4 (lz4-java: its native library when it loads, else its pure-Java implementation). Frame
 * bodies carry a 4-byte big-endian uncompressed length before the raw block; v5 segment payloads
 * are raw blocks whose lengths are in the segment header ({@link #compressBlock}, {@link
 * #decompressBlock}). Decompression always uses the bounds-checking ("safe") decompressor.
 */
public final class Lz4Compressor extends Compressor {

  /** The most LZ4 can expand one input byte (a match length byte of 255). */
  private static final int MAX_RATIO = 255;

  Lz4Compressor(int maxUncompressedLength) {
    super(maxUncompressedLength);
  }

  /** A compressor for v5 segments, whose payloads cannot exceed 128 KiB anyway. */
  public static Lz4Compressor forSegments() {
    return new Lz4Compressor(SegmentEncoder.MAX_PAYLOAD);
  }

  static boolean isAvailable() {
    try {
      return Holder.COMPRESSOR != null;
    } catch (LinkageError e) {
      return false;
    }
  }

  @Override
  public String name() {
    return LZ4;
  }

  @Override
  public ByteBuffer compressBody(ByteBuffer body) {
    int length = body.remaining();
    byte[] out = new byte[4 + Holder.COMPRESSOR.maxCompressedLength(length)];
    ByteBuffer wrapped = ByteBuffer.wrap(out);
    wrapped.putInt(0, length);
    int n = compressInto(body, out, 4);
    return wrapped.limit(4 + n);
  }

  @Override
  public ByteBuffer decompressBody(ByteBuffer body) {
    if (body.remaining() < 4) {
      throw new ProtocolException(
          "lz4 body needs at least 4 bytes (its uncompressed length), got " + body.remaining());
    }
    int declared = body.getInt(body.position());
    int compressedLength = body.remaining() - 4;
    checkDeclaredLength(declared, compressedLength, MAX_RATIO);
    return decompress(body.slice(body.position() + 4, compressedLength), declared);
  }

  /**
   * Compresses a segment payload into a raw LZ4 block.
   *
   * @param payload the bytes, from position to limit (not moved)
   * @return a new buffer holding the block, or null if it would not be smaller than the payload
   */
  public ByteBuffer compressBlock(ByteBuffer payload) {
    int length = payload.remaining();
    byte[] out = new byte[Holder.COMPRESSOR.maxCompressedLength(length)];
    int n = compressInto(payload, out, 0);
    return n < length ? ByteBuffer.wrap(out, 0, n) : null;
  }

  /**
   * Decompresses a raw LZ4 block that must expand to exactly {@code uncompressedLength} bytes.
   *
   * @throws ProtocolException if the block is malformed or expands to another length
   */
  public ByteBuffer decompressBlock(ByteBuffer block, int uncompressedLength) {
    checkDeclaredLength(uncompressedLength, block.remaining(), MAX_RATIO);
    return decompress(block, uncompressedLength);
  }

  private static int compressInto(ByteBuffer in, byte[] out, int offset) {
    if (in.hasArray()) {
      return Holder.COMPRESSOR.compress(in.array(), in.arrayOffset() + in.position(),
          in.remaining(), out, offset, out.length - offset);
    }
    return Holder.COMPRESSOR.compress(in, in.position(), in.remaining(), ByteBuffer.wrap(out),
        offset, out.length - offset);
  }

  private ByteBuffer decompress(ByteBuffer in, int length) {
    byte[] out = new byte[length];
    int n;
    try {
      if (in.hasArray()) {
        n = Holder.DECOMPRESSOR.decompress(in.array(), in.arrayOffset() + in.position(),
            in.remaining(), out, 0, length);
      } else {
        n = Holder.DECOMPRESSOR.decompress(in, in.position(), in.remaining(), ByteBuffer.wrap(out),
            0, length);
      }
    } catch (RuntimeException e) {
      throw new ProtocolException("Malformed lz4 block of " + in.remaining()
          + " bytes (declared to expand to " + length + " bytes): " + e.getMessage(), e);
    }
    if (n != length) {
      throw new ProtocolException("lz4 block of " + in.remaining() + " bytes expands to " + n
          + " bytes, not the " + length + " declared");
    }
    return ByteBuffer.wrap(out);
  }

  /** Loaded on first use, so that a missing library fails only {@link #isAvailable}. */
  private static final class Holder {
    static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
    static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
    static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();
  }
}
