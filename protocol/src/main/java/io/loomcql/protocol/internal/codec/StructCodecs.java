package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.TupleValue;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Codecs of tuples and user types (section 6 of the specification): each component, in order, as
 * an [int]-length-prefixed value (-1 = null). Decoding accepts fewer components than the type has
 * (a UDT value written before fields were added to its type; the missing ones are null) and
 * rejects bytes left over.
 */
public final class StructCodecs {

  private StructCodecs() {}

  /** The codec of a tuple type, as {@link TupleValue}. */
  public static TypeCodec<TupleValue> tuple(TupleType type, List<TypeCodec<?>> components) {
    return new TupleCodec(type, List.copyOf(components));
  }

  /** The codec of a user type, as {@link UdtValue}. */
  public static TypeCodec<UdtValue> udt(UserType type, List<TypeCodec<?>> fields) {
    return new UdtCodec(type, List.copyOf(fields));
  }

  /**
   * Serializes the components of a tuple or user-type value (also for the codecs of mapped
   * classes, which the driver's core builds); {@code values[i]} must be of {@code codecs.get(i)}'s
   * Java type, or null.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static ByteBuffer encodeComponents(
      List<TypeCodec<?>> codecs, Object[] values, ProtocolVersion version) {
    ByteBuffer[] parts = new ByteBuffer[codecs.size()];
    int size = 0;
    for (int i = 0; i < parts.length; i++) {
      Object v = values[i];
      parts[i] = v == null ? null : ((TypeCodec) codecs.get(i)).encode(v, version);
      size += 4 + (parts[i] == null ? 0 : parts[i].remaining());
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    for (ByteBuffer p : parts) {
      if (p == null) {
        out.putInt(-1);
      } else {
        out.putInt(p.remaining()).put(p.duplicate());
      }
    }
    return out.flip();
  }

  /**
   * Deserializes up to {@code codecs.size()} components of a tuple or user-type value; absent
   * trailing ones are null.
   *
   * @throws ProtocolException if a length runs past the bytes or bytes are left over
   */
  public static Object[] decodeComponents(
      ByteBuffer bytes, List<TypeCodec<?>> codecs, DataType type, ProtocolVersion version) {
    ByteBuffer buf = bytes.slice();
    Object[] values = new Object[codecs.size()];
    for (int i = 0; i < values.length && buf.hasRemaining(); i++) {
      if (buf.remaining() < 4) {
        throw new ProtocolException("Component " + i + " of a " + type.cqlName()
            + " needs a 4-byte length, only " + buf.remaining() + " bytes are left");
      }
      int length = buf.getInt();
      if (length < 0) {
        continue;
      }
      if (length > buf.remaining()) {
        throw new ProtocolException("Component " + i + " of a " + type.cqlName() + " has "
            + length + " bytes but only " + buf.remaining() + " are left");
      }
      values[i] = codecs.get(i).decode(buf.slice(buf.position(), length), version);
      buf.position(buf.position() + length);
    }
    if (buf.hasRemaining()) {
      throw new ProtocolException(
          buf.remaining() + " bytes left over after the components of a " + type.cqlName());
    }
    return values;
  }

  private record TupleCodec(TupleType type, List<TypeCodec<?>> components)
      implements TypeCodec<TupleValue> {
    @Override
    public DataType cqlType() {
      return type;
    }

    @Override
    public Class<TupleValue> javaType() {
      return TupleValue.class;
    }

    @Override
    public ByteBuffer encode(TupleValue value, ProtocolVersion version) {
      if (value == null) {
        return null;
      }
      if (!value.type().components().equals(type.components())) {
        throw new IllegalArgumentException(
            "Cannot bind a " + value.type().cqlName() + " value to a " + type.cqlName());
      }
      Object[] values = new Object[value.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = value.getObject(i);
      }
      return encodeComponents(components, values, version);
    }

    @Override
    public TupleValue decode(ByteBuffer bytes, ProtocolVersion version) {
      if (bytes == null) {
        return null;
      }
      Object[] values = decodeComponents(bytes, components, type, version);
      TupleValue out = new TupleValue(type);
      for (int i = 0; i < values.length; i++) {
        out.set(i, values[i]);
      }
      return out;
    }
  }

  private record UdtCodec(UserType type, List<TypeCodec<?>> fields)
      implements TypeCodec<UdtValue> {
    @Override
    public DataType cqlType() {
      return type;
    }

    @Override
    public Class<UdtValue> javaType() {
      return UdtValue.class;
    }

    @Override
    public ByteBuffer encode(UdtValue value, ProtocolVersion version) {
      if (value == null) {
        return null;
      }
      UserType actual = value.type();
      if (!actual.fieldTypes().equals(type.fieldTypes())
          || !actual.fieldNames().equals(type.fieldNames())
          || !actual.name().equalsIgnoreCase(type.name())) {
        throw new IllegalArgumentException("Cannot bind a value of user type " + actual.keyspace()
            + "." + actual.name() + actual.fieldNames() + " to " + type.keyspace() + "."
            + type.name() + type.fieldNames());
      }
      Object[] values = new Object[value.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = value.getObject(i);
      }
      return encodeComponents(fields, values, version);
    }

    @Override
    public UdtValue decode(ByteBuffer bytes, ProtocolVersion version) {
      if (bytes == null) {
        return null;
      }
      Object[] values = decodeComponents(bytes, fields, type, version);
      UdtValue out = new UdtValue(type);
      for (int i = 0; i < values.length; i++) {
        out.set(i, values[i]);
      }
      return out;
    }
  }
}
