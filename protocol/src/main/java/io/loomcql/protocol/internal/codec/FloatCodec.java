package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;

/** {@code float} as {@link Float}: 4 byte(s), big-endian. */
public final class FloatCodec implements TypeCodec<Float> {

  /** The instance. */
  public static final FloatCodec INSTANCE = new FloatCodec();

  private FloatCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.FLOAT;
  }

  @Override
  public Class<Float> javaType() {
    return Float.class;
  }

  @Override
  public ByteBuffer encode(Float value, ProtocolVersion version) {
    return value == null ? null : ByteBuffer.allocate(4).putFloat(0, value);
  }

  @Override
  public Float decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    return decodeAt(bytes, bytes.position(), bytes.remaining());
  }

  /** The value at absolute {@code offset}, without allocating; the caller handles null cells. */
  public static float decodeAt(ByteBuffer content, int offset, int length) {
    CodecSupport.checkLength(length, 4, "float");
    CodecSupport.checkRange(content, offset, length, "float");
    return content.getFloat(offset);
  }
}
