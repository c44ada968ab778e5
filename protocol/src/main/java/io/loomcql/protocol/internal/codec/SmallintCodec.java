package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;

/** {@code smallint} as {@link Short}: 2 byte(s), big-endian. */
public final class SmallintCodec implements TypeCodec<Short> {

  /** The instance. */
  public static final SmallintCodec INSTANCE = new SmallintCodec();

  private SmallintCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.SMALLINT;
  }

  @Override
  public Class<Short> javaType() {
    return Short.class;
  }

  @Override
  public ByteBuffer encode(Short value, ProtocolVersion version) {
    return value == null ? null : ByteBuffer.allocate(2).putShort(0, value);
  }

  @Override
  public Short decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    return decodeAt(bytes, bytes.position(), bytes.remaining());
  }

  /** The value at absolute {@code offset}, without allocating; the caller handles null cells. */
  public static short decodeAt(ByteBuffer content, int offset, int length) {
    CodecSupport.checkLength(length, 2, "smallint");
    CodecSupport.checkRange(content, offset, length, "smallint");
    return content.getShort(offset);
  }
}
