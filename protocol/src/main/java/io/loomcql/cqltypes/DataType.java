package io.loomcql.cqltypes;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A CQL data type, as described by a server in result metadata (the {@code [option]} of section
 * 4.2.5.2 of the native protocol specification) or by the schema.
 *
 * <p>The native types are the {@link Primitive} constants below; the others are records. Every type
 * code the protocol defines decodes into one of them, even a type that loomcql has no codec for, so
 * that reading metadata never fails on an unfamiliar type: unknown custom types stay
 * {@link CustomType}s.
 */
public sealed interface DataType
    permits Primitive, ListType, SetType, MapType, TupleType, UserType, CustomType, VectorType {

  /** {@code ascii} (0x0001): US-ASCII text. */
  Primitive ASCII = new Primitive(0x0001, "ascii");
  /** {@code bigint} (0x0002): 64-bit signed integer. */
  Primitive BIGINT = new Primitive(0x0002, "bigint");
  /** {@code blob} (0x0003): arbitrary bytes. */
  Primitive BLOB = new Primitive(0x0003, "blob");
  /** {@code boolean} (0x0004). */
  Primitive BOOLEAN = new Primitive(0x0004, "boolean");
  /** {@code counter} (0x0005): 64-bit distributed counter. */
  Primitive COUNTER = new Primitive(0x0005, "counter");
  /** {@code decimal} (0x0006): arbitrary-precision decimal. */
  Primitive DECIMAL = new Primitive(0x0006, "decimal");
  /** {@code double} (0x0007): 64-bit IEEE-754. */
  Primitive DOUBLE = new Primitive(0x0007, "double");
  /** {@code float} (0x0008): 32-bit IEEE-754. */
  Primitive FLOAT = new Primitive(0x0008, "float");
  /** {@code int} (0x0009): 32-bit signed integer. */
  Primitive INT = new Primitive(0x0009, "int");
  /** {@code timestamp} (0x000B): milliseconds since the epoch. */
  Primitive TIMESTAMP = new Primitive(0x000B, "timestamp");
  /** {@code uuid} (0x000C). */
  Primitive UUID = new Primitive(0x000C, "uuid");
  /** {@code text}, alias {@code varchar} (0x000D): UTF-8 text. */
  Primitive VARCHAR = new Primitive(0x000D, "text");
  /** {@code text}: the same type as {@link #VARCHAR}, sent as code 0x000D. */
  Primitive TEXT = VARCHAR;
  /** {@code varint} (0x000E): arbitrary-precision integer. */
  Primitive VARINT = new Primitive(0x000E, "varint");
  /** {@code timeuuid} (0x000F): a version 1 UUID. */
  Primitive TIMEUUID = new Primitive(0x000F, "timeuuid");
  /** {@code inet} (0x0010): an IPv4 or IPv6 address. */
  Primitive INET = new Primitive(0x0010, "inet");
  /** {@code date} (0x0011): days since the epoch, centred on 2^31. */
  Primitive DATE = new Primitive(0x0011, "date");
  /** {@code time} (0x0012): nanoseconds since midnight. */
  Primitive TIME = new Primitive(0x0012, "time");
  /** {@code smallint} (0x0013): 16-bit signed integer. */
  Primitive SMALLINT = new Primitive(0x0013, "smallint");
  /** {@code tinyint} (0x0014): 8-bit signed integer. */
  Primitive TINYINT = new Primitive(0x0014, "tinyint");
  /** {@code duration} (0x0015): months, days and nanoseconds. */
  Primitive DURATION = new Primitive(0x0015, "duration");

  /**
   * {@return the protocol's type code (0x0000 custom, 0x0020 list, ...); vectors are custom types
   * (0)}
   */
  int protocolCode();

  /** {@return the type as written in CQL, e.g. {@code map<int, text>}} */
  String cqlName();

  /**
   * {@return the Java class of this type's values, both ways (what decoding returns, what binding
   * accepts): ascii/text {@code String}, bigint/counter {@code Long}, blob {@code ByteBuffer},
   * boolean {@code Boolean}, date {@code LocalDate}, decimal {@code BigDecimal}, double {@code
   * Double}, duration {@link CqlDuration}, float {@code Float}, inet {@code InetAddress}, int {@code
   * Integer}, smallint {@code Short}, tinyint {@code Byte}, time {@code LocalTime}, timestamp {@code
   * Instant}, uuid/timeuuid {@code UUID}, varint {@code BigInteger}, list {@code List}, set {@code
   * Set}, map {@code Map}, tuple {@link TupleValue}, user type {@link UdtValue}, {@code vector<float,
   * n>} {@code float[]}, other vectors {@code List}, custom types {@code ByteBuffer} (raw bytes)}
   */
  default Class<?> javaClass() {
    return switch (this) {
      case Primitive p -> switch (p.protocolCode()) {
        case 0x0001, 0x000A, 0x000D -> String.class;
        case 0x0002, 0x0005 -> Long.class;
        case 0x0003 -> ByteBuffer.class;
        case 0x0004 -> Boolean.class;
        case 0x0006 -> BigDecimal.class;
        case 0x0007 -> Double.class;
        case 0x0008 -> Float.class;
        case 0x0009 -> Integer.class;
        case 0x000B -> Instant.class;
        case 0x000C, 0x000F -> UUID.class;
        case 0x000E -> BigInteger.class;
        case 0x0010 -> InetAddress.class;
        case 0x0011 -> LocalDate.class;
        case 0x0012 -> LocalTime.class;
        case 0x0013 -> Short.class;
        case 0x0014 -> Byte.class;
        case 0x0015 -> CqlDuration.class;
        default -> throw new IllegalStateException("Unknown native type " + p);
      };
      case ListType l -> List.class;
      case SetType s -> Set.class;
      case MapType m -> Map.class;
      case TupleType t -> TupleValue.class;
      case UserType u -> UdtValue.class;
      case VectorType v -> FLOAT.equals(v.element()) ? float[].class : List.class;
      case CustomType c -> ByteBuffer.class;
    };
  }
}
