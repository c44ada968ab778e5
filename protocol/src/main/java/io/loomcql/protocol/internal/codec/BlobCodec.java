package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;

/**
 * {@code blob} as {@link ByteBuffer} (the remaining bytes). Encoding returns a duplicate (the
 * caller's position is not moved); decoding returns a slice of the cell (frames own their buffers,
 * so it does not alias anything reused).
 */
public final class BlobCodec implements TypeCodec<ByteBuffer> {

  /** The instance. */
  public static final BlobCodec INSTANCE = new BlobCodec();

  private BlobCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.BLOB;
  }

  @Override
  public Class<ByteBuffer> javaType() {
    return ByteBuffer.class;
  }

  @Override
  public ByteBuffer encode(ByteBuffer value, ProtocolVersion version) {
    return value == null ? null : value.duplicate();
  }

  @Override
  public ByteBuffer decode(ByteBuffer bytes, ProtocolVersion version) {
    return bytes == null ? null : bytes.slice();
  }
}
