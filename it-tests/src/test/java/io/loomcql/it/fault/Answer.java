package io.loomcql.it.fault;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a {@link FakeNode} does with one QUERY or EXECUTE: answer a void result, answer an ERROR,
 * answer a void result after a delay, close the connection after reading the request, or answer
 * something no server may send (and keep the connection open: the driver must close it).
 *
 * @param kind what to do
 * @param errorBody for {@link Kind#ERROR}: the whole ERROR body (code, message, fields)
 * @param delay for {@link Kind#DELAY_THEN_VOID}: how long to wait before answering
 */
record Answer(Kind kind, byte[] errorBody, Duration delay) {

  enum Kind {
    VOID, ERROR, DELAY_THEN_VOID, CLOSE,
    /** A void result on stream id {@link #UNUSED_STREAM}, which carries no request. */
    WRONG_STREAM_ID,
    /** A frame with opcode {@link #UNKNOWN_OPCODE} on the request's stream id. */
    UNKNOWN_OPCODE,
    /** A RESULT header on the request's stream id announcing a body of 2^31 - 1 bytes, then 64. */
    ABSURD_LENGTH
  }

  /** The stream id of {@link Kind#WRONG_STREAM_ID} answers: the driver never has that many in flight. */
  static final int UNUSED_STREAM = 32_000;

  /** The opcode of {@link Kind#UNKNOWN_OPCODE} answers, none of the protocol's. */
  static final int UNKNOWN_OPCODE = 0x55;

  /** The consistency level code of QUORUM, which the scripted errors report. */
  static final int QUORUM = 0x0004;

  static Answer ok() {
    return new Answer(Kind.VOID, null, Duration.ZERO);
  }

  static Answer delayed(Duration delay) {
    return new Answer(Kind.DELAY_THEN_VOID, null, delay);
  }

  /** Reads the request, then closes the socket without answering. */
  static Answer closeConnection() {
    return new Answer(Kind.CLOSE, null, Duration.ZERO);
  }

  /** A hostile answer of {@code kind} (one of the last three kinds). */
  static Answer hostile(Kind kind) {
    return new Answer(kind, null, Duration.ZERO);
  }

  /** 0x1200: [consistency][received][blockfor][data_present]. */
  static Answer readTimeout(int received, int blockFor, boolean dataPresent) {
    return error(0x1200, "Operation timed out - received only " + received + " responses.",
        w -> w.u16(QUORUM).i32(received).i32(blockFor).u8(dataPresent ? 1 : 0));
  }

  /** 0x1100: [consistency][received][blockfor][write_type]. */
  static Answer writeTimeout(String writeType) {
    return error(0x1100, "Operation timed out - received only 1 responses.",
        w -> w.u16(QUORUM).i32(1).i32(2).string(writeType));
  }

  /** 0x1000: [consistency][required][alive]. */
  static Answer unavailable() {
    return error(0x1000, "Cannot achieve consistency level QUORUM", w -> w.u16(QUORUM).i32(2).i32(1));
  }

  static Answer overloaded() {
    return error(0x1001, "Server is in overloaded state. Cannot accept more requests", w -> { });
  }

  static Answer bootstrapping() {
    return error(0x1002, "Cannot read from a bootstrapping node", w -> { });
  }

  static Answer serverError() {
    return error(0x0000, "java.lang.RuntimeException: scripted server error", w -> { });
  }

  private static Answer error(int code, String message, java.util.function.Consumer<Wire> fields) {
    Wire w = new Wire().i32(code).string(message);
    fields.accept(w);
    return new Answer(Kind.ERROR, w.bytes(), Duration.ZERO);
  }

  @Override
  public String toString() {
    return kind == Kind.ERROR ? "ERROR 0x" + Integer.toHexString(Wire.codeOf(errorBody)) : kind.toString();
  }

  /** A tiny big-endian writer of protocol notations. */
  static final class Wire {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Wire u8(int v) {
      out.write(v);
      return this;
    }

    Wire u16(int v) {
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    Wire i32(int v) {
      out.write(v >>> 24);
      out.write(v >>> 16);
      out.write(v >>> 8);
      out.write(v);
      return this;
    }

    Wire raw(byte[] b) {
      out.writeBytes(b);
      return this;
    }

    Wire string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      return u16(b.length).raw(b);
    }

    /** [bytes]: length then content, or -1 for null. */
    Wire bytesValue(byte[] b) {
      return b == null ? i32(-1) : i32(b.length).raw(b);
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    static int codeOf(byte[] errorBody) {
      return (errorBody[0] & 0xFF) << 24 | (errorBody[1] & 0xFF) << 16 | (errorBody[2] & 0xFF) << 8
          | (errorBody[3] & 0xFF);
    }
  }
}
