package io.loomcql.protocol.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Packs encoded frames into v5 segments (uncompressed format: a 6-byte header = 17-bit payload
 * length + self-contained flag (bit 17), little-endian, and its CRC24; then the payload; then its
 * CRC32, little-endian).
 *
 * <p>Consecutive whole frames share self-contained segments of at most {@link #MAX_PAYLOAD} bytes;
 * a larger frame is cut into several non-self-contained segments that carry nothing else.
 *
 * <p>Nothing is copied: for each segment {@link #encode} emits a new 6-byte header buffer, the
 * payload buffers, and a new 4-byte CRC32 buffer, in write order, for one gathering write. Whole
 * frames are passed through as the given buffer objects (the encoder does not move their positions;
 * writing them does); parts of a split frame are slices. Frame contents are never modified.
 *
 * <p>Stateless and thread-safe. A compressing variant would compress each segment's payload into
 * one buffer and write the 8-byte compressed header instead: the packing logic stays the same.
 */
public final class SegmentEncoder {

  /** The largest payload of a segment: 128 KiB - 1 = 131071 bytes. */
  public static final int MAX_PAYLOAD = (1 << 17) - 1;

  /** Size of an uncompressed segment header (3 bytes + CRC24). */
  public static final int HEADER_SIZE = 6;

  /** Size of the CRC32 trailer. */
  public static final int TRAILER_SIZE = 4;

  /**
   * Emits the segments carrying {@code frames}, in order.
   *
   * @param frames encoded frames, each from its position to its limit
   * @param out receives, per segment: header, payload buffer(s), CRC32 trailer
   */
  public void encode(List<ByteBuffer> frames, Consumer<ByteBuffer> out) {
    List<ByteBuffer> pending = new ArrayList<>();
    int pendingSize = 0;
    for (ByteBuffer frame : frames) {
      int size = frame.remaining();
      if (size > MAX_PAYLOAD) {
        if (!pending.isEmpty()) {
          emit(pending, pendingSize, true, out);
          pending.clear();
          pendingSize = 0;
        }
        int pos = frame.position();
        int end = frame.limit();
        while (pos < end) {
          int n = Math.min(MAX_PAYLOAD, end - pos);
          emit(List.of(frame.slice(pos, n)), n, false, out);
          pos += n;
        }
        continue;
      }
      if (pendingSize + size > MAX_PAYLOAD) {
        emit(pending, pendingSize, true, out);
        pending.clear();
        pendingSize = 0;
      }
      pending.add(frame);
      pendingSize += size;
    }
    if (!pending.isEmpty()) {
      emit(pending, pendingSize, true, out);
    }
  }

  private static void emit(
      List<ByteBuffer> parts, int length, boolean selfContained, Consumer<ByteBuffer> out) {
    CRC32 crc = Crc32.start();
    for (ByteBuffer part : parts) {
      Crc32.update(crc, part);
    }
    out.accept(header(length, selfContained));
    for (ByteBuffer part : parts) {
      out.accept(part);
    }
    ByteBuffer trailer = ByteBuffer.allocate(TRAILER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    trailer.putInt(0, (int) crc.getValue());
    out.accept(trailer);
  }

  /** The 6-byte header of an uncompressed segment of {@code length} payload bytes. */
  static ByteBuffer header(int length, boolean selfContained) {
    long h = length | (selfContained ? 1L << 17 : 0);
    int crc24 = Crc24.compute(h, 3);
    ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
    header.put(0, (byte) h).put(1, (byte) (h >>> 8)).put(2, (byte) (h >>> 16));
    header.put(3, (byte) crc24).put(4, (byte) (crc24 >>> 8)).put(5, (byte) (crc24 >>> 16));
    return header;
  }
}
