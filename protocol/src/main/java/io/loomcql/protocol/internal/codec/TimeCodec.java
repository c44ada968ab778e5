package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;
import java.time.LocalTime;

/** {@code time} as {@link LocalTime}: 8 bytes of nanoseconds since midnight. */
public final class TimeCodec implements TypeCodec<LocalTime> {

  /** The instance. */
  public static final TimeCodec INSTANCE = new TimeCodec();

  private static final long NANOS_PER_DAY = 86_400_000_000_000L;

  private TimeCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.TIME;
  }

  @Override
  public Class<LocalTime> javaType() {
    return LocalTime.class;
  }

  @Override
  public ByteBuffer encode(LocalTime value, ProtocolVersion version) {
    return value == null ? null : ByteBuffer.allocate(8).putLong(0, value.toNanoOfDay());
  }

  @Override
  public LocalTime decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    CodecSupport.checkLength(bytes.remaining(), 8, "time");
    long nanos = bytes.getLong(bytes.position());
    if (nanos < 0 || nanos >= NANOS_PER_DAY) {
      throw new ProtocolException("A time must be in [0, 86400000000000) nanoseconds, got " + nanos);
    }
    return LocalTime.ofNanoOfDay(nanos);
  }
}
