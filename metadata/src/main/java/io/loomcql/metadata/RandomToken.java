package io.loomcql.metadata;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A token of {@link RandomPartitioner}: a non-negative integer below 2^127 when computed from a key
 * (the Python driver's {@code cassandra.metadata.MD5Token}).
 *
 * @param value the token, as the server prints it in {@code system.local.tokens}; not null
 */
public record RandomToken(BigInteger value) implements Token {

  /**
   * Checks the value.
   *
   * @throws NullPointerException if {@code value} is null
   */
  public RandomToken {
    Objects.requireNonNull(value, "value");
  }

  /**
   * Orders by {@link #value()} as an integer.
   *
   * @throws ClassCastException if {@code other} is not a {@code RandomToken}
   */
  @Override
  public int compareTo(Token other) {
    if (other instanceof RandomToken random) {
      return value.compareTo(random.value);
    }
    throw TokenComparison.ofDifferentKinds(this, other);
  }
}
