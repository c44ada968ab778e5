package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.wire.Frame;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decodes response frames into {@link Response} messages. Rows are not decoded here (see {@link
 * Rows#cellOffsets()}), so decoding is cheap enough for the reactor thread.
 */
public final class ResponseDecoder {

  // The answer to most writes: a VOID result without tracing id, warnings or payload.
  private static final DecodedResponse PLAIN_VOID =
      new DecodedResponse(VoidResult.INSTANCE, null, List.of(), null);

  private ResponseDecoder() {}

  /**
   * Decodes a frame's body: the prefixes its flags announce (tracing id, warnings, custom payload,
   * in that order) and then the message of its opcode. The frame's body position is not moved;
   * buffers in the result (paging state, payload values) are slices of it, and a Rows result reads
   * its row data from the body itself.
   *
   * @throws ProtocolException if the body is malformed, still compressed (decompress it first with
   *     {@link Compressor#decompressFrame}), or the opcode is not a response opcode
   */
  public static DecodedResponse decode(Frame frame) {
    if (frame.hasFlag(Frame.FLAG_COMPRESSED)) {
      throw new ProtocolException(
          "Received a compressed " + Opcodes.name(frame.opcode()) + " frame on stream "
              + frame.streamId() + " but compression is not enabled on this connection");
    }
    ByteBuffer body = frame.body();
    if (frame.opcode() == Opcodes.RESULT && frame.flags() == 0
        && (body == FrameDecoder.VOID_BODY
            || body.remaining() == 4 && body.getInt(body.position()) == Result.VOID)) {
      return PLAIN_VOID;
    }
    ByteBuffer buf = body.duplicate();
    ProtocolVersion version = frame.version();
    try {
      UUID tracingId = frame.hasFlag(Frame.FLAG_TRACING) ? Wire.readUuid(buf) : null;
      List<String> warnings =
          frame.hasFlag(Frame.FLAG_WARNING) ? Wire.readStringList(buf) : List.of();
      Map<String, ByteBuffer> payload =
          frame.hasFlag(Frame.FLAG_CUSTOM_PAYLOAD) ? Wire.readBytesMap(buf) : null;
      return new DecodedResponse(
          decodeMessage(frame.opcode(), buf, frame.body(), version), tracingId, warnings, payload);
    } catch (IndexOutOfBoundsException | BufferUnderflowException | IllegalArgumentException e) {
      // the Wire reads check every bound; this only guards against a missed one
      throw new ProtocolException(
          "Malformed " + Opcodes.name(frame.opcode()) + " message: " + e, e);
    }
  }

  private static Response decodeMessage(
      int opcode, ByteBuffer buf, ByteBuffer body, ProtocolVersion version) {
    return switch (opcode) {
      case Opcodes.ERROR -> ErrorResponse.decode(buf, version);
      case Opcodes.READY -> new Ready();
      case Opcodes.AUTHENTICATE -> new Authenticate(Wire.readString(buf));
      case Opcodes.SUPPORTED -> new Supported(Wire.readStringMultimap(buf));
      case Opcodes.RESULT -> decodeResult(buf, body, version);
      case Opcodes.EVENT -> Event.decode(buf);
      case Opcodes.AUTH_CHALLENGE -> new AuthChallenge(Wire.readBytes(buf));
      case Opcodes.AUTH_SUCCESS -> new AuthSuccess(Wire.readBytes(buf));
      default -> throw new ProtocolException(
          "Unexpected opcode " + Opcodes.name(opcode) + " in a response frame");
    };
  }

  private static Result decodeResult(ByteBuffer buf, ByteBuffer body, ProtocolVersion version) {
    int kind = Wire.readInt(buf);
    return switch (kind) {
      case Result.VOID -> VoidResult.INSTANCE;
      case Result.ROWS -> Rows.decode(buf, body);
      case Result.SET_KEYSPACE -> new SetKeyspace(Wire.readString(buf));
      case Result.PREPARED -> Prepared.decode(buf, version);
      case Result.SCHEMA_CHANGE -> SchemaChange.decode(buf);
      default -> throw new ProtocolException("Unknown RESULT kind " + kind);
    };
  }
}
