package io.loomcql.metadata;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The server's {@code org.apache.cassandra.dht.RandomPartitioner}: the token is the absolute value
 * of the routing key's MD5 digest read as a signed big-endian integer, as the server's {@code
 * FBUtilities.hashToBigInteger} computes it (the Python driver's {@code MD5Token.from_key}: {@code
 * abs(varint_unpack(md5(key).digest()))}).
 *
 * <p>An empty key gets the token of the MD5 of no bytes, as in the Python driver; the server gives
 * it its ring minimum (-1), but rejects empty partition keys anyway.
 */
public final class RandomPartitioner implements Partitioner {

  /** The server's class name of this partitioner. */
  public static final String NAME = "org.apache.cassandra.dht.RandomPartitioner";

  /** The only instance; the partitioner is stateless. */
  public static final RandomPartitioner INSTANCE = new RandomPartitioner();

  private RandomPartitioner() {}

  /** The token of a routing key; leaves the buffer's position and limit as they are. */
  @Override
  public RandomToken tokenOf(ByteBuffer routingKey) {
    Objects.requireNonNull(routingKey, "routingKey");
    MessageDigest md5 = newMd5();
    md5.update(routingKey.duplicate()); // update consumes its argument
    return new RandomToken(new BigInteger(md5.digest()).abs());
  }

  /**
   * Parses a decimal integer, e.g. {@code "85070591730234615865843651857942052864"}.
   *
   * @throws NumberFormatException (an {@link IllegalArgumentException}) if it is not one
   */
  @Override
  public RandomToken parse(String tokenString) {
    return new RandomToken(new BigInteger(tokenString));
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

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide MD5 (MessageDigest's Javadoc).
      throw new IllegalStateException("This JVM has no MD5 MessageDigest", e);
    }
  }
}
