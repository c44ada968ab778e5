package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;
import java.time.LocalDate;

/**
 * {@code date} as {@link LocalDate}: an unsigned 32-bit number of days, with the epoch
 * (1970-01-01) at 2^31.
 */
public final class DateCodec implements TypeCodec<LocalDate> {

  /** The instance. */
  public static final DateCodec INSTANCE = new DateCodec();

  private static final long EPOCH_OFFSET = 1L << 31;

  private DateCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.DATE;
  }

  @Override
  public Class<LocalDate> javaType() {
    return LocalDate.class;
  }

  @Override
  public ByteBuffer encode(LocalDate value, ProtocolVersion version) {
    if (value == null) {
      return null;
    }
    long unsigned = value.toEpochDay() + EPOCH_OFFSET;
    if (unsigned < 0 || unsigned > 0xFFFFFFFFL) {
      throw new IllegalArgumentException("The date " + value + " is out of the range of a CQL date");
    }
    return ByteBuffer.allocate(4).putInt(0, (int) unsigned);
  }

  @Override
  public LocalDate decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    CodecSupport.checkLength(bytes.remaining(), 4, "date");
    long unsigned = bytes.getInt(bytes.position()) & 0xFFFFFFFFL;
    return LocalDate.ofEpochDay(unsigned - EPOCH_OFFSET);
  }
}
