package io.loomcql.protocol.internal;

import io.loomcql.ProtocolException;
import io.loomcql.cqltypes.CustomType;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.Primitive;
import io.loomcql.cqltypes.SetType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.UserType;
import io.loomcql.cqltypes.VectorType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the {@code [option]} that describes a column's type (section 4.2.5.2), for every
 * type code the protocol defines. Custom types whose class name loomcql understands (vectors) become
 * the matching {@link DataType}; the others stay {@link CustomType}s.
 */
public final class DataTypeCodec {

  /** Deepest nesting of collection/tuple/UDT types accepted (guards the stack). */
  static final int MAX_DEPTH = 64;

  private DataTypeCodec() {}

  /** Reads one type [option]. */
  public static DataType read(ByteBuffer buf) {
    return read(buf, 0);
  }

  private static DataType read(ByteBuffer buf, int depth) {
    if (depth > MAX_DEPTH) {
      throw new ProtocolException("Type nested more than " + MAX_DEPTH + " levels deep");
    }
    int code = Wire.readShortUnsigned(buf);
    switch (code) {
      case 0x0000:
        return MarshalTypes.parse(Wire.readString(buf));
      case 0x0020:
        return new ListType(read(buf, depth + 1));
      case 0x0022:
        return new SetType(read(buf, depth + 1));
      case 0x0021: {
        DataType key = read(buf, depth + 1);
        return new MapType(key, read(buf, depth + 1));
      }
      case 0x0030: {
        String keyspace = Wire.readString(buf);
        String name = Wire.readString(buf);
        int n = Wire.readShortUnsigned(buf);
        Wire.need(buf, 4 * n, "the " + n + " fields of user type " + keyspace + "." + name);
        List<String> names = new ArrayList<>(n);
        List<DataType> types = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          names.add(Wire.readString(buf));
          types.add(read(buf, depth + 1));
        }
        return new UserType(keyspace, name, names, types);
      }
      case 0x0031: {
        int n = Wire.readShortUnsigned(buf);
        Wire.need(buf, 2 * n, "the " + n + " components of a tuple type");
        List<DataType> types = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          types.add(read(buf, depth + 1));
        }
        return new TupleType(types);
      }
      default:
        Primitive p = Primitive.fromCode(code);
        if (p == null) {
          throw new ProtocolException(String.format("Unknown type code 0x%04x", code));
        }
        return p;
    }
  }

  /** Size of the [option] of {@code type}. */
  public static int sizeOf(DataType type) {
    return switch (type) {
      case Primitive p -> 2;
      case CustomType c -> 2 + Wire.sizeOfString(c.className());
      case VectorType v -> 2 + Wire.sizeOfString(MarshalTypes.className(v));
      case ListType l -> 2 + sizeOf(l.element());
      case SetType s -> 2 + sizeOf(s.element());
      case MapType m -> 2 + sizeOf(m.key()) + sizeOf(m.value());
      case TupleType t -> {
        int size = 4;
        for (DataType c : t.components()) {
          size += sizeOf(c);
        }
        yield size;
      }
      case UserType u -> {
        int size = 2 + Wire.sizeOfString(u.keyspace()) + Wire.sizeOfString(u.name()) + 2;
        for (int i = 0; i < u.fieldNames().size(); i++) {
          size += Wire.sizeOfString(u.fieldNames().get(i)) + sizeOf(u.fieldTypes().get(i));
        }
        yield size;
      }
    };
  }

  /** Writes the [option] of {@code type}. */
  public static void write(ByteBuffer dst, DataType type) {
    dst.putShort((short) type.protocolCode());
    switch (type) {
      case Primitive p -> {}
      case CustomType c -> Wire.writeString(dst, c.className());
      case VectorType v -> Wire.writeString(dst, MarshalTypes.className(v));
      case ListType l -> write(dst, l.element());
      case SetType s -> write(dst, s.element());
      case MapType m -> {
        write(dst, m.key());
        write(dst, m.value());
      }
      case TupleType t -> {
        dst.putShort((short) t.components().size());
        for (DataType c : t.components()) {
          write(dst, c);
        }
      }
      case UserType u -> {
        Wire.writeString(dst, u.keyspace());
        Wire.writeString(dst, u.name());
        dst.putShort((short) u.fieldNames().size());
        for (int i = 0; i < u.fieldNames().size(); i++) {
          Wire.writeString(dst, u.fieldNames().get(i));
          write(dst, u.fieldTypes().get(i));
        }
      }
    }
  }
}
