package io.loomcql.cqltypes;

import java.util.Objects;

/**
 * {@code list<element>} (protocol code 0x0020).
 *
 * @param element the type of the elements
 */
public record ListType(DataType element) implements DataType {

  /** Checks that the element type is given. */
  public ListType {
    Objects.requireNonNull(element, "element");
  }

  @Override
  public int protocolCode() {
    return 0x0020;
  }

  @Override
  public String cqlName() {
    return "list<" + element.cqlName() + ">";
  }

  @Override
  public String toString() {
    return cqlName();
  }
}
