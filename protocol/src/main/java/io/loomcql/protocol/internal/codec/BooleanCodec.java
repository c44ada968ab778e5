package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;

/** {@code boolean} as {@link Boolean}: one byte, 0 = false, anything else = true. */
public final class BooleanCodec implements TypeCodec<Boolean> {

  /** The instance. */
  public static final BooleanCodec INSTANCE = new BooleanCodec();

  private BooleanCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.BOOLEAN;
  }

  @Override
  public Class<Boolean> javaType() {
    return Boolean.class;
  }

  @Override
  public ByteBuffer encode(Boolean value, ProtocolVersion version) {
    return value == null ? null : ByteBuffer.wrap(new byte[] {(byte) (value ? 1 : 0)});
  }

  @Override
  public Boolean decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    return decodeBoolean(bytes, bytes.position(), bytes.remaining());
  }

  /** The boolean at absolute {@code offset}, without allocating; the caller handles null cells. */
  public static boolean decodeBoolean(ByteBuffer content, int offset, int length) {
    CodecSupport.checkLength(length, 1, "boolean");
    CodecSupport.checkRange(content, offset, length, "boolean");
    return content.get(offset) != 0;
  }
}
