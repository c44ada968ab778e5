package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Splits the bytes of a v5 connection into segments (uncompressed format), verifies both CRCs and
 * emits each segment's payload. The payloads are then fed to a {@link FrameDecoder}, which
 * reassembles frames split across segments.
 *
 * <p>One per connection; not thread-safe: the connection's reactor thread owns it. After a {@link
 * ProtocolException} the decoder's state is undefined: the connection must be closed.
 */
public final class SegmentDecoder {

  private final byte[] header = new byte[SegmentEncoder.HEADER_SIZE];
  private int headerFilled;
  // payload + CRC32 of the segment being assembled, allocated once its header is verified
  private byte[] payload;
  private int payloadFilled;
  private boolean lastSelfContained;

  /**
   * Consumes all the remaining bytes of {@code bytes} and passes each complete segment's payload to
   * {@code payloadOut}, in order. A payload buffer is valid only until {@code payloadOut} returns
   * (it may be a slice of {@code bytes}): copy what must outlive the call.
   *
   * @throws ProtocolException if a header CRC24 or a payload CRC32 does not match
   */
  public void feed(ByteBuffer bytes, Consumer<ByteBuffer> payloadOut) {
    while (bytes.hasRemaining()) {
      if (payload == null) {
        int length;
        if (headerFilled == 0 && bytes.remaining() >= SegmentEncoder.HEADER_SIZE) {
          int p = bytes.position();
          length = checkHeader(bytes.get(p), bytes.get(p + 1), bytes.get(p + 2),
              bytes.get(p + 3), bytes.get(p + 4), bytes.get(p + 5));
          bytes.position(p + SegmentEncoder.HEADER_SIZE);
          if (bytes.remaining() >= length + SegmentEncoder.TRAILER_SIZE) {
            // fast path: the whole segment is in the buffer, emit a slice of it
            int start = bytes.position();
            ByteBuffer slice = bytes.slice(start, length);
            checkPayload(slice, crcAt(bytes, start + length));
            bytes.position(start + length + SegmentEncoder.TRAILER_SIZE);
            payloadOut.accept(slice);
            continue;
          }
        } else {
          int n = Math.min(SegmentEncoder.HEADER_SIZE - headerFilled, bytes.remaining());
          bytes.get(header, headerFilled, n);
          headerFilled += n;
          if (headerFilled < SegmentEncoder.HEADER_SIZE) {
            return;
          }
          length = checkHeader(header[0], header[1], header[2], header[3], header[4], header[5]);
        }
        headerFilled = 0;
        payload = new byte[length + SegmentEncoder.TRAILER_SIZE];
        payloadFilled = 0;
      }
      int n = Math.min(payload.length - payloadFilled, bytes.remaining());
      bytes.get(payload, payloadFilled, n);
      payloadFilled += n;
      if (payloadFilled == payload.length) {
        byte[] done = payload;
        payload = null;
        int length = done.length - SegmentEncoder.TRAILER_SIZE;
        ByteBuffer slice = ByteBuffer.wrap(done, 0, length).slice();
        checkPayload(slice, crcAt(ByteBuffer.wrap(done), length));
        payloadOut.accept(slice);
      }
    }
  }

  /** Whether some bytes of an incomplete segment are buffered. */
  public boolean hasPartialSegment() {
    return headerFilled > 0 || payload != null;
  }

  /** Whether the last segment whose header was read is self-contained (holds whole frames only). */
  public boolean lastSegmentSelfContained() {
    return lastSelfContained;
  }

  private int checkHeader(byte b0, byte b1, byte b2, byte c0, byte c1, byte c2) {
    long h = (b0 & 0xFF) | (b1 & 0xFF) << 8 | (b2 & 0xFF) << 16;
    int actual = (c0 & 0xFF) | (c1 & 0xFF) << 8 | (c2 & 0xFF) << 16;
    int expected = Crc24.compute(h, 3);
    if (actual != expected) {
      throw new ProtocolException(String.format(
          "Segment header CRC24 mismatch: computed 0x%06x, received 0x%06x (header bytes %02x %02x"
              + " %02x)", expected, actual, b0 & 0xFF, b1 & 0xFF, b2 & 0xFF));
    }
    lastSelfContained = (h & (1L << 17)) != 0;
    return (int) (h & SegmentEncoder.MAX_PAYLOAD);
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
