package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;

/** {@code blob} as {@code byte[]} (copied both ways). */
public final class ByteArrayCodec implements TypeCodec<byte[]> {

  /** The instance. */
  public static final ByteArrayCodec INSTANCE = new ByteArrayCodec();

  private ByteArrayCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.BLOB;
  }

  @Override
  public Class<byte[]> javaType() {
    return byte[].class;
  }

  @Override
  public ByteBuffer encode(byte[] value, ProtocolVersion version) {
    return value == null ? null : ByteBuffer.wrap(value.clone());
  }

  @Override
  public byte[] decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null) {
      return null;
    }
    byte[] b = new byte[bytes.remaining()];
    bytes.get(bytes.position(), b);
    return b;
  }
}
