package io.loomcql.testserver;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A growable big-endian writer of the protocol's notations ([byte], [short], [int], [long],
 * [string], [long string], [bytes], [short bytes], [string list], [string multimap], [inet]), to
 * build message bodies (error fields, rows, events) once, outside any request's path.
 */
public final class BodyWriter {

  private byte[] bytes = new byte[64];
  private int size;

  /** An empty writer. */
  public BodyWriter() {}

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  /** Appends one byte. */
  public BodyWriter u8(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
    return this;
  }

  /** Appends a [short]. */
  public BodyWriter u16(int value) {
    return u8(value >>> 8).u8(value);
  }

  /** Appends an [int]. */
  public BodyWriter i32(int value) {
    return u16(value >>> 16).u16(value);
  }

  /** Appends a [long]. */
  public BodyWriter i64(long value) {
    return i32((int) (value >>> 32)).i32((int) value);
  }

  /** Appends bytes as they are. */
  public BodyWriter raw(byte[] raw) {
    ensure(raw.length);
    System.arraycopy(raw, 0, bytes, size, raw.length);
    size += raw.length;
    return this;
  }

  /** Appends a [string]: a [short] length, then UTF-8. */
  public BodyWriter string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return u16(utf8.length).raw(utf8);
  }

  /** Appends a [long string]: an [int] length, then UTF-8. */
  public BodyWriter longString(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return i32(utf8.length).raw(utf8);
  }

  /** Appends [bytes]: an [int] length then the bytes, or -1 for null. */
  public BodyWriter bytes(byte[] value) {
    return value == null ? i32(-1) : i32(value.length).raw(value);
  }

  /** Appends [short bytes]. */
  public BodyWriter shortBytes(byte[] value) {
    return u16(value.length).raw(value);
  }

  /** Appends a [string list]. */
  public BodyWriter stringList(List<String> values) {
    u16(values.size());
    values.forEach(this::string);
    return this;
  }

  /** Appends a [string multimap], in the map's iteration order. */
  public BodyWriter stringMultimap(Map<String, List<String>> map) {
    u16(map.size());
    map.forEach((key, values) -> string(key).stringList(values));
    return this;
  }

  /** Appends an [inet]: address size, address, then an [int] port. */
  public BodyWriter inet(InetAddress address, int port) {
    byte[] ip = address.getAddress();
    return u8(ip.length).raw(ip).i32(port);
  }

  /** The bytes written so far (a copy). */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** A cell of CQL type text/varchar. */
  public static byte[] text(String value) {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** A cell of CQL type int. */
  public static byte[] int32(int value) {
    return new BodyWriter().i32(value).toByteArray();
  }

  /** A cell of CQL type bigint. */
  public static byte[] int64(long value) {
    return new BodyWriter().i64(value).toByteArray();
  }

  /** A cell of CQL type uuid or timeuuid. */
  public static byte[] uuid(UUID value) {
    return new BodyWriter().i64(value.getMostSignificantBits()).i64(value.getLeastSignificantBits())
        .toByteArray();
  }

  /** A cell of CQL type set&lt;text&gt; or list&lt;text&gt;. */
  public static byte[] textCollection(List<String> values) {
    BodyWriter w = new BodyWriter().i32(values.size());
    values.forEach(v -> w.bytes(text(v)));
    return w.toByteArray();
  }
}
