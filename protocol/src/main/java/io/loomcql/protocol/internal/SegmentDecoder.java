package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Splits the bytes of a v5 connection into segments (uncompressed or LZ4 format, see {@link
 * SegmentEncoder}), verifies both CRCs, decompresses, and emits each segment's payload. The
 * payloads are then fed to a {@link FrameDecoder}, which reassembles frames split across segments.
 *
 * <p>A compressed payload declares its uncompressed length in 17 bits of the CRC-protected header,
 * so no segment can make the decoder allocate more than 128 KiB; a block that does not expand to
 * exactly that length is a {@link ProtocolException}.
 *
 * <p>A segment that lies entirely inside the buffer given to {@link #feed} is emitted as a slice of
 * it; one that arrives across several calls is assembled in a buffer the decoder keeps and reuses
 * for the next partial segment (it grows to the largest segment seen, at most {@link
 * SegmentEncoder#MAX_PAYLOAD} plus the CRC32), so reading large results allocates nothing per
 * segment. Either way a payload is valid only until the consumer returns.
 *
 * <p>One per connection; not thread-safe: the connection's reactor thread owns it. After a {@link
 * ProtocolException} the decoder's state is undefined: the connection must be closed.
 */
public final class SegmentDecoder {

  private final Lz4Compressor compressor;
  private final int headerSize;
  private final byte[] header;
  private int headerFilled;
  // payload + CRC32 of the segment being assembled: the first payloadLength bytes of assembly,
  // which is reused from one partial segment to the next (-1: no segment is being assembled)
  private byte[] assembly = new byte[0];
  private int payloadLength = -1;
  private int payloadFilled;
  // the uncompressed length of the segment being assembled (0 = stored as is)
  private int uncompressedLength;
  private boolean lastSelfContained;

  /** A decoder of uncompressed segments. */
  public SegmentDecoder() {
    this(null);
  }

  /** A decoder of LZ4-compressed segments, or of uncompressed ones if {@code compressor} is null. */
  public SegmentDecoder(Lz4Compressor compressor) {
    this.compressor = compressor;
    this.headerSize =
        compressor == null ? SegmentEncoder.HEADER_SIZE : SegmentEncoder.COMPRESSED_HEADER_SIZE;
    this.header = new byte[headerSize];
  }

  /**
   * Consumes all the remaining bytes of {@code bytes} and passes each complete segment's payload to
   * {@code payloadOut}, in order. A payload buffer is valid only until {@code payloadOut} returns
   * (it may be a slice of {@code bytes}): copy what must outlive the call.
   *
   * @throws ProtocolException if a header CRC24 or a payload CRC32 does not match, a header sets
   *     its padding bits, or a compressed payload is malformed
   */
  public void feed(ByteBuffer bytes, Consumer<ByteBuffer> payloadOut) {
    while (bytes.hasRemaining()) {
      if (payloadLength < 0) {
        int length;
        if (headerFilled == 0 && bytes.remaining() >= headerSize) {
          int p = bytes.position();
          length = checkHeader(bytes, p);
          bytes.position(p + headerSize);
          if (bytes.remaining() >= length + SegmentEncoder.TRAILER_SIZE) {
            // fast path: the whole segment is in the buffer, emit a slice of it
            int start = bytes.position();
            ByteBuffer slice = bytes.slice(start, length);
            checkPayload(slice, crcAt(bytes, start + length));
            bytes.position(start + length + SegmentEncoder.TRAILER_SIZE);
            payloadOut.accept(uncompress(slice));
            continue;
          }
        } else {
          int n = Math.min(headerSize - headerFilled, bytes.remaining());
          bytes.get(header, headerFilled, n);
          headerFilled += n;
          if (headerFilled < headerSize) {
            return;
          }
          length = checkHeader(ByteBuffer.wrap(header), 0);
        }
        headerFilled = 0;
        int needed = length + SegmentEncoder.TRAILER_SIZE;
        if (assembly.length < needed) {
          assembly = new byte[needed];
        }
        payloadLength = needed;
        payloadFilled = 0;
      }
      int n = Math.min(payloadLength - payloadFilled, bytes.remaining());
      bytes.get(assembly, payloadFilled, n);
      payloadFilled += n;
      if (payloadFilled == payloadLength) {
        int length = payloadLength - SegmentEncoder.TRAILER_SIZE;
        payloadLength = -1;
        ByteBuffer whole = ByteBuffer.wrap(assembly);
        ByteBuffer slice = whole.slice(0, length);
        checkPayload(slice, crcAt(whole, length));
        payloadOut.accept(uncompress(slice));
      }
    }
  }

  /** Whether some bytes of an incomplete segment are buffered. */
  public boolean hasPartialSegment() {
    return headerFilled > 0 || payloadLength >= 0;
  }

  /** Whether the last segment whose header was read is self-contained (holds whole frames only). */
  public boolean lastSegmentSelfContained() {
    return lastSelfContained;
  }

  /** Verifies the header at absolute index {@code p}; returns the payload length on the wire. */
  private int checkHeader(ByteBuffer buf, int p) {
    int valueBytes = headerSize - 3;
    long h = 0;
    for (int i = 0; i < valueBytes; i++) {
      h |= (long) (buf.get(p + i) & 0xFF) << (8 * i);
    }
    int actual = (buf.get(p + valueBytes) & 0xFF) | (buf.get(p + valueBytes + 1) & 0xFF) << 8
        | (buf.get(p + valueBytes + 2) & 0xFF) << 16;
    int expected = Crc24.compute(h, valueBytes);
    if (actual != expected) {
      throw new ProtocolException(String.format(
          "Segment header CRC24 mismatch: computed 0x%06x, received 0x%06x (header value 0x%0"
              + (2 * valueBytes) + "x)", expected, actual, h));
    }
    // Above the lengths and the self-contained flag, the header is padding, zero on the wire: a
    // value there would announce more than a segment can hold.
    if (h >>> (compressor == null ? 18 : 35) != 0) {
      throw new ProtocolException(String.format(
          "Segment header value 0x%0" + (2 * valueBytes) + "x sets bits beyond its 17-bit length"
              + " fields and self-contained flag: a segment cannot announce more than %d payload"
              + " bytes", h, SegmentEncoder.MAX_PAYLOAD));
    }
    if (compressor == null) {
      lastSelfContained = (h & (1L << 17)) != 0;
    } else {
      uncompressedLength = (int) ((h >>> 17) & SegmentEncoder.MAX_PAYLOAD);
      lastSelfContained = (h & (1L << 34)) != 0;
    }
    return (int) (h & SegmentEncoder.MAX_PAYLOAD);
  }

  private ByteBuffer uncompress(ByteBuffer slice) {
    if (compressor == null || uncompressedLength == 0) {
      return slice;
    }
    try {
      return compressor.decompressBlock(slice, uncompressedLength);
    } catch (ProtocolException e) {
      throw new ProtocolException("Cannot decompress a segment payload of " + slice.remaining()
          + " bytes: " + e.getMessage(), e);
    }
  }

  private static int crcAt(ByteBuffer buf, int index) {
    return (buf.get(index) & 0xFF) | (buf.get(index + 1) & 0xFF) << 8
        | (buf.get(index + 2) & 0xFF) << 16 | (buf.get(index + 3) & 0xFF) << 24;
  }

  private static void checkPayload(ByteBuffer payload, int received) {
    CRC32 crc = Crc32.start();
    Crc32.update(crc, payload);
    int computed = (int) crc.getValue();
    if (computed != received) {
      throw new ProtocolException(String.format(
          "Segment payload CRC32 mismatch: computed 0x%08x, received 0x%08x (%d payload bytes)",
          computed, received, payload.remaining()));
    }
  }
}
