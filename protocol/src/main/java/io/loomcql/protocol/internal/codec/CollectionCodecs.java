package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.SetType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Codecs of {@code list}, {@code set} and {@code map} (v3+ format: an [int] count, then each
 * element as an [int]-length-prefixed value). Collections cannot contain null elements. Decoded
 * collections are unmodifiable; sets and maps keep the server's order.
 */
public final class CollectionCodecs {

  private CollectionCodecs() {}

  /** The codec of a list whose elements use {@code element}. */
  public static TypeCodec<List<?>> list(ListType type, TypeCodec<?> element) {
    return new ListCodec(type, element);
  }

  /** The codec of a set whose elements use {@code element}. */
  public static TypeCodec<Set<?>> set(SetType type, TypeCodec<?> element) {
    return new SetCodec(type, element);
  }

  /** The codec of a map whose keys and values use {@code key} and {@code value}. */
  public static TypeCodec<Map<?, ?>> map(MapType type, TypeCodec<?> key, TypeCodec<?> value) {
    return new MapCodec(type, key, value);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static ByteBuffer encodeElement(TypeCodec codec, Object element, DataType owner,
      ProtocolVersion version) {
    if (element == null) {
      throw new IllegalArgumentException(owner.cqlName() + " values cannot contain null");
    }
    if (!codec.javaType().isInstance(element)) {
      throw new IllegalArgumentException("Expected " + codec.javaType().getName() + " elements in a "
          + owner.cqlName() + ", got " + element.getClass().getName());
    }
    return codec.encode(element, version);
  }

  private static ByteBuffer pack(List<ByteBuffer> parts, int count) {
    int size = 4;
    for (ByteBuffer p : parts) {
      size += 4 + p.remaining();
    }
    ByteBuffer out = ByteBuffer.allocate(size).putInt(count);
    for (ByteBuffer p : parts) {
      out.putInt(p.remaining()).put(p.duplicate());
    }
    return out.flip();
  }

  /** Reads the [int] count of a serialized collection and checks it against the bytes left. */
  private static int readCount(ByteBuffer buf, int minBytesPerElement, DataType type) {
    if (buf.remaining() < 4) {
      throw new ProtocolException(type.cqlName() + " needs at least 4 bytes, got " + buf.remaining());
    }
    int n = buf.getInt();
    if (n < 0 || (long) n * minBytesPerElement > buf.remaining()) {
      throw new ProtocolException("Invalid element count " + n + " for a " + type.cqlName()
          + " of " + (buf.remaining() + 4) + " bytes");
    }
    return n;
  }

  private static Object readElement(ByteBuffer buf, TypeCodec<?> codec, DataType type,
      ProtocolVersion version) {
    if (buf.remaining() < 4) {
      throw new ProtocolException("Not enough bytes for an element length in a " + type.cqlName());
    }
    int length = buf.getInt();
    if (length < 0) {
      return null;
    }
    if (length > buf.remaining()) {
      throw new ProtocolException("An element of " + length + " bytes exceeds the "
          + buf.remaining() + " bytes left in a " + type.cqlName());
    }
    ByteBuffer slice = buf.slice(buf.position(), length);
    buf.position(buf.position() + length);
    return codec.decode(slice, version);
  }

  private static void checkConsumed(ByteBuffer buf, DataType type) {
    if (buf.hasRemaining()) {
      throw new ProtocolException(buf.remaining() + " bytes left over after a " + type.cqlName());
    }
  }

  private record ListCodec(ListType type, TypeCodec<?> element) implements TypeCodec<List<?>> {
    @Override
    public DataType cqlType() {
      return type;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<List<?>> javaType() {
      return (Class) List.class;
    }

    @Override
    public ByteBuffer encode(List<?> value, ProtocolVersion version) {
      return value == null ? null : encodeAll(value, type, element, version);
    }

    @Override
    public List<?> decode(ByteBuffer bytes, ProtocolVersion version) {
      if (bytes == null || bytes.remaining() == 0) {
        return bytes == null ? null : List.of();
      }
      ByteBuffer buf = bytes.slice();
      int n = readCount(buf, 4, type);
      List<Object> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(readElement(buf, element, type, version));
      }
      checkConsumed(buf, type);
      return Collections.unmodifiableList(list);
    }
  }

  private record SetCodec(SetType type, TypeCodec<?> element) implements TypeCodec<Set<?>> {
    @Override
    public DataType cqlType() {
      return type;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Set<?>> javaType() {
      return (Class) Set.class;
    }

    @Override
    public ByteBuffer encode(Set<?> value, ProtocolVersion version) {
      return value == null ? null : encodeAll(value, type, element, version);
    }

    @Override
    public Set<?> decode(ByteBuffer bytes, ProtocolVersion version) {
      if (bytes == null || bytes.remaining() == 0) {
        return bytes == null ? null : Set.of();
      }
      ByteBuffer buf = bytes.slice();
      int n = readCount(buf, 4, type);
      Set<Object> set = new LinkedHashSet<>();
      for (int i = 0; i < n; i++) {
        set.add(readElement(buf, element, type, version));
      }
      checkConsumed(buf, type);
      return Collections.unmodifiableSet(set);
    }
  }

  private static ByteBuffer encodeAll(Collection<?> value, DataType type, TypeCodec<?> element,
      ProtocolVersion version) {
    List<ByteBuffer> parts = new ArrayList<>(value.size());
    for (Object e : value) {
      parts.add(encodeElement(element, e, type, version));
    }
    return pack(parts, value.size());
  }

  private record MapCodec(MapType type, TypeCodec<?> key, TypeCodec<?> value)
      implements TypeCodec<Map<?, ?>> {
    @Override
    public DataType cqlType() {
      return type;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Class<Map<?, ?>> javaType() {
      return (Class) Map.class;
    }

    @Override
    public ByteBuffer encode(Map<?, ?> map, ProtocolVersion version) {
      if (map == null) {
        return null;
      }
      List<ByteBuffer> parts = new ArrayList<>(map.size() * 2);
      for (Map.Entry<?, ?> e : map.entrySet()) {
        parts.add(encodeElement(key, e.getKey(), type, version));
        parts.add(encodeElement(value, e.getValue(), type, version));
      }
      return pack(parts, map.size());
    }

    @Override
    public Map<?, ?> decode(ByteBuffer bytes, ProtocolVersion version) {
      if (bytes == null || bytes.remaining() == 0) {
        return bytes == null ? null : Map.of();
      }
      ByteBuffer buf = bytes.slice();
      int n = readCount(buf, 8, type);
      Map<Object, Object> map = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        Object k = readElement(buf, key, type, version);
        map.put(k, readElement(buf, value, type, version));
      }
      checkConsumed(buf, type);
      return Collections.unmodifiableMap(map);
    }
  }
}
