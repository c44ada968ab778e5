package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;

/** {@code tinyint} as {@link Byte}: 1 byte(s), big-endian. */
public final class TinyintCodec implements TypeCodec<Byte> {

  /** The instance. */
  public static final TinyintCodec INSTANCE = new TinyintCodec();

  private TinyintCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.TINYINT;
  }

  @Override
  public Class<Byte> javaType() {
    return Byte.class;
  }

  @Override
  public ByteBuffer encode(Byte value, ProtocolVersion version) {
    return value == null ? null : ByteBuffer.allocate(1).put(0, value);
  }

  @Override
  public Byte decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    return decodeAt(bytes, bytes.position(), bytes.remaining());
  }

  /** The value at absolute {@code offset}, without allocating; the caller handles null cells. */
  public static byte decodeAt(ByteBuffer content, int offset, int length) {
    CodecSupport.checkLength(length, 1, "tinyint");
    CodecSupport.checkRange(content, offset, length, "tinyint");
    return content.get(offset);
  }
}
