package io.loomcql.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A growable big-endian byte writer for the stub server's canned CQL responses: the protocol's
 * [short], [int], [string], [long string], [bytes], [short bytes], [string list] and [string
 * multimap] notations. Used when building templates, never per request.
 */
final class WireWriter {

  private byte[] bytes = new byte[256];
  private int size;

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  WireWriter writeByte(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
    return this;
  }

  WireWriter writeShort(int s) {
    ensure(2);
    bytes[size++] = (byte) (s >>> 8);
    bytes[size++] = (byte) s;
    return this;
  }

  WireWriter writeInt(int i) {
    ensure(4);
    bytes[size++] = (byte) (i >>> 24);
    bytes[size++] = (byte) (i >>> 16);
    bytes[size++] = (byte) (i >>> 8);
    bytes[size++] = (byte) i;
    return this;
  }

  WireWriter writeLong(long l) {
    writeInt((int) (l >>> 32));
    return writeInt((int) l);
  }

  WireWriter writeRaw(byte[] raw) {
    ensure(raw.length);
    System.arraycopy(raw, 0, bytes, size, raw.length);
    size += raw.length;
    return this;
  }

  WireWriter writeString(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeShort(utf8.length);
    return writeRaw(utf8);
  }

  WireWriter writeLongString(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    writeInt(utf8.length);
    return writeRaw(utf8);
  }

  /** [bytes]: an int length then the bytes; null is length -1. */
  WireWriter writeBytes(byte[] value) {
    if (value == null) {
      return writeInt(-1);
    }
    writeInt(value.length);
    return writeRaw(value);
  }

  WireWriter writeShortBytes(byte[] value) {
    writeShort(value.length);
    return writeRaw(value);
  }

  WireWriter writeStringList(List<String> list) {
    writeShort(list.size());
    list.forEach(this::writeString);
    return this;
  }

  WireWriter writeStringMultimap(Map<String, List<String>> map) {
    writeShort(map.size());
    map.forEach((k, v) -> {
      writeString(k);
      writeStringList(v);
    });
    return this;
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }
}
