package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/** {@code varint} as {@link BigInteger}: minimal big-endian two's complement bytes. */
public final class VarintCodec implements TypeCodec<BigInteger> {

  /** The instance. */
  public static final VarintCodec INSTANCE = new VarintCodec();

  private VarintCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.VARINT;
  }

  @Override
  public Class<BigInteger> javaType() {
    return BigInteger.class;
  }

  @Override
  public ByteBuffer encode(BigInteger value, ProtocolVersion version) {
    return value == null ? null : ByteBuffer.wrap(value.toByteArray());
  }

  @Override
  public BigInteger decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    byte[] b = new byte[bytes.remaining()];
    bytes.get(bytes.position(), b);
    return new BigInteger(b);
  }
}
