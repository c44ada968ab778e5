package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/** {@code decimal} as {@link BigDecimal}: [int] scale, then the unscaled value as a varint. */
public final class DecimalCodec implements TypeCodec<BigDecimal> {

  /** The instance. */
  public static final DecimalCodec INSTANCE = new DecimalCodec();

  private DecimalCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.DECIMAL;
  }

  @Override
  public Class<BigDecimal> javaType() {
    return BigDecimal.class;
  }

  @Override
  public ByteBuffer encode(BigDecimal value, ProtocolVersion version) {
    if (value == null) {
      return null;
    }
    byte[] unscaled = value.unscaledValue().toByteArray();
    return ByteBuffer.allocate(4 + unscaled.length).putInt(value.scale()).put(unscaled).flip();
  }

  @Override
  public BigDecimal decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    if (bytes.remaining() < 5) {
      throw new ProtocolException(
          "decimal needs at least 5 bytes (scale and unscaled value), got " + bytes.remaining());
    }
    int p = bytes.position();
    int scale = bytes.getInt(p);
    byte[] b = new byte[bytes.remaining() - 4];
    bytes.get(p + 4, b);
    return new BigDecimal(new BigInteger(b), scale);
  }
}
