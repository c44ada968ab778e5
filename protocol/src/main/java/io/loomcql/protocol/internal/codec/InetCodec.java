package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolException;
import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/** {@code inet} as {@link InetAddress}: 4 (IPv4) or 16 (IPv6) bytes. */
public final class InetCodec implements TypeCodec<InetAddress> {

  /** The instance. */
  public static final InetCodec INSTANCE = new InetCodec();

  private InetCodec() {}

  @Override
  public DataType cqlType() {
    return DataType.INET;
  }

  @Override
  public Class<InetAddress> javaType() {
    return InetAddress.class;
  }

  @Override
  public ByteBuffer encode(InetAddress value, ProtocolVersion version) {
    return value == null ? null : ByteBuffer.wrap(value.getAddress());
  }

  @Override
  public InetAddress decode(ByteBuffer bytes, ProtocolVersion version) {
    if (bytes == null || bytes.remaining() == 0) {
      return null;
    }
    int n = bytes.remaining();
    if (n != 4 && n != 16) {
      throw new ProtocolException("inet needs 4 or 16 bytes, got " + n);
    }
    byte[] b = new byte[n];
    bytes.get(bytes.position(), b);
    try {
      return InetAddress.getByAddress(b);
    } catch (UnknownHostException e) {
      throw new ProtocolException("Invalid inet value: " + e.getMessage(), e);
    }
  }
}
