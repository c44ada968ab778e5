package io.loomcql.cluster;

import io.loomcql.ConsistencyLevel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** The bodies of the answers a test gives (protocol v4 layout), written as a node writes them. */
final class ResponseBodies {

  private ResponseBodies() {}

  /** RESULT Void: the answer to most writes. */
  static ByteBuffer voidResult() {
    return body(out -> out.writeInt(1));
  }

  /** RESULT Set_keyspace, the answer to USE. */
  static ByteBuffer setKeyspace(String keyspace) {
    return body(
        out -> {
          out.writeInt(3);
          string(out, keyspace);
        });
  }

  /** RESULT Schema_change: a table was created. */
  static ByteBuffer tableCreated(String keyspace, String table) {
    return body(
        out -> {
          out.writeInt(5);
          string(out, "CREATED");
          string(out, "TABLE");
          string(out, keyspace);
          string(out, table);
        });
  }

  /** RESULT Prepared for {@code id}: no variables, no result columns. */
  static ByteBuffer prepared(byte[] id) {
    return body(
        out -> {
          out.writeInt(4);
          out.writeShort(id.length);
          out.write(id);
          out.writeInt(0); // variables: flags
          out.writeInt(0); // column count
          out.writeInt(0); // partition key count
          out.writeInt(0x0004); // result metadata: flags (no metadata)
          out.writeInt(0);
        });
  }

  static ByteBuffer readTimeout(ConsistencyLevel level, int received, int required, boolean dataPresent) {
    return body(
        out -> {
          error(out, 0x1200, "Operation timed out - received only " + received + " responses.");
          out.writeShort(level.code());
          out.writeInt(received);
          out.writeInt(required);
          out.writeByte(dataPresent ? 1 : 0);
        });
  }

  static ByteBuffer writeTimeout(ConsistencyLevel level, int received, int required, String writeType) {
    return body(
        out -> {
          error(out, 0x1100, "Operation timed out - received only " + received + " responses.");
          out.writeShort(level.code());
          out.writeInt(received);
          out.writeInt(required);
          string(out, writeType);
        });
  }

  static ByteBuffer unavailable(ConsistencyLevel level, int required, int alive) {
    return body(
        out -> {
          error(out, 0x1000, "Cannot achieve consistency level " + level);
          out.writeShort(level.code());
          out.writeInt(required);
          out.writeInt(alive);
        });
  }

  static ByteBuffer overloaded() {
    return body(out -> error(out, 0x1001, "Server is overloaded"));
  }

  static ByteBuffer unprepared(byte[] id) {
    return body(
        out -> {
          error(out, 0x2500, "Prepared query with ID not found");
          out.writeShort(id.length);
          out.write(id);
        });
  }

  static ByteBuffer invalid(String message) {
    return body(out -> error(out, 0x2200, message));
  }

  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  private static ByteBuffer body(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return ByteBuffer.wrap(bytes.toByteArray());
  }

  private static void error(DataOutputStream out, int code, String message) throws IOException {
    out.writeInt(code);
    string(out, message);
  }

  private static void string(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeShort(utf8.length);
    out.write(utf8);
  }
}
