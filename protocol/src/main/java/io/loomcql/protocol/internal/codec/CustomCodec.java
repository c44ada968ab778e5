package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.CustomType;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;

/**
 * A custom type (by its server-side class name) as raw bytes: {@link ByteBuffer} both ways,
 * without interpretation, as {@code blob}.
 *
 * @param type the custom type
 */
public record CustomCodec(CustomType type) implements TypeCodec<ByteBuffer> {

  @Override
  public DataType cqlType() {
    return type;
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
