package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;

/** {@code bigint} and {@code counter} as {@link Long}: 8 bytes, big-endian. */
public final class BigintCodec implements TypeCodec<Long> {

  /** The {@code bigint} codec. */
  public static final BigintCodec BIGINT = new BigintCodec(DataType.BIGINT);
  /** The {@code counter} codec. */
  public static final BigintCodec COUNTER = new BigintCodec(DataType.COUNTER);

  private final DataType type;

  private BigintCodec(DataType type) {
    this.type = type;
  }

  @Override
  public DataType cqlType() {
    return type;
  }

  @Override
  public Class<Long> javaType() {
    return Long.class;
  }

  @Override
  public ByteBuffer encode(Long value, ProtocolVersion version) {
    return value == null ? null : ByteBuffer.allocate(8).putLong(0, value);
  }

  @Override
  public Long decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    return decodeLong(bytes, bytes.position(), bytes.remaining());
  }

  /**
   * The long at absolute {@code offset}, without allocating; the caller handles null cells.
   *
   * @throws io.loomcql.ProtocolException if {@code length} is not 8 or the cell is out of bounds
   */
  public static long decodeLong(ByteBuffer content, int offset, int length) {
    CodecSupport.checkLength(length, 8, "bigint");
    CodecSupport.checkRange(content, offset, length, "bigint");
    return content.getLong(offset);
  }
}
