package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;
import java.util.UUID;

/** {@code uuid} and {@code timeuuid} as {@link UUID}: 16 bytes; timeuuid only takes version 1. */
public final class UuidCodec implements TypeCodec<UUID> {

  /** The {@code uuid} codec (any version). */
  public static final UuidCodec UUID_CODEC = new UuidCodec(DataType.UUID);
  /** The {@code timeuuid} codec: encoding rejects UUIDs that are not version 1 (time-based). */
  public static final UuidCodec TIMEUUID = new UuidCodec(DataType.TIMEUUID);

  private final DataType type;

  private UuidCodec(DataType type) {
    this.type = type;
  }

  @Override
  public DataType cqlType() {
    return type;
  }

  @Override
  public Class<UUID> javaType() {
    return UUID.class;
  }

  @Override
  public ByteBuffer encode(UUID value, ProtocolVersion version) {
    if (value == null) {
      return null;
    }
    if (type == DataType.TIMEUUID && value.version() != 1) {
      throw new IllegalArgumentException(
          "A timeuuid must be a version 1 (time-based) UUID, got version " + value.version()
              + ": " + value);
    }
    return ByteBuffer.allocate(16)
        .putLong(0, value.getMostSignificantBits())
        .putLong(8, value.getLeastSignificantBits());
  }

  @Override
  public UUID decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    return decodeUuid(bytes, bytes.position(), bytes.remaining());
  }

  /** The UUID at absolute {@code offset}; the caller handles null cells. */
  public static UUID decodeUuid(ByteBuffer content, int offset, int length) {
    CodecSupport.checkLength(length, 16, "uuid");
    CodecSupport.checkRange(content, offset, length, "uuid");
    return new UUID(content.getLong(offset), content.getLong(offset + 8));
  }
}
