package io.loomcql.metadata;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Builds the routing key of a partition from its serialized partition-key values, the bytes a
 * {@link Partitioner} hashes (the Python driver's {@code BoundStatement.routing_key} and {@code
 * Statement._key_parts_packed}).
 */
public final class RoutingKey {
  private static final int MAX_COMPONENT_LENGTH = 0xFFFF;

  private RoutingKey() {}

  /**
   * {@return the routing key of a partition key made of {@code components}, in partition-key order}
   *
   * <p>A single component is the routing key itself and is returned unchanged (the same buffer).
   * Several components are packed as the server packs a composite key: for each one, its length
   * as an unsigned 16-bit big-endian integer, its bytes, then a {@code 0x00} byte. For the ints 1
   * and 2 that is {@code 00 04 00 00 00 01 00 00 04 00 00 00 02 00}.
   *
   * <p>Each component's bytes are those between its position and limit; no component's position
   * changes. A composite key is a new heap buffer with position 0 and limit at its end.
   *
   * @param components the serialized values of the partition-key columns; at least one, none null
   * @throws IllegalArgumentException if there is no component, or a component of a composite key is
   *     longer than 65535 bytes (Python's {@code struct.pack(">H", ...)} fails the same way)
   */
  public static ByteBuffer compose(ByteBuffer... components) {
    Objects.requireNonNull(components, "components");
    if (components.length == 0) {
      throw new IllegalArgumentException("A routing key needs at least one component");
    }
    if (components.length == 1) {
      return Objects.requireNonNull(components[0], "components[0]");
    }
    int size = 0;
    for (int i = 0; i < components.length; i++) {
      ByteBuffer component = components[i];
      if (component == null) {
        throw new NullPointerException("Routing key component " + i + " is null");
      }
      int length = component.remaining();
      if (length > MAX_COMPONENT_LENGTH) {
        throw new IllegalArgumentException("Routing key component " + i + " is " + length
            + " bytes long; a composite key holds at most " + MAX_COMPONENT_LENGTH + " per component");
      }
      size = Math.addExact(size, 2 + length + 1);
    }
    ByteBuffer key = ByteBuffer.allocate(size);
    int at = 0;
    for (ByteBuffer component : components) {
      int length = component.remaining();
      key.putShort(at, (short) length);
      key.put(at + 2, component, component.position(), length);
      key.put(at + 2 + length, (byte) 0);
      at += 2 + length + 1;
    }
    return key;
  }
}
