package io.loomcql.protocol.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Packs encoded frames into v5 segments. Uncompressed format: a 6-byte header = 17-bit payload
 * length + self-contained flag (bit 17), little-endian, and its CRC24; then the payload; then its
 * CRC32, little-endian. LZ4 format: an 8-byte header = 17-bit compressed length, 17-bit
 * uncompressed length (0 = the payload is stored uncompressed because compressing did not make it
 * smaller), self-contained flag (bit 34), little-endian in 5 bytes, and their CRC24; then the
 * payload as sent; then the CRC32 of those bytes.
 *
 * <p>Consecutive whole frames share self-contained segments of at most {@link #MAX_PAYLOAD}
 * (uncompressed) bytes; a larger frame is cut into several non-self-contained segments that carry
 * nothing else.
 *
 * <p>Uncompressed, nothing is copied: for each segment {@link #encode} emits a new header buffer,
 * the payload buffers, and a new 4-byte CRC32 buffer, in write order, for one gathering write. Whole
 * frames are passed through as the given buffer objects (the encoder does not move their positions;
 * writing them does); parts of a split frame are slices. Compressed, each segment's payload is one
 * new buffer (or the frame itself when a lone frame did not compress). Frame contents are never
 * modified.
 *
 * <p>Immutable and thread-safe.
 */
public final class SegmentEncoder {

  /** The largest payload of a segment: 128 KiB - 1 = 131071 bytes. */
  public static final int MAX_PAYLOAD = (1 << 17) - 1;

  /** Size of an uncompressed segment header (3 bytes + CRC24). */
  public static final int HEADER_SIZE = 6;

  /** Size of a compressed segment header (5 bytes + CRC24). */
  public static final int COMPRESSED_HEADER_SIZE = 8;

  /** Size of the CRC32 trailer. */
  public static final int TRAILER_SIZE = 4;

  private final Lz4Compressor compressor;

  /** An encoder of uncompressed segments. */
  public SegmentEncoder() {
    this(null);
  }

  /**
   * An encoder of LZ4-compressed segments, or of uncompressed ones if {@code compressor} is null.
   */
  public SegmentEncoder(Lz4Compressor compressor) {
    this.compressor = compressor;
  }

  /** Whether this encoder writes the compressed segment format. */
  public boolean compressed() {
    return compressor != null;
  }

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

  private void emit(
      List<ByteBuffer> parts, int length, boolean selfContained, Consumer<ByteBuffer> out) {
    if (compressor != null) {
      emitCompressed(parts, length, selfContained, out);
      return;
    }
    CRC32 crc = Crc32.start();
    for (ByteBuffer part : parts) {
      Crc32.update(crc, part);
    }
    out.accept(header(length, selfContained));
    for (ByteBuffer part : parts) {
      out.accept(part);
    }
    out.accept(trailer(crc));
  }

  private void emitCompressed(
      List<ByteBuffer> parts, int length, boolean selfContained, Consumer<ByteBuffer> out) {
    ByteBuffer raw;
    if (parts.size() == 1) {
      raw = parts.get(0);
    } else {
      raw = ByteBuffer.allocate(length);
      for (ByteBuffer part : parts) {
        raw.put(part.duplicate());
      }
      raw.flip();
    }
    ByteBuffer block = compressor.compressBlock(raw);
    ByteBuffer payload = block == null ? raw : block;
    CRC32 crc = Crc32.start();
    Crc32.update(crc, payload);
    out.accept(compressedHeader(payload.remaining(), block == null ? 0 : length, selfContained));
    out.accept(payload);
    out.accept(trailer(crc));
  }

  private static ByteBuffer trailer(CRC32 crc) {
    ByteBuffer trailer = ByteBuffer.allocate(TRAILER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
    trailer.putInt(0, (int) crc.getValue());
    return trailer;
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

  /**
   * The 8-byte header of a compressed segment: {@code compressedLength} payload bytes that expand
   * to {@code uncompressedLength} (0 = stored uncompressed).
   */
  static ByteBuffer compressedHeader(
      int compressedLength, int uncompressedLength, boolean selfContained) {
    long h = compressedLength | (long) uncompressedLength << 17 | (selfContained ? 1L << 34 : 0);
    int crc24 = Crc24.compute(h, 5);
    ByteBuffer header = ByteBuffer.allocate(COMPRESSED_HEADER_SIZE);
    for (int i = 0; i < 5; i++) {
      header.put(i, (byte) (h >>> (8 * i)));
    }
    header.put(5, (byte) crc24).put(6, (byte) (crc24 >>> 8)).put(7, (byte) (crc24 >>> 16));
    return header;
  }
}
