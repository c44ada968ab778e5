package io.loomcql.metadata;

/** What {@link Token#compareTo} throws for tokens of two kinds. */
final class TokenComparison {
  private TokenComparison() {}

  static ClassCastException ofDifferentKinds(Token token, Token other) {
    return new ClassCastException("Cannot compare a " + token.getClass().getSimpleName()
        + " with a " + other.getClass().getSimpleName()
        + ": tokens of one ring come from one partitioner");
  }
}
