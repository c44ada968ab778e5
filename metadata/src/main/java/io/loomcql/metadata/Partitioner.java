package io.loomcql.metadata;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;

/**
 * Computes the token of a routing key the way the cluster's partitioner does, so that a request
 * can be sent to a replica of its partition (the {@code hash_fn}/{@code from_key}/{@code
 * from_string} class methods of the Python driver's token classes in {@code cassandra.metadata}).
 *
 * <p>The cluster reports its partitioner by class name in {@code system.local.partitioner}; {@link
 * #forName(String)} maps that name to one of {@link Murmur3Partitioner} (the server's default),
 * {@link RandomPartitioner} and {@link ByteOrderedPartitioner}. Implementations are stateless and
 * thread-safe.
 */
public interface Partitioner {

  /**
   * {@return the token of a routing key (Python: {@code TokenClass.from_key(key)})}
   *
   * <p>Reads the bytes between the buffer's position and limit and leaves its position, limit and
   * byte order unchanged.
   *
   * @param routingKey the serialized partition key, as built by {@link RoutingKey#compose}; not
   *     null
   */
  Token tokenOf(ByteBuffer routingKey);

  /**
   * Parses a token as the server prints it, for example in {@code system.local.tokens} or {@code
   * system.peers.tokens} (Python: {@code TokenClass.from_string(token_string)}).
   *
   * @throws IllegalArgumentException if the string is not a token of this partitioner
   */
  Token parse(String tokenString);

  /**
   * {@return the server's class name of this partitioner, e.g. {@code
   * org.apache.cassandra.dht.Murmur3Partitioner}}
   */
  String name();

  /**
   * The partitioner of a class name reported by the server in {@code system.local.partitioner}.
   *
   * <p>Matches like the Python driver's {@code Metadata.rebuild_token_map}: by the end of the name,
   * so {@code org.apache.cassandra.dht.Murmur3Partitioner} and {@code Murmur3Partitioner} both work.
   * A partitioner the driver does not know (e.g. {@code OrderPreservingPartitioner}) gives an empty
   * result, where Python leaves {@code Metadata.token_map} as {@code None}: no token-aware routing.
   *
   * @param className the partitioner's class name; not null
   * @return the partitioner, or empty if the driver does not support it
   */
  static Optional<Partitioner> forName(String className) {
    Objects.requireNonNull(className, "className");
    // Same order as Python's checks.
    if (className.endsWith("RandomPartitioner")) {
      return Optional.of(RandomPartitioner.INSTANCE);
    }
    if (className.endsWith("Murmur3Partitioner")) {
      return Optional.of(Murmur3Partitioner.INSTANCE);
    }
    if (className.endsWith("ByteOrderedPartitioner")) {
      return Optional.of(ByteOrderedPartitioner.INSTANCE);
    }
    return Optional.empty();
  }
}
