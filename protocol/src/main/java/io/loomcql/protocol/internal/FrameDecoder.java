package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.wire.Frame;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Splits the bytes received on one connection into {@link Frame}s (response frames of v3, v4 or v5,
 * also the frames carried inside v5 segments).
 *
 * <p>One per connection; not thread-safe: the connection's reactor thread owns it. A frame that lies
 * entirely inside the buffer given to {@link #feed} is copied once into its own body (except a
 * plain VOID result's, see {@link #VOID_BODY}); a partial frame is kept internally until the next
 * call completes it. After a {@link ProtocolException} the
 * decoder's state is undefined: the connection must be closed.
 */
public final class FrameDecoder {

  /**
   * The body of every plain VOID result (RESULT, no flags, the 4 bytes of kind 1) this decoder
   * emits: one shared read-only buffer instead of an array and a buffer per write's answer. Read it
   * with absolute gets or a duplicate, never by moving its position.
   */
  public static final ByteBuffer VOID_BODY =
      ByteBuffer.wrap(new byte[] {0, 0, 0, (byte) Result.VOID}).asReadOnlyBuffer();

  private final int maxFrameLength;

  // the header of the frame being assembled
  private final byte[] header = new byte[Frame.HEADER_SIZE];
  private int headerFilled;
  // the body of the frame being assembled, allocated once its header is complete
  private byte[] body;
  private int bodyFilled;

  /**
   * @param maxFrameLength the largest body accepted, in bytes (the protocol's limit is 256 MiB)
   */
  public FrameDecoder(int maxFrameLength) {
    if (maxFrameLength < 0) {
      throw new IllegalArgumentException("maxFrameLength must be >= 0, got " + maxFrameLength);
    }
    this.maxFrameLength = maxFrameLength;
  }

  /**
   * Consumes all the remaining bytes of {@code bytes} and passes each frame they complete to
   * {@code out}, in order. {@code bytes} is not kept: the caller may reuse it afterwards.
   *
   * @throws ProtocolException if a header is invalid (request direction, unknown version, negative
   *     length or larger than the maximum frame length)
   */
  public void feed(ByteBuffer bytes, Consumer<Frame> out) {
    while (bytes.hasRemaining()) {
      if (body == null && headerFilled == 0 && bytes.remaining() >= Frame.HEADER_SIZE) {
        // fast path: a header entirely in the buffer
        int p = bytes.position();
        int length = checkHeader(bytes.get(p), bytes.getInt(p + 5));
        if (bytes.remaining() >= Frame.HEADER_SIZE + length) {
          if (length == 4 && bytes.get(p + 1) == 0 && bytes.get(p + 4) == Opcodes.RESULT
              && bytes.getInt(p + Frame.HEADER_SIZE) == Result.VOID) {
            bytes.position(p + Frame.HEADER_SIZE + length);
            out.accept(new Frame(ProtocolVersion.fromCode(bytes.get(p) & 0x7F), 0,
                bytes.getShort(p + 2), Opcodes.RESULT, VOID_BODY));
            continue;
          }
          byte[] b = new byte[length];
          bytes.get(p + Frame.HEADER_SIZE, b);
          bytes.position(p + Frame.HEADER_SIZE + length);
          out.accept(frame(bytes.get(p), bytes.get(p + 1), bytes.getShort(p + 2),
              bytes.get(p + 4), b));
          continue;
        }
        bytes.get(header);
        headerFilled = Frame.HEADER_SIZE;
        startBody(length);
      } else if (body == null) {
        int n = Math.min(Frame.HEADER_SIZE - headerFilled, bytes.remaining());
        bytes.get(header, headerFilled, n);
        headerFilled += n;
        if (headerFilled < Frame.HEADER_SIZE) {
          return;
        }
        startBody(checkHeader(header[0], ByteBuffer.wrap(header).getInt(5)));
      }
      if (body != null) {
        int n = Math.min(body.length - bodyFilled, bytes.remaining());
        bytes.get(body, bodyFilled, n);
        bodyFilled += n;
        if (bodyFilled == body.length) {
          byte[] b = body;
          body = null;
          headerFilled = 0;
          bodyFilled = 0;
          out.accept(frame(header[0], header[1], (short) (((header[2] & 0xFF) << 8)
              | (header[3] & 0xFF)), header[4], b));
        }
      }
    }
  }

  /** Whether some bytes of an incomplete frame are buffered. */
  public boolean hasPartialFrame() {
    return headerFilled > 0 || body != null;
  }

  private void startBody(int length) {
    body = new byte[length];
    bodyFilled = 0;
  }

  private int checkHeader(byte versionByte, int length) {
    int v = versionByte & 0xFF;
    if ((v & 0x80) == 0) {
      throw new ProtocolException(String.format(
          "Expected a response frame, got version byte 0x%02x (request direction)", v));
    }
    int code = v & 0x7F;
    if (code < 3 || code > 5) {
      throw new ProtocolException(String.format(
          "Unsupported protocol version %d in a response frame (version byte 0x%02x)", code, v));
    }
    if (length < 0) {
      throw new ProtocolException("Invalid negative frame body length " + length);
    }
    if (length > maxFrameLength) {
      throw new ProtocolException(
          "Frame body length " + length + " exceeds the maximum of " + maxFrameLength + " bytes");
    }
    return length;
  }

  private static Frame frame(byte version, byte flags, short streamId, byte opcode, byte[] body) {
    return new Frame(ProtocolVersion.fromCode(version & 0x7F), flags & 0xFF, streamId,
        opcode & 0xFF, ByteBuffer.wrap(body));
  }
}
