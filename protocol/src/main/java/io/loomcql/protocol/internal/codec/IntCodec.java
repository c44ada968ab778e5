package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;

/** {@code int} as {@link Integer}: 4 bytes, big-endian. */
public final class IntCodec implements TypeCodec<Integer> {

  /** The instance. */
  public static final IntCodec INSTANCE = new IntCodec();

  private IntCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.INT;
  }

  @Override
  public Class<Integer> javaType() {
    return Integer.class;
  }

  @Override
  public ByteBuffer encode(Integer value, ProtocolVersion version) {
    return value == null ? null : ByteBuffer.allocate(4).putInt(0, value);
  }

  @Override
  public Integer decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    return decodeInt(bytes, bytes.position(), bytes.remaining());
  }

  /**
   * The int at absolute {@code offset}, without allocating; the caller handles null cells.
   *
   * @throws io.loomcql.ProtocolException if {@code length} is not 4 or the cell is out of bounds
   */
  public static int decodeInt(ByteBuffer content, int offset, int length) {
    CodecSupport.checkLength(length, 4, "int");
    CodecSupport.checkRange(content, offset, length, "int");
    return content.getInt(offset);
  }
}
