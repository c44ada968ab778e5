package io.loomcql.metadata;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The server's default partitioner, {@code org.apache.cassandra.dht.Murmur3Partitioner}: the token
 * is the first 64-bit half of MurmurHash3 x64_128 (seed 0) of the routing key, with {@code
 * Long.MIN_VALUE} replaced by {@code Long.MAX_VALUE} as the server's {@code normalize} does (the
 * Python driver's {@code Murmur3Token.from_key}).
 *
 * <p>The hash is Cassandra's variant, which mixes the tail bytes as signed values; tokens match
 * the server's {@code token()} function bit for bit. One edge differs from the server and follows
 * the Python driver: an empty key hashes to token 0, where the server's {@code getToken} returns
 * its ring minimum ({@code Long.MIN_VALUE}). The server rejects empty partition keys ("Key may not
 * be empty"), so no routable request has one.
 */
public final class Murmur3Partitioner implements Partitioner {

  /** The server's class name of this partitioner. */
  public static final String NAME = "org.apache.cassandra.dht.Murmur3Partitioner";

  /** The only instance; the partitioner is stateless. */
  public static final Murmur3Partitioner INSTANCE = new Murmur3Partitioner();

  private Murmur3Partitioner() {}

  /**
   * The token of a routing key; allocates nothing but the returned token, and leaves the buffer's
   * position, limit and byte order as they are.
   */
  @Override
  public Murmur3Token tokenOf(ByteBuffer routingKey) {
    Objects.requireNonNull(routingKey, "routingKey");
    long hash = Murmur3Hash.firstHalf(routingKey);
    return new Murmur3Token(hash == Long.MIN_VALUE ? Long.MAX_VALUE : hash);
  }

  /**
   * Parses a signed decimal {@code long}, e.g. {@code "-9223372036854775807"}.
   *
   * @throws NumberFormatException (an {@link IllegalArgumentException}) if it is not one
   */
  @Override
  public Murmur3Token parse(String tokenString) {
    return new Murmur3Token(Long.parseLong(tokenString));
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
