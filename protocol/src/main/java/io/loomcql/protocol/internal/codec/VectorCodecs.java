package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.Primitive;
import io.loomcql.cqltypes.VectorType;
import io.loomcql.protocol.internal.Wire;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Codecs of {@code vector<element, n>} (Cassandra 5.0): elements of fixed-size types are packed
 * one after the other; elements of variable-size types are each preceded by their length as an
 * [unsigned vint]. {@code vector<float, n>} maps to {@code float[]}, other vectors to {@link List}.
 */
public final class VectorCodecs {

  private VectorCodecs() {}

  /**
   * The serialized size of a type whose values all have one size, or -1 if they vary: exactly the
   * types whose Cassandra 5.0 marshal class overrides {@code valueLengthIfFixed()} (boolean 1;
   * int, float 4; bigint, double, timestamp 8; uuid, timeuuid 16; a vector of such n times its
   * element). smallint, tinyint, date, time and counter are variable there, hence length-prefixed
   * inside vectors.
   */
  static int fixedSize(DataType type) {
    if (type instanceof Primitive p) {
      return switch (p.protocolCode()) {
        case 0x0004 -> 1; // boolean
        case 0x0009, 0x0008 -> 4; // int, float
        case 0x0002, 0x0007, 0x000B -> 8; // bigint, double, timestamp
        case 0x000C, 0x000F -> 16; // uuid, timeuuid
        default -> -1;
      };
    } else if (type instanceof VectorType v) {
      int element = fixedSize(v.element());
      return element < 0 ? -1 : element * v.dimension();
    }
    return -1;
  }

  /** The codec of a {@code vector<float, n>}, as {@code float[]}. */
  public static TypeCodec<float[]> floatVector(VectorType type) {
    if (!DataType.FLOAT.equals(type.element())) {
      throw new IllegalArgumentException("Not a vector of floats: " + type.cqlName());
    }
    return new FloatVectorCodec(type);
  }

  /** The codec of any vector whose elements use {@code element}, as an unmodifiable list. */
  public static TypeCodec<List<?>> listVector(VectorType type, TypeCodec<?> element) {
    return new ListVectorCodec(type, element, fixedSize(type.element()));
  }

  private record FloatVectorCodec(VectorType type) implements TypeCodec<float[]> {
    @Override
    public DataType cqlType() {
      return type;
    }

    @Override
    public Class<float[]> javaType() {
      return float[].class;
    }

    @Override
    public ByteBuffer encode(float[] value, ProtocolVersion version) {
      if (value == null) {
        return null;
      }
      if (value.length != type.dimension()) {
        throw new IllegalArgumentException("A " + type.cqlName() + " needs " + type.dimension()
            + " elements, got " + value.length);
      }
      ByteBuffer buf = ByteBuffer.allocate(4 * value.length);
      for (float f : value) {
        buf.putFloat(f);
      }
      return buf.flip();
    }

    @Override
    public float[] decode(ByteBuffer bytes, ProtocolVersion version) {
      if (bytes == null || bytes.remaining() == 0) {
        return null;
      }
      CodecSupport.checkLength(bytes.remaining(), 4 * type.dimension(), type.cqlName());
      float[] out = new float[type.dimension()];
      int p = bytes.position();
      for (int i = 0; i < out.length; i++) {
        out[i] = bytes.getFloat(p + 4 * i);
      }
      return out;
    }
  }

  private record ListVectorCodec(VectorType type, TypeCodec<?> element, int elementSize)
      implements TypeCodec<List<?>> {
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
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ByteBuffer encode(List<?> value, ProtocolVersion version) {
      if (value == null) {
        return null;
      }
      if (value.size() != type.dimension()) {
        throw new IllegalArgumentException("A " + type.cqlName() + " needs " + type.dimension()
            + " elements, got " + value.size());
      }
      List<ByteBuffer> parts = new ArrayList<>(value.size());
      int size = 0;
      for (Object e : value) {
        if (e == null) {
          throw new IllegalArgumentException(type.cqlName() + " values cannot contain null");
        }
        if (!element.javaType().isInstance(e)) {
          throw new IllegalArgumentException("Expected " + element.javaType().getName()
              + " elements in a " + type.cqlName() + ", got " + e.getClass().getName());
        }
        ByteBuffer b = ((TypeCodec) element).encode(e, version);
        parts.add(b);
        size += b.remaining() + (elementSize < 0 ? Wire.sizeOfUnsignedVint(b.remaining()) : 0);
      }
      ByteBuffer buf = ByteBuffer.allocate(size);
      for (ByteBuffer b : parts) {
        if (elementSize < 0) {
          Wire.writeUnsignedVint(buf, b.remaining());
        }
        buf.put(b.duplicate());
      }
      return buf.flip();
    }

    @Override
    public List<?> decode(ByteBuffer bytes, ProtocolVersion version) {
      if (bytes == null || bytes.remaining() == 0) {
        return null;
      }
      ByteBuffer buf = bytes.slice();
      if (elementSize >= 0) {
        CodecSupport.checkLength(buf.remaining(), elementSize * type.dimension(), type.cqlName());
      }
      List<Object> out = new ArrayList<>(type.dimension());
      for (int i = 0; i < type.dimension(); i++) {
        long length;
        if (elementSize >= 0) {
          length = elementSize;
        } else {
          try {
            length = Wire.readUnsignedVint(buf);
          } catch (ProtocolException e) {
            throw new ProtocolException("Element " + i + " of a " + type.cqlName()
                + " has no valid length: " + e.getMessage(), e);
          }
        }
        if (length < 0 || length > buf.remaining()) {
          throw new ProtocolException("Element " + i + " of a " + type.cqlName() + " has length "
              + length + " but only " + buf.remaining() + " bytes are left");
        }
        ByteBuffer slice = buf.slice(buf.position(), (int) length);
        buf.position(buf.position() + (int) length);
        out.add(element.decode(slice, version));
      }
      if (buf.hasRemaining()) {
        throw new ProtocolException(buf.remaining() + " bytes left over after a " + type.cqlName());
      }
      return Collections.unmodifiableList(out);
    }
  }
}
