package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import io.loomcql.wire.Frame;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * A compression algorithm a connection negotiated in STARTUP ({@code COMPRESSION}): {@code lz4} or
 * {@code snappy}. On protocol v3 and v4 it compresses whole frame bodies (header flag 0x01, section
 * 5 of the v4 specification); on v5 LZ4 compresses segment payloads instead (see {@link
 * SegmentEncoder}) and frames are never flagged.
 *
 * <p>Frame body formats are Cassandra's: LZ4 = the uncompressed length as a 4-byte big-endian
 * [int] followed by one raw LZ4 block; Snappy = one raw Snappy block (which starts with its own
 * varint length). Empty bodies are sent uncompressed, unflagged, as the Python driver does.
 *
 * <p>Received bodies are untrusted: the uncompressed length they declare is checked against the
 * maximum given to {@link #forName} and against the most the algorithm can expand the bytes
 * received, before anything is allocated; every failure is a {@link ProtocolException}.
 * Instances are immutable and thread-safe.
 */
public abstract sealed class Compressor permits Lz4Compressor, SnappyCompressor {

  /** The STARTUP name of LZ4. */
  public static final String LZ4 = "lz4";
  /** The STARTUP name of Snappy. */
  public static final String SNAPPY = "snappy";

  final int maxUncompressedLength;

  Compressor(int maxUncompressedLength) {
    if (maxUncompressedLength < 0) {
      throw new IllegalArgumentException(
          "maxUncompressedLength must be >= 0, got " + maxUncompressedLength);
    }
    this.maxUncompressedLength = maxUncompressedLength;
  }

  /**
   * The compressor of a STARTUP {@code COMPRESSION} value (case-insensitive), or null if the name is
   * unknown or the algorithm's library cannot be loaded on this platform.
   *
   * @param maxUncompressedLength the largest decompressed frame body accepted (the connection's
   *     maximum frame length)
   */
  public static Compressor forName(String name, int maxUncompressedLength) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case LZ4 -> Lz4Compressor.isAvailable() ? new Lz4Compressor(maxUncompressedLength) : null;
      case SNAPPY ->
          SnappyCompressor.isAvailable() ? new SnappyCompressor(maxUncompressedLength) : null;
      default -> null;
    };
  }

  /** The STARTUP name: {@code lz4} or {@code snappy}. */
  public abstract String name();

  /**
   * Compresses a frame body.
   *
   * @param body the uncompressed body, from its position to its limit (not moved)
   * @return a new heap buffer at position 0 holding the compressed body
   */
  public abstract ByteBuffer compressBody(ByteBuffer body);

  /**
   * Decompresses a frame body.
   *
   * @param body the compressed body, from its position to its limit (not moved)
   * @return a new heap buffer at position 0 holding the body
   * @throws ProtocolException if the body is malformed or declares a length beyond the limits
   */
  public abstract ByteBuffer decompressBody(ByteBuffer body);

  /**
   * Compresses the body of an encoded frame (v3/v4) and sets its COMPRESSED flag.
   *
   * @param frame an encoded frame: a 9-byte header and its body, from position to limit (not moved)
   * @return a new frame buffer at position 0, or {@code frame} itself if its body is empty
   */
  public final ByteBuffer compressFrame(ByteBuffer frame) {
    int start = frame.position();
    int bodyLength = frame.remaining() - Frame.HEADER_SIZE;
    if (bodyLength <= 0) {
      return frame;
    }
    ByteBuffer compressed = compressBody(frame.slice(start + Frame.HEADER_SIZE, bodyLength));
    ByteBuffer out = ByteBuffer.allocate(Frame.HEADER_SIZE + compressed.remaining());
    out.put(0, frame, start, 5);
    out.put(1, (byte) (frame.get(start + 1) | Frame.FLAG_COMPRESSED));
    out.putInt(5, compressed.remaining());
    out.put(Frame.HEADER_SIZE, compressed, compressed.position(), compressed.remaining());
    return out;
  }

  /**
   * Decompresses a received frame whose COMPRESSED flag is set; other frames are returned as they
   * are.
   *
   * @return a frame without the COMPRESSED flag, owning a new body
   * @throws ProtocolException naming the opcode, stream and algorithm if the body is malformed
   */
  public final Frame decompressFrame(Frame frame) {
    if (!frame.hasFlag(Frame.FLAG_COMPRESSED)) {
      return frame;
    }
    ByteBuffer body;
    try {
      body = decompressBody(frame.body());
    } catch (ProtocolException e) {
      throw new ProtocolException(
          "Cannot decompress the " + Opcodes.name(frame.opcode()) + " frame on stream "
              + frame.streamId() + ": " + e.getMessage(), e);
    }
    return new Frame(frame.version(), frame.flags() & ~Frame.FLAG_COMPRESSED, frame.streamId(),
        frame.opcode(), body);
  }

  /** Throws unless {@code declared} is a length this compressor may produce from {@code input}. */
  final void checkDeclaredLength(long declared, int input, int maxRatio) {
    if (declared < 0) {
      throw new ProtocolException(
          name() + " body declares a negative uncompressed length " + declared);
    }
    if (declared > maxUncompressedLength) {
      throw new ProtocolException(name() + " body declares " + declared
          + " uncompressed bytes, more than the maximum frame length of " + maxUncompressedLength);
    }
    if (declared > (long) input * maxRatio + 64) {
      throw new ProtocolException(name() + " body of " + input + " bytes declares " + declared
          + " uncompressed bytes, more than " + name() + " can expand it to");
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
