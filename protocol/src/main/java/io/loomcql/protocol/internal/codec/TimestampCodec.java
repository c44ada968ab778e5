package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * {@code timestamp} as {@link Instant}: 8 bytes of milliseconds since the epoch. Encoding drops
 * sub-millisecond precision (truncating toward negative infinity).
 */
public final class TimestampCodec implements TypeCodec<Instant> {

  /** The instance. */
  public static final TimestampCodec INSTANCE = new TimestampCodec();

  private TimestampCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.TIMESTAMP;
  }

  @Override
  public Class<Instant> javaType() {
    return Instant.class;
  }

  @Override
  public ByteBuffer encode(Instant value, ProtocolVersion version) {
    if (value == null) {
      return null;
    }
    long millis;
    try {
      millis = value.toEpochMilli();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "The instant " + value + " is out of the range of a timestamp (64-bit milliseconds)", e);
    }
    return ByteBuffer.allocate(8).putLong(0, millis);
  }

  @Override
  public Instant decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    return Instant.ofEpochMilli(decodeMillis(bytes, bytes.position(), bytes.remaining()));
  }

  /** The milliseconds since the epoch at absolute {@code offset}; the caller handles nulls. */
  public static long decodeMillis(ByteBuffer content, int offset, int length) {
    CodecSupport.checkLength(length, 8, "timestamp");
    CodecSupport.checkRange(content, offset, length, "timestamp");
    return content.getLong(offset);
  }
}
