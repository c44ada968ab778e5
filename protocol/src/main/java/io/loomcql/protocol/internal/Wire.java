package io.loomcql.protocol.internal;

import io.loomcql.ConsistencyLevel;
import io.loomcql.ProtocolException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reading, writing and sizing of the notations of section 3 of the native protocol specification
 * ({@code [int]}, {@code [string]}, {@code [bytes]}, {@code [string map]}, ...).
 *
 * <p>Reads are relative (they advance the buffer's position) and bounds-checked: a length that is
 * negative where it must not be, or larger than what is left in the buffer, throws a
 * {@link ProtocolException} naming what was being read; malformed UTF-8 too. Writes assume the
 * destination was sized with the matching {@code sizeOf*} function.
 */
public final class Wire {

  private Wire() {}

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** Throws unless {@code n} bytes are left to read {@code what}. */
  public static void need(ByteBuffer buf, int n, String what) {
    if (n < 0) {
      throw new ProtocolException("Invalid negative length " + n + " for " + what);
    }
    if (buf.remaining() < n) {
      throw new ProtocolException(
          "Not enough bytes to read " + what + ": need " + n + ", " + buf.remaining() + " left");
    }
  }

  /** An unsigned {@code [byte]}. */
  public static int readByte(ByteBuffer buf) {
    need(buf, 1, "a [byte]");
    return buf.get() & 0xFF;
  }

  /** A {@code [short]}, unsigned (0..65535). */
  public static int readShortUnsigned(ByteBuffer buf) {
    need(buf, 2, "a [short]");
    return buf.getShort() & 0xFFFF;
  }

  /** An {@code [int]}. */
  public static int readInt(ByteBuffer buf) {
    need(buf, 4, "an [int]");
    return buf.getInt();
  }

  /** A {@code [long]}. */
  public static long readLong(ByteBuffer buf) {
    need(buf, 8, "a [long]");
    return buf.getLong();
  }

  /** A {@code [string]}: [short] length + UTF-8 bytes. */
  public static String readString(ByteBuffer buf) {
    int length = readShortUnsigned(buf);
    return readUtf8(buf, length, "a [string]");
  }

  /** A {@code [long string]}: [int] length + UTF-8 bytes. */
  public static String readLongString(ByteBuffer buf) {
    int length = readInt(buf);
    return readUtf8(buf, length, "a [long string]");
  }

  /** {@code length} bytes of strict UTF-8 (malformed input throws a ProtocolException). */
  public static String readUtf8(ByteBuffer buf, int length, String what) {
    need(buf, length, what);
    String s = decodeUtf8(buf, buf.position(), length, what);
    buf.position(buf.position() + length);
    return s;
  }

  /**
   * Decodes {@code length} bytes at absolute {@code offset} as strict UTF-8 without moving the
   * buffer's position; the caller has checked the bounds.
   */
  public static String decodeUtf8(ByteBuffer buf, int offset, int length, String what) {
    if (buf.hasArray()) {
      byte[] a = buf.array();
      int start = buf.arrayOffset() + offset;
      boolean ascii = true;
      for (int i = start, end = start + length; i < end; i++) {
        if (a[i] < 0) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        return new String(a, start, length, StandardCharsets.ISO_8859_1);
      }
    }
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(buf.slice(offset, length));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolException("Malformed UTF-8 in " + what + ": " + e.getMessage(), e);
    }
  }

  /** A {@code [bytes]} as a new array, or {@code null} for a negative length. */
  public static byte[] readBytes(ByteBuffer buf) {
    int length = readInt(buf);
    if (length < 0) {
      return null;
    }
    need(buf, length, "[bytes]");
    byte[] b = new byte[length];
    buf.get(b);
    return b;
  }

  /**
   * A {@code [bytes]} as a slice of {@code buf} (no copy; position 0, limit = length), or {@code
   * null} for a negative length.
   */
  public static ByteBuffer readBytesSlice(ByteBuffer buf) {
    int length = readInt(buf);
    if (length < 0) {
      return null;
    }
    need(buf, length, "[bytes]");
    ByteBuffer slice = buf.slice(buf.position(), length);
    buf.position(buf.position() + length);
    return slice;
  }

  /** A {@code [short bytes]} as a new array. */
  public static byte[] readShortBytes(ByteBuffer buf) {
    int length = readShortUnsigned(buf);
    need(buf, length, "[short bytes]");
    byte[] b = new byte[length];
    buf.get(b);
    return b;
  }

  /** A {@code [string list]}. */
  public static List<String> readStringList(ByteBuffer buf) {
    int n = readShortUnsigned(buf);
    // every [string] takes at least 2 bytes: refuse counts the buffer cannot hold before allocating
    need(buf, 2 * n, "a [string list] of " + n + " elements");
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(readString(buf));
    }
    return Collections.unmodifiableList(list);
  }

  /** A {@code [string map]}, in wire order. */
  public static Map<String, String> readStringMap(ByteBuffer buf) {
    int n = readShortUnsigned(buf);
    need(buf, 4 * n, "a [string map] of " + n + " entries");
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String k = readString(buf);
      map.put(k, readString(buf));
    }
    return Collections.unmodifiableMap(map);
  }

  /** A {@code [string multimap]}, in wire order. */
  public static Map<String, List<String>> readStringMultimap(ByteBuffer buf) {
    int n = readShortUnsigned(buf);
    need(buf, 4 * n, "a [string multimap] of " + n + " entries");
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String k = readString(buf);
      map.put(k, readStringList(buf));
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * A {@code [bytes map]}, in wire order; values are read-only slices of {@code buf} (null for a
   * negative length).
   */
  public static Map<String, ByteBuffer> readBytesMap(ByteBuffer buf) {
    int n = readShortUnsigned(buf);
    need(buf, 6 * n, "a [bytes map] of " + n + " entries");
    Map<String, ByteBuffer> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String k = readString(buf);
      ByteBuffer v = readBytesSlice(buf);
      map.put(k, v == null ? null : v.asReadOnlyBuffer());
    }
    return Collections.unmodifiableMap(map);
  }

  /** An {@code [inetaddr]}: [byte] size (4 or 16) + address bytes. */
  public static InetAddress readInetAddr(ByteBuffer buf) {
    int size = readByte(buf);
    if (size != 4 && size != 16) {
      throw new ProtocolException("Invalid [inetaddr] size " + size + ", expected 4 or 16");
    }
    need(buf, size, "an [inetaddr]");
    byte[] b = new byte[size];
    buf.get(b);
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new ProtocolException("Invalid [inetaddr]: " + e.getMessage(), e);
    }
  }

  /** An {@code [inet]}: an [inetaddr] followed by an [int] port. */
  public static InetSocketAddress readInet(ByteBuffer buf) {
    InetAddress addr = readInetAddr(buf);
    int port = readInt(buf);
    if (port < 0 || port > 65535) {
      throw new ProtocolException("Invalid port " + port + " in an [inet]");
    }
    return new InetSocketAddress(addr, port);
  }

  /** A {@code [uuid]}. */
  public static UUID readUuid(ByteBuffer buf) {
    need(buf, 16, "a [uuid]");
    return new UUID(buf.getLong(), buf.getLong());
  }

  /** A {@code [consistency]}. */
  public static ConsistencyLevel readConsistency(ByteBuffer buf) {
    return ConsistencyLevel.fromCode(readShortUnsigned(buf));
  }

  /** An {@code [unsigned vint]} (at most 9 bytes). */
  public static long readUnsignedVint(ByteBuffer buf) {
    int first = readByte(buf);
    int extra = Integer.numberOfLeadingZeros(~(first << 24));
    if (extra == 0) {
      return first;
    }
    need(buf, extra, "an [unsigned vint]");
    long value = extra >= 8 ? 0 : first & (0xFF >>> (extra + 1));
    for (int i = 0; i < extra; i++) {
      value = (value << 8) | (buf.get() & 0xFF);
    }
    return value;
  }

  /** A {@code [vint]} (zig-zag encoded). */
  public static long readVint(ByteBuffer buf) {
    long n = readUnsignedVint(buf);
    return (n >>> 1) ^ -(n & 1);
  }

  // ---------------------------------------------------------------------------------------------
  // Sizes

  /** The number of bytes of {@code s} in UTF-8, computed without encoding it. */
  public static int utf8Length(String s) {
    int n = s.length();
    int length = n;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        if (c < 0x800) {
          length += 1;
        } else if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          length += 2; // 4 bytes for the pair (2 chars)
          i++;
        } else {
          length += 2;
        }
      }
    }
    return length;
  }

  /** Size of a {@code [string]}. */
  public static int sizeOfString(String s) {
    return 2 + utf8Length(s);
  }

  /** Size of a {@code [long string]}. */
  public static int sizeOfLongString(String s) {
    return 4 + utf8Length(s);
  }

  /** Size of a {@code [bytes]} (null = 4). */
  public static int sizeOfBytes(byte[] b) {
    return 4 + (b == null ? 0 : b.length);
  }

  /** Size of a {@code [bytes]} or {@code [value]} holding the remaining bytes of {@code b}. */
  public static int sizeOfBytes(ByteBuffer b) {
    return 4 + (b == null ? 0 : b.remaining());
  }

  /** Size of a {@code [short bytes]}. */
  public static int sizeOfShortBytes(byte[] b) {
    return 2 + b.length;
  }

  /** Size of a {@code [string list]}. */
  public static int sizeOfStringList(List<String> list) {
    int size = 2;
    for (String s : list) {
      size += sizeOfString(s);
    }
    return size;
  }

  /** Size of a {@code [string map]}. */
  public static int sizeOfStringMap(Map<String, String> map) {
    int size = 2;
    for (Map.Entry<String, String> e : map.entrySet()) {
      size += sizeOfString(e.getKey()) + sizeOfString(e.getValue());
    }
    return size;
  }

  /** Size of a {@code [bytes map]}. */
  public static int sizeOfBytesMap(Map<String, ByteBuffer> map) {
    int size = 2;
    for (Map.Entry<String, ByteBuffer> e : map.entrySet()) {
      size += sizeOfString(e.getKey()) + sizeOfBytes(e.getValue());
    }
    return size;
  }

  /** Size of an {@code [unsigned vint]}. */
  public static int sizeOfUnsignedVint(long value) {
    int magnitude = Long.numberOfLeadingZeros(value | 1);
    return (639 - magnitude * 9) >> 6;
  }

  // ---------------------------------------------------------------------------------------------
  // Writing

  /** A {@code [short]}; throws IllegalArgumentException outside 0..65535. */
  public static void writeShort(ByteBuffer dst, int value, String what) {
    if (value < 0 || value > 0xFFFF) {
      throw new IllegalArgumentException(what + " must fit in an unsigned short, got " + value);
    }
    dst.putShort((short) value);
  }

  /** A {@code [string]}; throws IllegalArgumentException if longer than 65535 UTF-8 bytes. */
  public static void writeString(ByteBuffer dst, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    writeShort(dst, b.length, "The UTF-8 length of a [string]");
    dst.put(b);
  }

  /** A {@code [long string]}. */
  public static void writeLongString(ByteBuffer dst, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    dst.putInt(b.length);
    dst.put(b);
  }

  /** A {@code [bytes]} (null = length -1). */
  public static void writeBytes(ByteBuffer dst, byte[] b) {
    if (b == null) {
      dst.putInt(-1);
    } else {
      dst.putInt(b.length);
      dst.put(b);
    }
  }

  /**
   * A {@code [bytes]} of the remaining bytes of {@code b} (null = length -1), without moving
   * {@code b}'s position.
   */
  public static void writeBytes(ByteBuffer dst, ByteBuffer b) {
    if (b == null) {
      dst.putInt(-1);
    } else {
      dst.putInt(b.remaining());
      dst.put(b.duplicate());
    }
  }

  /** A {@code [short bytes]}. */
  public static void writeShortBytes(ByteBuffer dst, byte[] b) {
    writeShort(dst, b.length, "The length of a [short bytes]");
    dst.put(b);
  }

  /** A {@code [string list]}. */
  public static void writeStringList(ByteBuffer dst, List<String> list) {
    writeShort(dst, list.size(), "The size of a [string list]");
    for (String s : list) {
      writeString(dst, s);
    }
  }

  /** A {@code [string map]}, in the map's iteration order. */
  public static void writeStringMap(ByteBuffer dst, Map<String, String> map) {
    writeShort(dst, map.size(), "The size of a [string map]");
    for (Map.Entry<String, String> e : map.entrySet()) {
      writeString(dst, e.getKey());
      writeString(dst, e.getValue());
    }
  }

  /** A {@code [string multimap]}, in the map's iteration order. */
  public static void writeStringMultimap(ByteBuffer dst, Map<String, List<String>> map) {
    writeShort(dst, map.size(), "The size of a [string multimap]");
    for (Map.Entry<String, List<String>> e : map.entrySet()) {
      writeString(dst, e.getKey());
      writeStringList(dst, e.getValue());
    }
  }

  /** A {@code [bytes map]}, in the map's iteration order. */
  public static void writeBytesMap(ByteBuffer dst, Map<String, ByteBuffer> map) {
    writeShort(dst, map.size(), "The size of a [bytes map]");
    for (Map.Entry<String, ByteBuffer> e : map.entrySet()) {
      writeString(dst, e.getKey());
      writeBytes(dst, e.getValue());
    }
  }

  /** An {@code [inetaddr]}. */
  public static void writeInetAddr(ByteBuffer dst, InetAddress addr) {
    byte[] b = addr.getAddress();
    dst.put((byte) b.length);
    dst.put(b);
  }

  /** An {@code [inet]}. */
  public static void writeInet(ByteBuffer dst, InetSocketAddress addr) {
    writeInetAddr(dst, addr.getAddress());
    dst.putInt(addr.getPort());
  }

  /** A {@code [uuid]}. */
  public static void writeUuid(ByteBuffer dst, UUID uuid) {
    dst.putLong(uuid.getMostSignificantBits());
    dst.putLong(uuid.getLeastSignificantBits());
  }

  /** An {@code [unsigned vint]}. */
  public static void writeUnsignedVint(ByteBuffer dst, long value) {
    int size = sizeOfUnsignedVint(value);
    if (size == 1) {
      dst.put((byte) value);
      return;
    }
    int extra = size - 1;
    byte[] b = new byte[size];
    long v = value;
    for (int i = size - 1; i >= 1; i--) {
      b[i] = (byte) v;
      v >>>= 8;
    }
    int firstByteMask = extra >= 8 ? 0xFF : (0xFF << (8 - extra)) & 0xFF;
    b[0] = (byte) (firstByteMask | (extra >= 8 ? 0 : (int) v));
    dst.put(b);
  }

  /** A {@code [vint]} (zig-zag encoded). */
  public static void writeVint(ByteBuffer dst, long value) {
    writeUnsignedVint(dst, (value >> 63) ^ (value << 1));
  }

  /** Size of a {@code [vint]}. */
  public static int sizeOfVint(long value) {
    return sizeOfUnsignedVint((value >> 63) ^ (value << 1));
  }
}
