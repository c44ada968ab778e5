package io.loomcql.cqltypes;

import java.util.Objects;

/**
 * {@code vector<element, dimension>} (Cassandra 5.0). The protocol has no code for it: servers send
 * it as the custom type {@code org.apache.cassandra.db.marshal.VectorType(<element class>,<n>)},
 * which loomcql parses into this record; {@link #protocolCode()} is therefore 0x0000 (custom).
 *
 * @param element the type of the elements
 * @param dimension the number of elements, at least 1
 */
public record VectorType(DataType element, int dimension) implements DataType {

  /** Checks the element type and the dimension. */
  public VectorType {
    Objects.requireNonNull(element, "element");
    if (dimension < 1) {
      throw new IllegalArgumentException("A vector dimension must be at least 1, got " + dimension);
    }
  }

  @Override
  public int protocolCode() {
    return 0x0000;
  }

  @Override
  public String cqlName() {
    return "vector<" + element.cqlName() + ", " + dimension + ">";
  }

  @Override
  public String toString() {
    return cqlName();
  }
}
