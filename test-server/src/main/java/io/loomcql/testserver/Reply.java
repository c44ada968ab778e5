package io.loomcql.testserver;

import io.loomcql.protocol.internal.Opcodes;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What the server does with one request: answer a message (framed for the connection: its
 * protocol version, the request's stream id, compression and v5 segments as negotiated), write
 * raw bytes, answer nothing, or close the connection; optionally after a delay (other requests of
 * the connection are answered meanwhile) and optionally closing the connection afterwards.
 *
 * <p>Immutable. A message reply holds its whole frame, encoded once: answering copies it out and
 * patches the version and stream id, so a constant reply costs no allocation per request. A reply
 * is also a {@link Responder} that always answers itself.
 */
public final class Reply implements Responder {

  /** What kind of reply. */
  enum Kind { MESSAGE, RAW, TRUNCATED, DROP, CLOSE }

  static final int NO_STREAM = Integer.MIN_VALUE;

  private static final Reply DROP = new Reply(Kind.DROP, null, NO_STREAM, Duration.ZERO, false);
  private static final Reply CLOSE = new Reply(Kind.CLOSE, null, NO_STREAM, Duration.ZERO, true);

  final Kind kind;
  /** MESSAGE: a whole frame (9-byte header, body); RAW, TRUNCATED: the bytes to write. */
  final byte[] bytes;
  final int stream;
  final Duration delay;
  final boolean closeAfter;

  private Reply(Kind kind, byte[] bytes, int stream, Duration delay, boolean closeAfter) {
    this.kind = kind;
    this.bytes = bytes;
    this.stream = stream;
    this.delay = delay;
    this.closeAfter = closeAfter;
  }

  @Override
  public Reply answer(Request request) {
    return this;
  }

  /** A message of {@code opcode} with {@code body}. */
  public static Reply message(int opcode, byte[] body) {
    return new Reply(Kind.MESSAGE, Frames.frame(0, 0, opcode, body), NO_STREAM, Duration.ZERO, false);
  }

  /** RESULT Void. */
  public static Reply voidResult() {
    return message(Opcodes.RESULT, new BodyWriter().i32(0x0001).toByteArray());
  }

  /** RESULT Rows. */
  public static Reply rows(Rows rows) {
    return message(Opcodes.RESULT, rows.toBody());
  }

  /** RESULT Set_keyspace, as the answer to {@code USE keyspace}. */
  public static Reply setKeyspace(String keyspace) {
    return message(Opcodes.RESULT, new BodyWriter().i32(0x0003).string(keyspace).toByteArray());
  }

  /**
   * RESULT Prepared, for a client speaking protocol {@code version}.
   *
   * @param version the protocol version: v5 carries a result metadata id, v4+ partition-key
   *     indexes (none here)
   * @param id the prepared statement id
   * @param resultMetadataId the result metadata id (v5 only; ignored before)
   * @param keyspace the keyspace of the markers and result columns
   * @param table the table of the markers and result columns
   * @param markers the bind markers
   * @param result the result columns (none for a statement without rows)
   */
  public static Reply prepared(int version, byte[] id, byte[] resultMetadataId, String keyspace,
      String table, List<Rows.Column> markers, List<Rows.Column> result) {
    BodyWriter w = new BodyWriter().i32(0x0004).shortBytes(id);
    if (version >= 5) {
      w.shortBytes(resultMetadataId);
    }
    w.i32(markers.isEmpty() ? 0 : 0x0001).i32(markers.size());
    if (version >= 4) {
      w.i32(0); // no partition-key indexes
    }
    if (!markers.isEmpty()) {
      w.string(keyspace).string(table);
      markers.forEach(m -> m.writeSpec(w));
    }
    Rows.writeMetadata(w, result, keyspace, table, false);
    return message(Opcodes.RESULT, w.toByteArray());
  }

  /** RESULT Schema_change: {@code change} (CREATED, UPDATED, DROPPED) of {@code target}. */
  public static Reply schemaChange(String change, String target, String keyspace, String name) {
    return message(Opcodes.RESULT, schemaChangeBody(new BodyWriter().i32(0x0005), change, target,
        keyspace, name));
  }

  static byte[] schemaChangeBody(BodyWriter w, String change, String target, String keyspace,
      String name) {
    w.string(change).string(target).string(keyspace);
    if (!target.equals("KEYSPACE")) {
      w.string(name);
    }
    return w.toByteArray();
  }

  /** ERROR of {@code code} with {@code message} and no further field. */
  public static Reply error(int code, String message) {
    return error(code, message, new byte[0]);
  }

  /** ERROR of {@code code} with {@code message}, then {@code fields} as they are. */
  public static Reply error(int code, String message, byte[] fields) {
    return message(Opcodes.ERROR, new BodyWriter().i32(code).string(message).raw(fields).toByteArray());
  }

  /** ERROR Read_timeout (0x1200) at QUORUM. */
  public static Reply readTimeout(int received, int blockFor, boolean dataPresent) {
    return error(0x1200, "Operation timed out - received only " + received + " responses.",
        new BodyWriter().u16(Frames.QUORUM).i32(received).i32(blockFor).u8(dataPresent ? 1 : 0)
            .toByteArray());
  }

  /** ERROR Write_timeout (0x1100) at QUORUM, 1 of 2 acknowledged. */
  public static Reply writeTimeout(String writeType) {
    return error(0x1100, "Operation timed out - received only 1 responses.",
        new BodyWriter().u16(Frames.QUORUM).i32(1).i32(2).string(writeType).toByteArray());
  }

  /** ERROR Unavailable (0x1000) at QUORUM: 2 required, 1 alive. */
  public static Reply unavailable() {
    return error(0x1000, "Cannot achieve consistency level QUORUM",
        new BodyWriter().u16(Frames.QUORUM).i32(2).i32(1).toByteArray());
  }

  /** ERROR Overloaded (0x1001). */
  public static Reply overloaded() {
    return error(0x1001, "Server is in overloaded state. Cannot accept more requests");
  }

  /** ERROR Is_bootstrapping (0x1002). */
  public static Reply bootstrapping() {
    return error(0x1002, "Cannot read from a bootstrapping node");
  }

  /** ERROR Server_error (0x0000). */
  public static Reply serverError() {
    return error(0x0000, "java.lang.RuntimeException: scripted server error");
  }

  /** ERROR Unprepared (0x2500) for {@code id}. */
  public static Reply unprepared(byte[] id) {
    return error(0x2500, "Prepared query with ID " + Frames.hex(id) + " not found",
        new BodyWriter().shortBytes(id).toByteArray());
  }

  /** AUTHENTICATE naming {@code authenticator}. */
  public static Reply authenticate(String authenticator) {
    return message(Opcodes.AUTHENTICATE, new BodyWriter().string(authenticator).toByteArray());
  }

  /** AUTH_CHALLENGE with {@code token}. */
  public static Reply authChallenge(byte[] token) {
    return message(Opcodes.AUTH_CHALLENGE, new BodyWriter().bytes(token).toByteArray());
  }

  /** AUTH_SUCCESS with {@code token} (may be null). */
  public static Reply authSuccess(byte[] token) {
    return message(Opcodes.AUTH_SUCCESS, new BodyWriter().bytes(token).toByteArray());
  }

  /** READY. */
  public static Reply ready() {
    return message(Opcodes.READY, new byte[0]);
  }

  /** Bytes written as they are, outside any framing or segment: garbage, half frames, bad CRCs. */
  public static Reply raw(byte[] bytes) {
    return new Reply(Kind.RAW, bytes.clone(), NO_STREAM, Duration.ZERO, false);
  }

  /** Ten bytes no protocol version can read as a frame header. */
  public static Reply garbage() {
    byte[] junk = new byte[10];
    Arrays.fill(junk, (byte) 0x7f);
    return raw(junk);
  }

  /** The first half of {@code message}'s frame (unsegmented), then the connection closes. */
  public static Reply truncated(Reply message) {
    if (message.kind != Kind.MESSAGE) {
      throw new IllegalArgumentException("only a message can be truncated: " + message);
    }
    return new Reply(Kind.TRUNCATED, message.bytes, NO_STREAM, Duration.ZERO, true);
  }

  /** No answer: the request stays unanswered for good. */
  public static Reply drop() {
    return DROP;
  }

  /** Closes the connection without answering. */
  public static Reply closeConnection() {
    return CLOSE;
  }

  /** This reply, sent {@code delay} later; the connection answers other requests meanwhile. */
  public Reply delayed(Duration delay) {
    return new Reply(kind, bytes, stream, Objects.requireNonNull(delay), closeAfter);
  }

  /** This reply on {@code streamId} instead of the request's. */
  public Reply onStream(int streamId) {
    return new Reply(kind, bytes, streamId, delay, closeAfter);
  }

  /** This reply, then the connection closes. */
  public Reply thenClose() {
    return new Reply(kind, bytes, stream, delay, true);
  }

  /** The opcode of a message reply, or -1. */
  public int opcode() {
    return kind == Kind.MESSAGE ? bytes[4] : -1;
  }

  /** The body of a message reply (a copy), or null. */
  public byte[] body() {
    return kind == Kind.MESSAGE ? Arrays.copyOfRange(bytes, Frames.HEADER_SIZE, bytes.length) : null;
  }

  @Override
  public String toString() {
    String what = kind == Kind.MESSAGE ? "message opcode 0x" + Integer.toHexString(opcode()) : kind.name();
    return what + (delay.isZero() ? "" : " after " + delay) + (closeAfter ? ", then close" : "");
  }
}
