package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.CqlDuration;
import io.loomcql.cqltypes.CustomType;
import io.loomcql.cqltypes.DataType;
import io.loomcql.cqltypes.ListType;
import io.loomcql.cqltypes.MapType;
import io.loomcql.cqltypes.Primitive;
import io.loomcql.cqltypes.SetType;
import io.loomcql.cqltypes.TupleType;
import io.loomcql.cqltypes.TupleValue;
import io.loomcql.cqltypes.UdtValue;
import io.loomcql.cqltypes.UserType;
import io.loomcql.cqltypes.VectorType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the codec of a CQL type or of a Java value, following the CQL-to-Java type mapping of the README.
 */
public final class Codecs {

  private Codecs() {}

  /**
   * The codec of a CQL type.
   *
   * <p>Every CQL type of Cassandra 5.0 has one: the natives, list, set, map, tuple, user types,
   * vectors (of any element type) and custom types (raw bytes), nested to any depth.
   *
   * @throws IllegalArgumentException naming the type if loomcql has no codec for it
   */
  public static <T> TypeCodec<T> codecFor(DataType type) {
    return codecFor(type, MappedClassCodecs.NONE);
  }

  /**
   * As {@link #codecFor(DataType)}, with the user types that {@code mappedClasses} has a codec for
   * (wherever they occur: a column, a collection element, a tuple component, a field of another
   * user type) read and written as instances of their mapped class.
   */
  @SuppressWarnings("unchecked")
  public static <T> TypeCodec<T> codecFor(DataType type, MappedClassCodecs mappedClasses) {
    TypeCodec<?> codec = lookup(type, mappedClasses);
    if (codec == null) {
      throw new IllegalArgumentException("No codec for CQL type " + type.cqlName());
    }
    return (TypeCodec<T>) codec;
  }

  private static TypeCodec<?> lookup(DataType type, MappedClassCodecs mappedClasses) {
    if (type instanceof Primitive p) {
      return switch (p.protocolCode()) {
        case 0x000A, 0x000D -> TextCodec.TEXT;
        case 0x0001 -> TextCodec.ASCII;
        case 0x0009 -> IntCodec.INSTANCE;
        case 0x0002 -> BigintCodec.BIGINT;
        case 0x0005 -> BigintCodec.COUNTER;
        case 0x0004 -> BooleanCodec.INSTANCE;
        case 0x000C -> UuidCodec.UUID_CODEC;
        case 0x000F -> UuidCodec.TIMEUUID;
        case 0x000B -> TimestampCodec.INSTANCE;
        case 0x0003 -> BlobCodec.INSTANCE;
        case 0x0007 -> DoubleCodec.INSTANCE;
        case 0x0008 -> FloatCodec.INSTANCE;
        case 0x0013 -> SmallintCodec.INSTANCE;
        case 0x0014 -> TinyintCodec.INSTANCE;
        case 0x000E -> VarintCodec.INSTANCE;
        case 0x0006 -> DecimalCodec.INSTANCE;
        case 0x0011 -> DateCodec.INSTANCE;
        case 0x0012 -> TimeCodec.INSTANCE;
        case 0x0010 -> InetCodec.INSTANCE;
        case 0x0015 -> DurationCodec.INSTANCE;
        default -> null;
      };
    } else if (type instanceof VectorType v) {
      if (DataType.FLOAT.equals(v.element())) {
        return VectorCodecs.floatVector(v);
      }
      TypeCodec<?> element = lookup(v.element(), mappedClasses);
      return element == null ? null : VectorCodecs.listVector(v, element);
    } else if (type instanceof ListType l) {
      TypeCodec<?> element = lookup(l.element(), mappedClasses);
      return element == null ? null : CollectionCodecs.list(l, element);
    } else if (type instanceof SetType s) {
      TypeCodec<?> element = lookup(s.element(), mappedClasses);
      return element == null ? null : CollectionCodecs.set(s, element);
    } else if (type instanceof MapType m) {
      TypeCodec<?> key = lookup(m.key(), mappedClasses);
      TypeCodec<?> value = lookup(m.value(), mappedClasses);
      return key == null || value == null ? null : CollectionCodecs.map(m, key, value);
    } else if (type instanceof TupleType t) {
      List<TypeCodec<?>> components = lookupAll(t.components(), mappedClasses);
      return components == null ? null : StructCodecs.tuple(t, components);
    } else if (type instanceof UserType u) {
      TypeCodec<?> asClass = mappedClasses.codecFor(u);
      if (asClass != null) {
        return asClass;
      }
      List<TypeCodec<?>> fields = lookupAll(u.fieldTypes(), mappedClasses);
      return fields == null ? null : StructCodecs.udt(u, fields);
    } else if (type instanceof CustomType c) {
      return new CustomCodec(c);
    }
    return null;
  }

  private static List<TypeCodec<?>> lookupAll(List<DataType> types, MappedClassCodecs mappedClasses) {
    List<TypeCodec<?>> codecs = new ArrayList<>(types.size());
    for (DataType t : types) {
      TypeCodec<?> codec = lookup(t, mappedClasses);
      if (codec == null) {
        return null;
      }
      codecs.add(codec);
    }
    return codecs;
  }

  /**
   * Makes {@link #codecForValue} resolve, on the calling thread, every class it tests a value
   * against. The JVM loads them on first use under the class loader's per-class monitor; when
   * thousands of virtual threads make their first requests at once, the losers of that race wait
   * on the monitor pinned to their carriers. A session calls this once while it connects.
   */
  public static void resolveValueClasses() {
    try {
      codecForValue(NO_CQL_TYPE);
    } catch (IllegalArgumentException expected) {
      // an Object matches no case: every label was tested, which is all this is for
    }
  }

  private static final Object NO_CQL_TYPE = new Object();

  /**
   * The codec to send a Java value with when no CQL type is known (unprepared positional values):
   * Integer → int, Long → bigint, String → text, Boolean → boolean, UUID → uuid, Instant →
   * timestamp, ByteBuffer and byte[] → blob, Double → double, Float → float, Short → smallint, Byte
   * → tinyint, BigInteger → varint, BigDecimal → decimal, LocalDate → date, LocalTime → time,
   * InetAddress → inet, CqlDuration → duration, TupleValue and UdtValue → their own type,
   * {@code float[]} → {@code vector<float, length>}, and List, Set, Map → list, set, map of the
   * type inferred from their first element (key and value) that is not an empty collection; an
   * empty collection is sent as such, which the server accepts for any element type. A vector of
   * other elements, whose bytes differ from a list's, needs a prepared statement.
   *
   * @throws IllegalArgumentException naming the Java class if none fits (including null)
   */
  public static TypeCodec<?> codecForValue(Object javaValue) {
    return switch (javaValue) {
      case null -> throw new IllegalArgumentException(
          "Cannot infer the CQL type of a null value; bind it to a prepared statement instead");
      case Integer i -> IntCodec.INSTANCE;
      case Long l -> BigintCodec.BIGINT;
      case String s -> TextCodec.TEXT;
      case Boolean b -> BooleanCodec.INSTANCE;
      case UUID u -> UuidCodec.UUID_CODEC;
      case Instant t -> TimestampCodec.INSTANCE;
      case ByteBuffer b -> BlobCodec.INSTANCE;
      case byte[] b -> ByteArrayCodec.INSTANCE;
      case Double d -> DoubleCodec.INSTANCE;
      case Float f -> FloatCodec.INSTANCE;
      case Short s -> SmallintCodec.INSTANCE;
      case Byte b -> TinyintCodec.INSTANCE;
      case BigInteger b -> VarintCodec.INSTANCE;
      case BigDecimal d -> DecimalCodec.INSTANCE;
      case LocalDate d -> DateCodec.INSTANCE;
      case LocalTime t -> TimeCodec.INSTANCE;
      case InetAddress a -> InetCodec.INSTANCE;
      case CqlDuration d -> DurationCodec.INSTANCE;
      case TupleValue t -> codecFor(t.type());
      case UdtValue u -> codecFor(u.type());
      case float[] f -> {
        if (f.length == 0) {
          throw new IllegalArgumentException("A vector needs at least one element, got float[0]");
        }
        yield VectorCodecs.floatVector(new VectorType(DataType.FLOAT, f.length));
      }
      case List<?> l -> {
        TypeCodec<?> element = inferElement(l);
        yield CollectionCodecs.list(new ListType(element.cqlType()), element);
      }
      case Set<?> set -> {
        TypeCodec<?> element = inferElement(set);
        yield CollectionCodecs.set(new SetType(element.cqlType()), element);
      }
      case Map<?, ?> m -> {
        TypeCodec<?> key = inferElement(m.keySet());
        TypeCodec<?> value = inferElement(m.values());
        yield CollectionCodecs.map(new MapType(key.cqlType(), value.cqlType()), key, value);
      }
      default -> throw new IllegalArgumentException(
          "Cannot infer a CQL type for a value of class " + javaValue.getClass().getName()
              + "; use one of Integer, Long, String, Boolean, UUID, Instant, ByteBuffer, byte[],"
              + " Double, Float, Short, Byte, BigInteger, BigDecimal, LocalDate, LocalTime,"
              + " InetAddress, CqlDuration, TupleValue, UdtValue, float[], List, Set, Map,"
              + " or a prepared statement");
    };
  }

  /** The codec of the first element that says most about the collection's element type. */
  private static TypeCodec<?> inferElement(Collection<?> elements) {
    Object sample = null;
    for (Object e : elements) {
      if (e == null) {
        continue;
      }
      boolean empty = e instanceof Collection<?> c ? c.isEmpty()
          : e instanceof Map<?, ?> m && m.isEmpty();
      if (!empty) {
        return codecForValue(e);
      }
      if (sample == null) {
        sample = e;
      }
    }
    // empty (or only empty collections): any element type serializes the same
    return sample == null ? BlobCodec.INSTANCE : codecForValue(sample);
  }

  /**
   * Serializes {@code value} as a value of CQL type {@code type}, checking its Java class first.
   * A {@code byte[]} is accepted for a blob.
   *
   * @return the serialized value, or null for a null value
   * @throws IllegalArgumentException if the Java class does not match the CQL type, e.g. "Expected
   *     a java.lang.Integer for an int column, got java.lang.String", or if no codec exists
   */
  public static ByteBuffer encode(Object value, DataType type, ProtocolVersion version) {
    return encode(value, type, version, MappedClassCodecs.NONE);
  }

  /**
   * As {@link #encode(Object, DataType, ProtocolVersion)}, with the user types that {@code
   * mappedClasses} has a codec for written from instances of their mapped class.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static ByteBuffer encode(
      Object value, DataType type, ProtocolVersion version, MappedClassCodecs mappedClasses) {
    if (value == null) {
      return null;
    }
    TypeCodec codec = codecFor(type, mappedClasses);
    if (DataType.BLOB.equals(type) && value instanceof byte[] bytes) {
      return ByteBuffer.wrap(bytes.clone());
    }
    if (!codec.javaType().isInstance(value)) {
      String name = type.cqlName();
      String article = "aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ";
      throw new IllegalArgumentException("Expected a " + codec.javaType().getName() + " for "
          + article + name + " column, got " + value.getClass().getName());
    }
    return codec.encode(value, version);
  }
}
