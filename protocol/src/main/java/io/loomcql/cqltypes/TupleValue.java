package io.loomcql.cqltypes;

import java.util.StringJoiner;

/**
 * A value of a CQL {@code tuple<...>}: its components by position, each nullable. Create one
 * with {@link TupleType#newValue(Object...)} and fill it with {@link #set(int, Object)}; a tuple
 * read from the server is a TupleValue too (trailing components the server left out are null).
 * Mutable and not thread-safe.
 */
public final class TupleValue extends IndexedValue<TupleValue> {

  private final TupleType type;

  /** A value of {@code type} with every component null. */
  public TupleValue(TupleType type) {
    super(type.components());
    this.type = type;
  }

  @Override
  public TupleType type() {
    return type;
  }

  @Override
  String describe(int index) {
    return "component " + index + " of " + type.cqlName();
  }

  /** The components in CQL literal style, e.g. {@code (1, 'a', null)}. */
  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "(", ")");
    for (int i = 0; i < size(); i++) {
      j.add(show(rawValue(i)));
    }
    return j.toString();
  }
}
