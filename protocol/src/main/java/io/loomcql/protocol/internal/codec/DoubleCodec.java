package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;

/** {@code double} as {@link Double}: 8 byte(s), big-endian. */
public final class DoubleCodec implements TypeCodec<Double> {

  /** The instance. */
  public static final DoubleCodec INSTANCE = new DoubleCodec();

  private DoubleCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.DOUBLE;
  }

  @Override
  public Class<Double> javaType() {
    return Double.class;
  }

  @Override
  public ByteBuffer encode(Double value, ProtocolVersion version) {
    return value == null ? null : ByteBuffer.allocate(8).putDouble(0, value);
  }

  @Override
  public Double decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    return decodeAt(bytes, bytes.position(), bytes.remaining());
  }

  /** The value at absolute {@code offset}, without allocating; the caller handles null cells. */
  public static double decodeAt(ByteBuffer content, int offset, int length) {
    CodecSupport.checkLength(length, 8, "double");
    CodecSupport.checkRange(content, offset, length, "double");
    return content.getDouble(offset);
  }
}
