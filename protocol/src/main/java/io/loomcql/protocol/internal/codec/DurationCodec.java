package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.CqlDuration;
import io.loomcql.cqltypes.DataType;
import io.loomcql.protocol.internal.Wire;
import java.nio.ByteBuffer;

/** {@code duration} as {@link CqlDuration}: three [vint]s, months, days, nanoseconds. */
public final class DurationCodec implements TypeCodec<CqlDuration> {

  /** The instance. */
  public static final DurationCodec INSTANCE = new DurationCodec();

  private DurationCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.DURATION;
  }

  @Override
  public Class<CqlDuration> javaType() {
    return CqlDuration.class;
  }

  @Override
  public ByteBuffer encode(CqlDuration value, ProtocolVersion version) {
    if (value == null) {
      return null;
    }
    ByteBuffer buf = ByteBuffer.allocate(Wire.sizeOfVint(value.months())
        + Wire.sizeOfVint(value.days()) + Wire.sizeOfVint(value.nanoseconds()));
    Wire.writeVint(buf, value.months());
    Wire.writeVint(buf, value.days());
    Wire.writeVint(buf, value.nanoseconds());
    return buf.flip();
  }

  @Override
  public CqlDuration decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    ByteBuffer buf = bytes.slice();
    long months = Wire.readVint(buf);
    long days = Wire.readVint(buf);
    long nanos = Wire.readVint(buf);
    if (buf.hasRemaining()) {
      throw new ProtocolException(buf.remaining() + " bytes left over after a duration");
    }
    if (months != (int) months || days != (int) days) {
      throw new ProtocolException("Duration months or days out of the int range: " + months
          + " months, " + days + " days");
    }
    try {
      return new CqlDuration((int) months, (int) days, nanos);
    } catch (IllegalArgumentException e) {
      throw new ProtocolException("Invalid duration: " + e.getMessage(), e);
    }
  }
}
