package io.loomcql.cqltypes;

/**
 * A native (non-parameterized) CQL type, such as {@code int} or {@code text}. Use the constants of
 * {@link DataType}; {@link #fromCode(int)} maps a protocol code back to them.
 *
 * @param protocolCode the protocol type code
 * @param cqlName the CQL name
 */
public record Primitive(int protocolCode, String cqlName) implements DataType {

  /**
   * The native type of a protocol code (0x0001..0x0015; 0x000A, v1's "text", is {@code text}), or
   * {@code null} if the code is not one of a native type.
   */
  public static Primitive fromCode(int code) {
    return switch (code) {
      case 0x0001 -> DataType.ASCII;
      case 0x0002 -> DataType.BIGINT;
      case 0x0003 -> DataType.BLOB;
      case 0x0004 -> DataType.BOOLEAN;
      case 0x0005 -> DataType.COUNTER;
      case 0x0006 -> DataType.DECIMAL;
      case 0x0007 -> DataType.DOUBLE;
      case 0x0008 -> DataType.FLOAT;
      case 0x0009 -> DataType.INT;
      case 0x000A, 0x000D -> DataType.VARCHAR;
      case 0x000B -> DataType.TIMESTAMP;
      case 0x000C -> DataType.UUID;
      case 0x000E -> DataType.VARINT;
      case 0x000F -> DataType.TIMEUUID;
      case 0x0010 -> DataType.INET;
      case 0x0011 -> DataType.DATE;
      case 0x0012 -> DataType.TIME;
      case 0x0013 -> DataType.SMALLINT;
      case 0x0014 -> DataType.TINYINT;
      case 0x0015 -> DataType.DURATION;
      default -> null;
    };
  }

  @Override
  public String toString() {
    return cqlName;
  }
}
