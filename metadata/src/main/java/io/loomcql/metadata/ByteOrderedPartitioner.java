package io.loomcql.metadata;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The server's {@code org.apache.cassandra.dht.ByteOrderedPartitioner}: the token is the routing
 * key's bytes, unhashed (the Python driver's {@code BytesToken}).
 */
public final class ByteOrderedPartitioner implements Partitioner {

  /** The server's class name of this partitioner. */
  public static final String NAME = "org.apache.cassandra.dht.ByteOrderedPartitioner";

  /** The only instance; the partitioner is stateless. */
  public static final ByteOrderedPartitioner INSTANCE = new ByteOrderedPartitioner();

  private ByteOrderedPartitioner() {}

  /** A copy of the key's remaining bytes; leaves the buffer's position and limit as they are. */
  @Override
  public BytesToken tokenOf(ByteBuffer routingKey) {
    Objects.requireNonNull(routingKey, "routingKey");
    byte[] bytes = new byte[routingKey.remaining()];
    routingKey.get(routingKey.position(), bytes);
    return new BytesToken(bytes);
  }

  /**
   * Parses hexadecimal, as the server prints these tokens (Python: {@code unhexlify}).
   *
   * @throws IllegalArgumentException if it is not an even number of hex digits
   */
  @Override
  public BytesToken parse(String tokenString) {
    return new BytesToken(HexFormat.of().parseHex(tokenString));
  }

  /** {@value #NAME}. */
  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String toString() {
    return NAME;
  }
}
