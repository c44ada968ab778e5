package io.loomcql.protocol.internal.codec;

import io.loomcql.ProtocolVersion;
import io.loomcql.cqltypes.DataType;
import java.nio.ByteBuffer;

/**
 * Converts the values of one CQL type to and from their serialized form (section 6 of the
 * specification), the content of a cell or of a bound [value].
 *
 * @param <T> the Java type of the values
 */
public interface TypeCodec<T> {

  /** The CQL type this codec handles. */
  DataType cqlType();

  /** The Java class of the values. */
  Class<T> javaType();

  /**
   * Serializes a value.
   *
   * @return a new buffer at position 0 holding the serialized form, or null for a null value
   * @throws IllegalArgumentException if the value cannot be represented in the CQL type
   */
  ByteBuffer encode(T value, ProtocolVersion version);

  /**
   * Deserializes the bytes from {@code bytes.position()} to {@code bytes.limit()}, without changing
   * the caller's position.
   *
   * @return the value, or null for a null ({@code bytes == null}) cell; fixed-width numeric codecs
   *     also return null for an empty cell, as Cassandra allows empty values in those columns
   * @throws io.loomcql.ProtocolException if the bytes are not a valid serialized value (e.g. "int
   *     needs 4 bytes, got 3")
   */
  T decode(ByteBuffer bytes, ProtocolVersion version);
}
