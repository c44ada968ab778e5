package io.loomcql.metadata;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A token of {@link ByteOrderedPartitioner}: the routing key's bytes themselves (the Python
 * driver's {@code cassandra.metadata.BytesToken}). Ordered as the server orders them: byte by
 * byte, each byte unsigned, a prefix before any longer value.
 *
 * <p>The array is copied in and out, so a token cannot change after it is made.
 *
 * @param value the token's bytes; not null, may be empty
 */
public record BytesToken(byte[] value) implements Token {

  /**
   * Copies {@code value}.
   *
   * @throws NullPointerException if {@code value} is null
   */
  public BytesToken {
    value = Objects.requireNonNull(value, "value").clone();
  }

  /** {@return a copy of the token's bytes} */
  @Override
  public byte[] value() {
    return value.clone();
  }

  /**
   * Orders unsigned lexicographically, as {@link Arrays#compareUnsigned(byte[], byte[])} does.
   *
   * @throws ClassCastException if {@code other} is not a {@code BytesToken}
   */
  @Override
  public int compareTo(Token other) {
    if (other instanceof BytesToken bytes) {
      return Arrays.compareUnsigned(value, bytes.value);
    }
    throw TokenComparison.ofDifferentKinds(this, other);
  }

  /** Equal when the bytes are equal. */
  @Override
  public boolean equals(Object other) {
    return other instanceof BytesToken bytes && Arrays.equals(value, bytes.value);
  }

  /** A hash of the bytes, consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  /** {@code BytesToken[value=<hex>]}, the bytes in lower-case hexadecimal as the server prints them. */
  @Override
  public String toString() {
    return "BytesToken[value=" + HexFormat.of().formatHex(value) + "]";
  }
}
