package io.loomcql.metadata;

/**
 * A token of {@link Murmur3Partitioner}, a signed 64-bit value ordered as a {@code long} (the
 * Python driver's {@code cassandra.metadata.Murmur3Token}).
 *
 * <p>Tokens computed from keys are never {@code Long.MIN_VALUE}, which the server reserves for the
 * ring's minimum; a token parsed from the server may be any {@code long}.
 *
 * @param value the token, as the server prints it in {@code system.local.tokens} and {@code token()}
 */
public record Murmur3Token(long value) implements Token {

  /**
   * Orders by {@link #value()} as a signed {@code long}.
   *
   * @throws ClassCastException if {@code other} is not a {@code Murmur3Token}
   */
  @Override
  public int compareTo(Token other) {
    if (other instanceof Murmur3Token murmur3) {
      return Long.compare(value, murmur3.value);
    }
    throw TokenComparison.ofDifferentKinds(this, other);
  }
}
